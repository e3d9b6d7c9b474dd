"""Findings (issue 18, item 4): grouped from observations with an owner, a proposal and a
deadline; one action makes a measure in the current åtgärdsplan or a report in the
workflow, the link kept and audited."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope

from tests.helpers import category, make_organisation, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.reports.models import Report
from trygg.strategy import services as strategy
from trygg.walks.models import Finding
from trygg.walks.services import findings as services
from trygg.walks.services.findings import FindingInput

from .followup_data import add_observation, make_walk, today


@pytest.fixture
def walk(koping, users):
    walk = make_walk(koping, users[Role.SAMORDNARE])
    first = add_observation(walk, "belysning", 0, "Mörk gångtunnel", lat=59.508, lon=15.988)
    second = add_observation(walk, "belysning", 1, "Trasig lampa", lat=59.512, lon=15.992)
    return walk, first, second


@pytest.fixture
def leader(users, koping):
    return viewer_for(users[Role.SAMORDNARE], koping)


def _input(observations, **extra):
    fields = {
        "title": "Mörk gångtunnel",
        "proposal": "Byt armaturer och sätt upp fler lampor.",
        "deadline": today() + timedelta(days=30),
        "observations": observations,
        "owner_name": "Trafikverket",
        "owner_email": "region.mitt@trafikverket.example",
    } | extra
    return FindingInput(**fields)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"observations": []}, "observations", "Välj minst en observation som bristen bygger på."),
        (
            {"owner_name": "", "owner_email": ""},
            "owner_name",
            "Ange vem som ansvarar: en organisation eller ett namn.",
        ),
        ({"deadline": "past"}, "deadline", "Sista svarsdag kan inte ligga bakåt i tiden."),
        ({"title": "  "}, "title", "Ange en rubrik för bristen."),
        ({"proposal": ""}, "proposal", "Skriv ett förslag till åtgärd."),
    ],
)
def test_a_finding_with_bad_input_is_refused_with_a_swedish_message(
    walk, leader, koping, change, field, message
):
    walk, first, second = walk
    change = dict(change)
    if change.get("deadline") == "past":
        change = {"deadline": today() - timedelta(days=1)}
    with scope(municipality=koping):
        with pytest.raises(ValidationError) as error:
            services.finding_create(
                viewer=leader,
                walk=walk,
                data=_input(change.pop("observations", [first, second]), **change),
            )
        assert error.value.message_dict[field] == [message]
        assert Finding.objects.count() == 0


def test_an_observation_of_another_walk_cannot_join_a_finding(walk, leader, koping, users):
    walk, first, _second = walk
    other = make_walk(koping, users[Role.SAMORDNARE], area=walk.area, title="En annan vandring")
    stranger = add_observation(other, "sikt", 2)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        services.finding_create(viewer=leader, walk=walk, data=_input([first, stranger]))
    assert error.value.message_dict["observations"] == [
        "Observationerna ska höra till den här vandringen."
    ]


def test_only_the_leaders_role_may_record_findings(walk, users, koping):
    walk, first, _ = walk
    analyst = viewer_for(users[Role.ANALYTIKER], koping)
    with scope(municipality=koping), pytest.raises(PermissionDenied):
        services.finding_create(viewer=analyst, walk=walk, data=_input([first]))


def test_a_finding_of_two_observations_takes_its_owner_from_the_organisation(walk, leader, koping):
    walk, first, second = walk
    org = make_organisation(koping, "Tekniska förvaltningen")
    org.email = "teknik@koping.example"
    org.save()
    with scope(municipality=koping):
        finding = services.finding_create(
            viewer=leader,
            walk=walk,
            data=_input([first, second], owner_organisation=org, owner_name="", owner_email=""),
        )
        assert (finding.owner_name, finding.owner_email) == (
            "Tekniska förvaltningen",
            "teknik@koping.example",
        )
        assert sorted(finding.observations.values_list("pk", flat=True)) == [first.pk, second.pk]
        row = AuditEvent.objects.get(event="walks.finding_created")
        assert row.data["observations"] == [first.pk, second.pk]


def _plan(leader):
    picture = strategy.strategic_picture_draft(
        viewer=leader, start_year=today().year - 1, end_year=today().year
    )
    return strategy.plan_save(
        viewer=leader,
        title="Åtgärdsplan",
        start_year=today().year - 1,
        end_year=today().year,
        picture=picture,
        follow_up_months=3,
    )


def test_a_finding_becomes_a_measure_of_the_current_plan_in_the_walks_area(walk, leader, koping):
    walk, first, _ = walk
    org = make_organisation(koping, "Tekniska förvaltningen")
    with scope(municipality=koping):
        plan = _plan(leader)
        finding = services.finding_create(viewer=leader, walk=walk, data=_input([first]))
        measure = services.finding_to_measure(viewer=leader, finding=finding, owner=org)
        finding.refresh_from_db()
        assert (finding.measure_id, finding.status) == (measure.pk, "atgardas")
        assert (measure.plan_id, measure.area_id, measure.owner_id) == (
            plan.pk,
            walk.area_id,
            org.pk,
        )
        assert measure.owner_person == "Trafikverket"
        assert measure.title == "Mörk gångtunnel"
        row = AuditEvent.objects.get(event="walks.finding_to_measure")
        assert row.data == {"walk": walk.pk, "measure": measure.pk, "plan": plan.pk}
        with pytest.raises(ValidationError, match="redan en åtgärd eller en rapport"):
            services.finding_to_measure(viewer=leader, finding=finding, owner=org)


def test_an_external_owners_finding_needs_an_organisation_for_its_measure(walk, leader, koping):
    walk, first, _ = walk
    with scope(municipality=koping):
        _plan(leader)
        finding = services.finding_create(viewer=leader, walk=walk, data=_input([first]))
        with pytest.raises(ValidationError) as error:
            services.finding_to_measure(viewer=leader, finding=finding)
        assert error.value.message_dict["owner"] == [
            "Välj vilken organisation i kommunen som ansvarar för åtgärden."
        ]


def test_without_a_current_plan_a_finding_cannot_become_a_measure(walk, leader, koping):
    walk, first, _ = walk
    org = make_organisation(koping, "Tekniska förvaltningen")
    with scope(municipality=koping):
        finding = services.finding_create(viewer=leader, walk=walk, data=_input([first]))
        with pytest.raises(ValidationError, match="ingen aktuell åtgärdsplan"):
            services.finding_to_measure(viewer=leader, finding=finding, owner=org)


def test_a_finding_becomes_a_report_at_its_observations_mean_point(walk, leader, koping):
    walk, first, second = walk
    with scope(municipality=koping):
        finding = services.finding_create(viewer=leader, walk=walk, data=_input([first, second]))
        report = services.finding_to_report(
            viewer=leader, finding=finding, category=category(koping, "klotter")
        )
        finding.refresh_from_db()
        assert finding.report_id == report.pk
        stored = Report.objects.get(pk=report.pk)
        assert (round(stored.lat, 4), round(stored.lon, 4)) == (59.51, 15.99)
        assert (stored.kind, stored.category.code, stored.occurred_at) == (
            "otrygghet",
            "klotter",
            first.recorded_at,
        )
        assert AuditEvent.objects.get(event="walks.finding_to_report").data["report"] == report.pk
        with pytest.raises(ValidationError):
            services.finding_to_report(viewer=leader, finding=finding, category=stored.category)
