import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django_scopes import scopes_disabled

from trygg.core.models import AuditEvent, Membership, Municipality, Organisation
from trygg.forums.models import Decision
from trygg.geo.models import Area


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
        }


def test_demo_loads_koping_with_demo_users_and_is_idempotent(db, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    for username in ("admin", "samordnare", "analytiker", "rapportor", "polis", "radsledamot"):
        assert username in out
        assert get_user_model().objects.get(username=username).check_password("demo")
    first = _counts()
    assert first["municipalities"] == 3
    with scopes_disabled():
        assert Area.objects.filter(municipality__kommunkod="1983", kind="deso").count() == 16
        assert Area.objects.filter(municipality__kommunkod="1983", kind="stadsdel").count() == 9
        # BRÅ and EST have held meetings with § decisions, as the guideline's forums do.
        paragraphs = sorted(
            (d.meeting.forum.kind, d.paragraph.split("/")[0])
            for d in Decision.objects.filter(meeting__forum__kind__in=["bra", "est"])
        )
    assert paragraphs == [("bra", "§ 1"), ("bra", "§ 2"), ("est", "§ 1"), ("est", "§ 2")]
    call_command("load_demo")
    assert _counts() == first


def test_demo_is_refused_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("load_demo")
