"""The register's rules: bad input refused with the reason, schedules, retention."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope, scopes_disabled

from trygg.core.models import AuditEvent, Role

from ..models import Case
from ..services.analyses import analysis_create, analysis_review
from ..services.cases import cases_purge
from ..services.controls import control_run
from ..validation import normalise_organisation_number
from .helpers import make_analysis, make_case, make_control, make_run, valfard_viewer


@pytest.fixture
def viewer(users, koping):
    return valfard_viewer(users[Role.VALFARD], koping)


def test_an_analysis_without_a_regelverk_is_refused(viewer):
    with scope(municipality=viewer.municipality), pytest.raises(ValidationError) as error:
        analysis_create(viewer=viewer, regelverk="", owner="Chef", reviewed_on=date(2026, 1, 1))
    assert error.value.message_dict == {"regelverk": ["Välj vilket regelverk analysen gäller."]}


def test_only_the_welfare_role_may_write(users, koping):
    samordnare = valfard_viewer(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping), pytest.raises(PermissionDenied):
        analysis_create(
            viewer=samordnare, regelverk="iop", owner="Chef", reviewed_on=date(2026, 1, 1)
        )


def test_a_review_moves_the_next_review_by_the_schedule(viewer):
    analysis = make_analysis(viewer, reviewed_on=date(2025, 8, 31))
    assert analysis.next_review_on == date(2026, 8, 31)
    assert analysis.review_overdue(date(2026, 9, 1))
    with scope(municipality=viewer.municipality):
        analysis_review(viewer=viewer, analysis=analysis, reviewed_on=date(2026, 9, 2))
    assert analysis.next_review_on == date(2027, 9, 2)
    assert not analysis.review_overdue(date(2026, 9, 3))


def test_a_control_run_without_a_result_is_refused(viewer):
    control = make_control(viewer)
    with scope(municipality=viewer.municipality), pytest.raises(ValidationError) as error:
        control_run(viewer=viewer, control=control, run_on=date(2026, 2, 1), result="")
    assert error.value.message_dict == {"result": ["Ange kontrollens resultat."]}


def test_a_deviation_must_be_described(viewer):
    control = make_control(viewer)
    with pytest.raises(ValidationError) as error:
        make_run(viewer, control, date(2026, 2, 1), result="avvikelse")
    assert list(error.value.message_dict) == ["deviations"]


def test_a_control_is_overdue_one_frequency_after_its_last_run(viewer):
    control = make_control(viewer, starts_on=date(2026, 1, 1), frequency=31)
    assert control.due_on == date(2026, 2, 1)
    assert control.overdue(date(2026, 2, 2)) and not control.overdue(date(2026, 2, 1))
    make_run(viewer, control, date(2026, 2, 10))
    control.refresh_from_db()
    assert control.due_on == date(2026, 3, 13)
    # An older run logged afterwards does not move the schedule back.
    make_run(viewer, control, date(2026, 1, 20))
    control.refresh_from_db()
    assert control.last_run_on == date(2026, 2, 10)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Ersättning till 811218-9876 betalades ut", "ett personnummer"),
        ("Gäller 811278-9873 som fick assistans", "ett samordningsnummer"),
        ("Ring 070-123 45 67 om detta", "ett telefonnummer"),
        ("Tips från kalle@example.se", "en e-postadress"),
        ("Bilen ABC 123 stod utanför", "ett registreringsnummer"),
        ("Brukaren heter enligt tipset Anna Berg", "något som ser ut som ett namn"),
    ],
)
def test_a_case_with_personal_data_is_refused_with_the_reason(viewer, text, reason):
    with pytest.raises(ValidationError) as error:
        make_case(viewer, summary=text)
    assert error.value.message_dict == {
        "summary": [f"Texten innehåller {reason}. Skriv om den utan personuppgifter."]
    }
    with scopes_disabled():
        assert not Case.objects.exists()


def test_organisation_numbers_are_checked():
    assert normalise_organisation_number("556123 4567") == "556123-4567"
    assert normalise_organisation_number("16 5561234567") == "556123-4567"
    assert normalise_organisation_number("") == ""
    for bad, code in (("556123-4568", "checksum"), ("811218-9876", "individual"), ("55", "format")):
        with pytest.raises(ValidationError) as error:
            normalise_organisation_number(bad)
        assert error.value.code == code


def test_an_individuals_number_as_organisation_is_refused(viewer):
    with pytest.raises(ValidationError) as error:
        make_case(viewer, organisation_number="811218-9876")
    assert (
        "inte en juridisk persons organisationsnummer"
        in error.value.message_dict["organisation_number"][0]
    )


def test_cases_get_pseudonymous_references_per_year(viewer):
    first = make_case(viewer, organisation_number="5561234567")
    second = make_case(viewer)
    assert (first.reference, second.reference) == ("VB-2026-001", "VB-2026-002")
    assert first.organisation_number == "556123-4567"


def test_a_police_report_before_detection_is_refused(viewer):
    with pytest.raises(ValidationError) as error:
        make_case(viewer, police_report_on=date(2026, 3, 1))
    assert list(error.value.message_dict) == ["police_report_on"]


def test_closed_cases_are_deleted_five_years_after_closing(viewer):
    old = make_case(viewer, detected_on=date(2020, 1, 10), closed_on=date(2021, 6, 1))
    kept = make_case(viewer, detected_on=date(2021, 1, 10), closed_on=date(2021, 6, 3))
    running = make_case(viewer, detected_on=date(2019, 1, 10))
    assert cases_purge(today=date(2026, 6, 2)) == 1
    with scopes_disabled():
        assert set(Case.objects.values_list("pk", flat=True)) == {kept.pk, running.pk}
        assert not Case.objects.filter(pk=old.pk).exists()
        event = AuditEvent.objects.get(event="welfare.cases_purged")
    assert event.data == {"count": 1, "before": "2021-06-02"}
