"""The handläggare's journey through the pages: an analysis, a control run, a case; every
read of a case in the audit log; bad input keeps what was typed."""

from datetime import date

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from trygg.core.models import AuditEvent, Role

from ..models import Analysis, Case, ControlRun
from .helpers import make_case, make_control, valfard_viewer


@pytest.fixture
def valfard(client, users):
    client.force_login(users[Role.VALFARD])
    return users[Role.VALFARD]


def test_the_handlaggare_records_an_analysis_with_a_risk(client, valfard):
    response = client.post(
        reverse("welfare:analysis_create"),
        {
            "regelverk": "foreningsbidrag",
            "owner": "Fritidschef",
            "review_months": "12",
            "reviewed_on": "2026-02-01",
        },
    )
    with scopes_disabled():
        analysis = Analysis.objects.get()
    assert response["Location"] == reverse("welfare:analysis_detail", args=[analysis.pk])
    response = client.post(
        response["Location"],
        {
            "risk-description": "Föreningen uppger fler medlemmar än den har",
            "risk-exploitation": "Medlemsantalet styr bidraget och kontrolleras inte",
            "risk-likelihood": "3",
            "risk-consequence": "3",
            "risk-owner": "Fritidschef",
            "risk-status": "identifierad",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "3 × 3 = 9 (Hög)" in page


def test_an_analysis_without_a_regelverk_keeps_what_was_typed(client, valfard):
    response = client.post(
        reverse("welfare:analysis_create"),
        {
            "regelverk": "",
            "owner": "Fritidschef",
            "review_months": "12",
            "reviewed_on": "2026-02-01",
        },
    )
    page = response.content.decode()
    assert "Välj vilket regelverk analysen gäller." in page
    assert 'value="Fritidschef"' in page


def test_the_handlaggare_runs_a_control_and_a_run_without_result_is_refused(
    client, valfard, koping
):
    control = make_control(valfard_viewer(valfard, koping))
    url = reverse("welfare:control_detail", args=[control.pk])
    response = client.post(url, {"run_on": "2026-02-03", "result": "", "checked": "12"})
    assert response.status_code == 400
    assert "Ange kontrollens resultat." in response.content.decode()
    response = client.post(
        url,
        {"run_on": "2026-02-03", "result": "avvikelse", "checked": "12", "deviations": "Två "
         "fakturor saknade underlag"},
    )  # fmt: skip
    assert response.status_code == 302
    with scopes_disabled():
        assert ControlRun.objects.get().deviations == "Två fakturor saknade underlag"


def test_the_handlaggare_logs_a_case_and_a_personnummer_is_refused(client, valfard):
    data = {
        "regelverk": "assistans",
        "kind": "ej_utford",
        "detection": "tips",
        "detected_on": "2026-03-02",
        "organisation_number": "556123-4567",
        "amount_paid": "250000",
        "amount_reclaimed": "120000",
        "police_report_on": "2026-03-20",
        "notifications_sent": "1",
        "notifications_received": "0",
        "outcome": "aterkrav",
        "summary": "Assistansbolaget fakturerade timmar för 811218-9876",
    }
    response = client.post(reverse("welfare:case_create"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Texten innehåller ett personnummer. Skriv om den utan personuppgifter." in page
    assert 'value="556123-4567"' in page
    with scopes_disabled():
        assert not Case.objects.exists()
    data["summary"] = "Assistansbolaget fakturerade timmar som inte utförts"
    response = client.post(reverse("welfare:case_create"), data)
    with scopes_disabled():
        case = Case.objects.get()
    assert response["Location"] == reverse("welfare:case_detail", args=[case.pk])
    assert case.reference == "VB-2026-001" and case.days_to_police_report == 18


def test_every_read_of_a_case_is_audited_and_in_the_audit_log(client, valfard, users, koping):
    case = make_case(valfard_viewer(valfard, koping))
    client.get(reverse("welfare:case_detail", args=[case.pk]))
    client.get(reverse("welfare:case_edit", args=[case.pk]))
    response = client.get(reverse("welfare:case_export"))
    assert response.content.decode("utf-8-sig").splitlines()[1].startswith("VB-2026-001;")
    with scopes_disabled():
        events = list(
            AuditEvent.objects.filter(event__startswith="welfare.case")
            .order_by("pk")
            .values_list("event", "actor__username", "object_id")
        )
    # Sorted: the audit rows' order within one test transaction is not defined on PostgreSQL.
    assert sorted(events) == [
        ("welfare.case_created", "valfard", str(case.pk)),
        ("welfare.case_read", "valfard", str(case.pk)),
        ("welfare.case_read", "valfard", str(case.pk)),
        ("welfare.cases_exported", "valfard", ""),
    ]
    client.force_login(users[Role.ADMINISTRATOR])
    log = client.get(reverse("core:audit_list")).content.decode()
    # The rows' event cells (the event filter's list names the event once more).
    assert log.count('<td data-label="Händelse">Välfärdsbrottsärende läst</td>') == 2


def test_the_case_list_shows_references_and_filters(client, valfard, koping):
    viewer = valfard_viewer(valfard, koping)
    make_case(viewer, regelverk="assistans")
    make_case(viewer, regelverk="iop", detected_on=date(2026, 4, 1), closed_on=date(2026, 5, 1))
    page = client.get(reverse("welfare:cases") + "?omrade=iop").content.decode()
    assert "VB-2026-002" in page and "VB-2026-001" not in page
    page = client.get(reverse("welfare:cases") + "?oppna=1").content.decode()
    assert "VB-2026-001" in page and "VB-2026-002" not in page
