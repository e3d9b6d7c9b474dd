"""Strategy's answers in the law checklist, from what the municipality has decided."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.helpers import make_organisation, viewer_for
from trygg.core.contributions import checklist_for
from trygg.core.models import Role
from trygg.strategy.models import ActionPlan, Measure, MeasureFollowUp, StrategicPicture

YEAR = timezone.localdate().year


def _decided_picture(municipality, end_year):
    return StrategicPicture.objects.create(
        municipality=municipality,
        start_year=end_year - 1,
        end_year=end_year,
        status=StrategicPicture.Status.BESLUTAD,
        decided_by="Kommunfullmäktige",
        decided_on=date(end_year, 3, 10),
    )


def _decided_plan_followed_up(municipality, *, followed_up_days_ago):
    plan = ActionPlan.objects.create(
        municipality=municipality,
        title="Plan",
        start_year=YEAR - 1,
        end_year=YEAR,
        status=ActionPlan.Status.BESLUTAD,
    )
    measure = Measure.objects.create(
        municipality=municipality,
        plan=plan,
        title="Belysning",
        owner=make_organisation(municipality, "Tekniska förvaltningen"),
        start=date(YEAR - 1, 1, 1),
        end=date(YEAR, 12, 31),
        goal="G2",
    )
    MeasureFollowUp.objects.create(
        municipality=municipality,
        measure=measure,
        on=timezone.localdate() - timedelta(days=followed_up_days_ago),
        status=Measure.Status.PLANERAD,
        text="Påbörjad",
    )


@pytest.mark.parametrize(
    ("picture_ended", "plan_followed_up_days_ago", "expected"),
    [
        (None, None, [False, False, False]),
        (YEAR, 10, [True, True, True]),
        (YEAR - 1, 364, [True, True, True]),
        (YEAR - 2, 400, [False, True, False]),
    ],
)
def test_the_law_checklist_answers_from_decided_pictures_plans_and_follow_ups(
    users, koping, picture_ended, plan_followed_up_days_ago, expected
):
    with scopes_disabled():  # test setup across the scoped models
        if picture_ended:
            _decided_picture(koping, picture_ended)
        if plan_followed_up_days_ago is not None:
            _decided_plan_followed_up(koping, followed_up_days_ago=plan_followed_up_days_ago)
    answered = checklist_for(viewer_for(users[Role.SAMORDNARE], koping))
    assert [item.name for item, _ in answered] == [
        "strategy.picture",
        "strategy.plan",
        "strategy.follow_up",
    ]
    assert [answer.met for _, answer in answered] == expected


def test_each_answer_says_what_it_rests_on(users, koping):
    with scopes_disabled():  # test setup
        _decided_picture(koping, YEAR)
    answered = checklist_for(viewer_for(users[Role.SAMORDNARE], koping))
    evidence = [answer.evidence for _, answer in answered]
    assert evidence == [
        f"Lägesbild {YEAR - 1}–{YEAR}, beslutad {YEAR}-03-10.",
        f"Ingen beslutad åtgärdsplan gäller {YEAR}.",
        "Ingen åtgärd följd upp de senaste tolv månaderna.",
    ]
