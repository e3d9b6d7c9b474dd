"""Strategy's writes go through the core kernel: each records its typed event with ids in
the data, a link to another municipality's object is refused, and the plan pages' selectors
refuse a reader without `strategy.view`."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, make_organisation, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.strategy import crimestats, selectors, services
from trygg.strategy.models import (
    ActionPlan,
    CitizenPromise,
    FocusArea,
    ProblemPicture,
    StrategicPicture,
)

TODAY = date(2026, 11, 25)
STATISTICS = (
    "geografi,enhet,ar,variabel,varde,kalla\n"
    "Köping,Antal per 100 000 inv,2024,Totalt antal anmälda brott,8021.0,Anmälda brott\n"
).encode()


def _events():
    with scopes_disabled():
        return list(AuditEvent.objects.order_by("at"))


def _measure_fields(org, **extra):
    return {
        "title": "Belysning i tunneln",
        "description": "",
        "problem": None,
        "owner": org,
        "owner_person": "",
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
        "budget_sek": 150000,
        "area": None,
        "comparison_area": None,
        "effect_category": None,
        **extra,
    }


def test_every_strategy_write_records_its_typed_event_with_ids(users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    org = make_organisation(koping, "Tekniska förvaltningen")
    area = make_area(koping, "Centrum")
    with scope(municipality=koping):
        picture = services.strategic_picture_draft(viewer=viewer, start_year=2025, end_year=2026)
        services.strategic_picture_save(
            viewer=viewer,
            picture=picture,
            # Every part the law asks for, so the picture can be decided further down.
            sections={
                "omfattning": "Ny text",
                "konsekvenser": "Konsekvenser",
                "orsaker": "Orsaker",
                "kallor": "Polisens händelser och kommunens rapporter.",
            },
        )
        services.strategic_picture_set_status(
            viewer=viewer,
            picture=picture,
            status="beslutad",
            decided_by="KS",
            decided_on=TODAY,
            decision_paragraph="§ 1",
        )
        args = {"title": "Plan", "start_year": 2025, "end_year": 2026, "follow_up_months": 3}
        plan = services.plan_save(viewer=viewer, picture=picture, **args)
        services.plan_save(
            viewer=viewer, plan=plan, picture=picture, **{**args, "follow_up_months": 6}
        )
        measure = services.measure_save(viewer=viewer, plan=plan, **_measure_fields(org))
        indicator = services.indicator_add(
            viewer=viewer,
            measure=measure,
            name="Trygghet i enkäten",
            kind="manuell",
            category=None,
            area=None,
            target=None,
            lower_is_better=False,
        )
        services.indicator_value_add(viewer=viewer, indicator=indicator, on=TODAY, value=71)
        services.follow_up_add(
            viewer=viewer, measure=measure, on=TODAY, status="pagar", text="Halva klar"
        )
        services.plan_decide(
            viewer=viewer, plan=plan, decided_by="KF", decided_on=TODAY, decision_paragraph="§ 2"
        )
        services.problem_save(viewer=viewer, title="Skadegörelse", areas=[area], report_query="")
        focus = services.focus_area_save(
            viewer=viewer,
            title="Centrum",
            description="",
            decided_on=TODAY,
            decision_reference="EST § 4",
            status="aktivt",
            areas=[area],
        )
        promise = services.promise_save(
            viewer=viewer,
            year=2026,
            title="Tryggare centrum",
            introduction="",
            focus_areas=[focus],
            signed_on=TODAY,
            signed_by_municipality="KS ordförande",
            signed_by_police="LPO-chef",
        )
        services.activity_save(
            viewer=viewer,
            promise=promise,
            title="Nattvandring",
            description="",
            owner="kommun",
            owner_name="",
            status="pagar",
            follow_up="",
            focus_area=focus,
        )
        services.promise_publish(viewer=viewer, promise=promise)
        rows, _ = crimestats.parse_indicators(STATISTICS)
        services.statistics_import(viewer=viewer, rows=rows)
        services.measure_save(
            viewer=viewer, plan=plan, measure=measure, **_measure_fields(org, budget_sek=200000)
        )
        services.measure_withdraw(viewer=viewer, measure=measure, reason="Ersatt")
        services.plan_withdraw(viewer=viewer, plan=plan, reason="Ny plan")

    events = _events()
    assert [e.event for e in events] == [
        "strategy.picture_drafted",
        "strategy.picture_version_saved",
        "strategy.picture_decided",
        "strategy.plan_created",
        "strategy.plan_updated",
        "strategy.measure_created",
        "strategy.indicator_added",
        "strategy.indicator_value_added",
        "strategy.follow_up_added",
        "strategy.plan_decided",
        "strategy.problem_created",
        "strategy.focus_area_created",
        "strategy.promise_created",
        "strategy.activity_created",
        "strategy.promise_published",
        "strategy.statistics_imported",
        "strategy.measure_updated",
        "strategy.measure_withdrawn",
        "strategy.plan_withdrawn",
    ]
    assert {e.municipality_id for e in events} == {koping.pk}
    assert {e.actor_id for e in events} == {users[Role.SAMORDNARE].pk}
    by_event = {e.event: e for e in events}
    decided = by_event["strategy.plan_decided"]
    assert (decided.object_type, decided.object_id) == ("strategy.actionplan", str(plan.pk))
    assert decided.data == {"decided_on": "2026-11-25", "picture": picture.pk}
    assert by_event["strategy.picture_decided"].data == {"status": "beslutad", "version": 2}
    assert by_event["strategy.indicator_value_added"].data == {"on": "2026-11-25", "value": 71.0}
    assert by_event["strategy.problem_created"].data == {"areas": [area.pk], "focus_areas": []}
    assert by_event["strategy.statistics_imported"].data == {"rows": 1, "years": [2024]}
    assert by_event["strategy.plan_updated"].data["changes"] == {"follow_up_months": [3, 6]}
    assert by_event["strategy.measure_updated"].data == {
        "plan": plan.pk,
        "changes": {"budget_sek": ["150000", "200000"]},
        "changed_text": [],
    }
    assert by_event["strategy.measure_withdrawn"].data == {"plan": plan.pk}


@pytest.fixture
def arboga_objects(arboga):
    """Objects in Arboga that a Köping service call could be handed by a forged id."""
    area = make_area(arboga, "Arboga centrum", lon=15.84, lat=59.39)
    with scopes_disabled():
        return {
            "area": area,
            "focus_area": FocusArea.objects.create(
                municipality=arboga,
                title="Arboga",
                decided_on=TODAY,
                decision_reference="EST § 1",
            ),
            "picture": StrategicPicture.objects.create(
                municipality=arboga, start_year=2025, end_year=2026
            ),
        }


# (service, its arguments given Arboga's objects; what would be stored)
FOREIGN_LINKS = [
    (
        "focus_area_save",
        lambda o: {
            "title": "Torget",
            "description": "",
            "decided_on": TODAY,
            "decision_reference": "EST § 5",
            "status": "aktivt",
            "areas": [o["area"]],
        },
        FocusArea,
    ),
    (
        "promise_save",
        lambda o: {
            "year": 2026,
            "title": "Löfte",
            "introduction": "",
            "focus_areas": [o["focus_area"]],
        },
        CitizenPromise,
    ),
    (
        "plan_save",
        lambda o: {
            "title": "Plan",
            "start_year": 2025,
            "end_year": 2026,
            "picture": o["picture"],
            "follow_up_months": 3,
        },
        ActionPlan,
    ),
    ("problem_save", lambda o: {"title": "Problem", "areas": [o["area"]]}, ProblemPicture),
]


@pytest.mark.parametrize(("service", "arguments", "model"), FOREIGN_LINKS)
def test_a_link_to_another_municipalitys_object_is_refused_and_nothing_is_stored(
    users, koping, arboga_objects, service, arguments, model
):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping), pytest.raises(ValidationError, match="hör inte till kommunen"):
        getattr(services, service)(viewer=viewer, **arguments(arboga_objects))
    with scopes_disabled():
        stored = model.objects.filter(municipality=koping).count()
    assert (stored, _events()) == (0, [])


def test_a_measure_in_another_municipalitys_area_is_refused(users, koping, arboga_objects):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    org = make_organisation(koping, "Tekniska förvaltningen")
    with scope(municipality=koping):
        args = {"title": "Plan", "start_year": 2025, "end_year": 2026, "follow_up_months": 3}
        plan = services.plan_save(viewer=viewer, picture=None, **args)
        with pytest.raises(ValidationError, match="hör inte till kommunen"):
            services.measure_save(
                viewer=viewer, plan=plan, **_measure_fields(org, area=arboga_objects["area"])
            )
        assert list(plan.measures.all()) == []


@pytest.mark.parametrize(
    "read",
    [
        lambda v: selectors.plan_list(viewer=v),
        lambda v: selectors.plan_get(viewer=v, pk=1),
        lambda v: selectors.measure_get(viewer=v, pk=1),
        lambda v: selectors.problem_list(viewer=v),
        lambda v: selectors.picture_list(viewer=v),
    ],
    ids=["plan_list", "plan_get", "measure_get", "problem_list", "picture_list"],
)
def test_plan_selectors_refuse_a_reader_without_strategy_view(users, koping, read):
    viewer = viewer_for(users[Role.RAPPORTOR], koping)
    with scope(municipality=koping), pytest.raises(PermissionDenied):
        read(viewer)
