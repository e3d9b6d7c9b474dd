"""Plans and measures are edited and withdrawn (never deleted) on their pages, and each
change is in a history that says who changed what and when."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.helpers import make_organisation, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.strategy import selectors, services
from trygg.strategy.models import ActionPlan, Measure

MEASURE = {
    "title": "Belysning i tunneln",
    "description": "",
    "problem": None,
    "owner_person": "",
    "goal": "G1",
    "start": date(2026, 1, 1),
    "end": date(2026, 12, 31),
    "budget_sek": 150000,
    "area": None,
    "comparison_area": None,
    "effect_category": None,
}


@pytest.fixture
def plan_and_measure(users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    org = make_organisation(koping, "Tekniska förvaltningen")
    with scope(municipality=koping):
        plan = services.plan_save(
            viewer=viewer,
            title="Åtgärdsplan",
            start_year=2025,
            end_year=2026,
            picture=None,
            follow_up_months=3,
        )
        measure = services.measure_save(viewer=viewer, plan=plan, owner=org, **MEASURE)
    return plan, measure, org


def _measure_post(org, **changes):
    data = {"form": "edit"}
    fields = {**MEASURE, "owner": org.pk, **changes}
    for key, value in fields.items():
        data[f"edit-{key}"] = "" if value is None else str(value)
    return data


# (role, may edit and withdraw): strategy.manage_plans is the samordnare's alone.
ROLES = [
    (Role.ADMINISTRATOR, False),
    (Role.SAMORDNARE, True),
    (Role.ANALYTIKER, False),
    (Role.RAPPORTOR, False),
    (Role.POLIS, False),
    (Role.RADSLEDAMOT, False),
]


@pytest.mark.parametrize("role,allowed", ROLES)
def test_only_roles_that_manage_plans_may_edit_and_withdraw_plans_and_measures(
    client, users, koping, plan_and_measure, role, allowed
):
    plan, measure, org = plan_and_measure
    client.force_login(users[role])
    posts = [
        ("strategy:measure_detail", measure.pk, _measure_post(org, title="Ny belysning")),
        ("strategy:measure_detail", measure.pk, {"form": "withdraw", "withdraw-reason": "Fel"}),
        (
            "strategy:plan_detail",
            plan.pk,
            {
                "form": "plan",
                "plan-title": "Ny rubrik",
                "plan-start_year": 2025,
                "plan-end_year": 2026,
                "plan-follow_up_months": 3,
            },
        ),
        ("strategy:plan_detail", plan.pk, {"form": "withdraw", "withdraw-reason": "Ersatt"}),
    ]
    for name, pk, data in posts:
        response = client.post(reverse(name, args=[pk]), data)
        assert response.status_code in (200, 302, 403)
    with scopes_disabled():
        plan.refresh_from_db()
        measure.refresh_from_db()
    if allowed:
        assert (measure.title, measure.withdrawn, plan.title, plan.withdrawn) == (
            "Ny belysning",
            True,
            "Ny rubrik",
            True,
        )
    else:
        assert (measure.title, measure.withdrawn, plan.title, plan.withdrawn) == (
            "Belysning i tunneln",
            False,
            "Åtgärdsplan",
            False,
        )


def test_a_measure_from_another_municipality_is_not_found(client, arboga_admin, plan_and_measure):
    plan, measure, org = plan_and_measure
    client.force_login(arboga_admin)
    response = client.post(
        reverse("strategy:measure_detail", args=[measure.pk]),
        {"form": "withdraw", "withdraw-reason": "Fel"},
    )
    assert response.status_code == 404


def test_an_edited_measure_records_who_changed_what_and_when(
    client, users, koping, plan_and_measure
):
    plan, measure, org = plan_and_measure
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(
        reverse("strategy:measure_detail", args=[measure.pk]),
        _measure_post(org, end="2027-03-31", goal="G4", description="Fler lampor"),
    )
    assert response.status_code == 302
    with scopes_disabled():
        event = AuditEvent.objects.filter(event="strategy.measure_updated").get()
        history = selectors.measure_history(measure=Measure.objects.get())
    assert event.actor == users[Role.SAMORDNARE]
    # The description's words stay out of the audit row; its change is named.
    assert event.data["changes"] == {"end": ["2026-12-31", "2027-03-31"], "goal": ["G1", "G4"]}
    assert event.data["changed_text"] == ["description"]
    assert history[0].changes == [
        "Slut: 2026-12-31 → 2027-03-31",
        "Mål i riktlinjen: G1 En trygg och säker kommun → G4 Aktiviteter för barn och unga",
        "Beskrivning ändrad",
    ]
    page = client.get(reverse("strategy:measure_detail", args=[measure.pk])).content.decode()
    assert "Slut: 2026-12-31 → 2027-03-31" in page
    assert "G4 Aktiviteter för barn och unga" in page


def test_saving_a_measure_unchanged_writes_no_history(users, koping, plan_and_measure):
    plan, measure, org = plan_and_measure
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        services.measure_save(viewer=viewer, plan=plan, measure=measure, owner=org, **MEASURE)
        assert not AuditEvent.objects.filter(event="strategy.measure_updated").exists()


def test_a_withdrawn_measure_stays_on_its_plan_and_cannot_be_changed(
    users, koping, plan_and_measure
):
    plan, measure, org = plan_and_measure
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        with pytest.raises(ValidationError, match="Skriv varför"):
            services.measure_withdraw(viewer=viewer, measure=measure, reason="  ")
        services.measure_withdraw(viewer=viewer, measure=measure, reason="Dubblett")
        with pytest.raises(ValidationError, match="tillbakadragen"):
            services.measure_save(viewer=viewer, plan=plan, measure=measure, owner=org, **MEASURE)
        with pytest.raises(ValidationError, match="tillbakadragen"):
            services.follow_up_add(
                viewer=viewer, measure=measure, on=date(2026, 2, 1), status="pagar", text="Ok"
            )
        rows = selectors.plan_measures(plan=plan)
        history = selectors.plan_history(plan=plan)
    assert [(m.title, m.withdrawn, late) for m, _last, _due, late in rows] == [
        ("Belysning i tunneln", True, False)
    ]
    assert [h.what for h in history] == [
        "Åtgärd Belysning i tunneln tillbakadragen",
        "Åtgärd Belysning i tunneln",
        "Åtgärdsplan Åtgärdsplan",
    ]


def test_a_withdrawn_plan_leaves_the_overdue_list_and_cannot_be_decided(
    users, koping, plan_and_measure
):
    plan, measure, org = plan_and_measure
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        today = date(2026, 11, 25)
        assert [m.pk for m, _ in selectors.overdue_measures(municipality=koping, today=today)] == [
            measure.pk
        ]
        services.plan_withdraw(viewer=viewer, plan=plan, reason="Ersatt av ny plan")
        assert selectors.overdue_measures(municipality=koping, today=today) == []
        with pytest.raises(ValidationError, match="tillbakadragen"):
            services.plan_decide(
                viewer=viewer,
                plan=plan,
                decided_by="KF",
                decided_on=today,
                decision_paragraph="§ 1",
            )
        assert ActionPlan.objects.filter(pk=plan.pk).exists()


def test_plan_page_shows_goal_and_history(client, users, koping, plan_and_measure):
    plan, measure, org = plan_and_measure
    client.force_login(users[Role.RADSLEDAMOT])
    page = client.get(reverse("strategy:plan_detail", args=[plan.pk])).content.decode()
    assert '<abbr title="G1 En trygg och säker kommun">G1</abbr>' in page
    assert "Åtgärd Belysning i tunneln" in page
    assert "Dra tillbaka planen" not in page
