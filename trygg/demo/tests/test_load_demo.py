import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django_scopes import scopes_disabled

from trygg.core.models import AuditEvent, Membership, Municipality, Organisation
from trygg.forums.models import Decision, Meeting
from trygg.geo.models import Area
from trygg.strategy.models import (
    ActionPlan,
    CitizenPromise,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureFollowUp,
    ProblemPicture,
    PromiseActivity,
    StrategicPicture,
    StrategicPictureVersion,
)

CYCLE = (
    Meeting,
    Decision,
    StrategicPicture,
    StrategicPictureVersion,
    ProblemPicture,
    ActionPlan,
    Measure,
    Indicator,
    IndicatorValue,
    MeasureFollowUp,
    CitizenPromise,
    PromiseActivity,
)


def _counts():
    with scopes_disabled():
        return {
            "municipalities": Municipality.objects.count(),
            "organisations": Organisation.objects.count(),
            "memberships": Membership.objects.count(),
            "areas": Area.objects.count(),
            "users": get_user_model().objects.count(),
            "audit": AuditEvent.objects.count(),
            "areas_changed": list(Area.objects.order_by("pk").values_list("updated_at", flat=True)),
            **{model.__name__: model.objects.count() for model in CYCLE},
        }


def test_demo_loads_koping_with_demo_users_and_is_idempotent(loaded_demo, capsys):
    # The demo as the first load left it (built once per test process, tests/demo_snapshot),
    # then loaded again: the second load names the users and changes nothing.
    first = _counts()
    call_command("load_demo")
    out = capsys.readouterr().out
    for username in (
        "admin",
        "samordnare",
        "analytiker",
        "rapportor",
        "polis",
        "radsledamot",
        "valfard",
    ):
        assert username in out
        assert get_user_model().objects.get(username=username).check_password("demo")
    assert first["municipalities"] == 3
    with scopes_disabled():
        assert Area.objects.filter(municipality__kommunkod="1983", kind="deso").count() == 16
        assert Area.objects.filter(municipality__kommunkod="1983", kind="stadsdel").count() == 9
        # BRÅ (four a year) and EST have held meetings with minutes and § decisions, as the
        # guideline's forums do; the earlier decisions have been followed up.
        held = Meeting.objects.filter(forum__kind__in=["bra", "est"], status="genomfort")
        assert sorted(held.values_list("forum__kind", flat=True)) == ["bra"] * 4 + ["est"] * 4
        assert not held.filter(notes="").exists()
        decisions = Decision.objects.filter(meeting__in=held)
        assert (decisions.filter(meeting__forum__kind="bra").count(), decisions.count()) == (8, 14)
        assert decisions.exclude(status="beslutad").count() == 10
    assert first["StrategicPicture"] == first["ActionPlan"] == first["CitizenPromise"] == 1
    assert (first["ProblemPicture"], first["Measure"], first["PromiseActivity"]) == (2, 4, 5)
    assert _counts() == first


def test_demo_is_refused_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("load_demo")
