"""Kvinnojour support, youth–police cooperation and SSPF: bad input, the annual report's
upload, file and review, suppression for roles that may not see individuals, outputs, the
overdue-routines panel and the retention of report files."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import body_of, make_area, make_forum, viewer_for
from trygg.core.contributions import panels_for
from trygg.core.models import AuditEvent, Role
from trygg.programmes.models import (
    AnnualReport,
    CooperationRoutine,
    ProgrammeKind,
    QuarterCount,
    SupportAgreement,
)
from trygg.programmes.outputs import outputs_for
from trygg.programmes.selectors import support as selectors
from trygg.programmes.services import support as services

from .support_helpers import PDF, make_agreement, make_programme

COUNTS = {"open_at_start": 10, "started": 6, "ended": 5, "goal_met": 3, "consent": 9}
PNR_REASON = "Texten innehåller ett personnummer. Skriv om den utan personuppgifter."


@pytest.fixture
def samordnare(users, koping):
    return viewer_for(users[Role.SAMORDNARE], koping)


@pytest.fixture
def polis(users, koping):
    return viewer_for(users[Role.POLIS], koping)


def _agreement(viewer, programme, organisation, changes):
    fields = {
        "viewer": viewer,
        "programme": programme,
        "organisation": organisation,
        "form": SupportAgreement.Form.BIDRAG,
        "amount_sek": Decimal(100000),
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
        "purpose": "Jourtelefon och stödsamtal",
    }
    fields.update(changes)
    return services.agreement_create(**fields)


# --- Bad input: one table ----------------------------------------------------------------


BAD_AGREEMENTS = [
    ("organisation", {"organisation": None}, "Ange vilken organisation överenskommelsen gäller."),
    ("purpose", {"purpose": "Stöd till 19850312-1234 i maj"}, PNR_REASON),
    ("amount_sek", {"amount_sek": Decimal(-1)}, "Beloppet kan inte vara negativt."),
    ("end", {"end": date(2025, 6, 1)}, "Slutdatum kan inte vara före startdatum."),
]


@pytest.mark.parametrize(("field", "changes", "message"), BAD_AGREEMENTS)
def test_a_bad_agreement_is_refused_with_the_reason(
    koping, koping_org, samordnare, field, changes, message
):
    programme = make_programme(koping, koping_org)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        _agreement(samordnare, programme, koping_org, changes)
    assert error.value.message_dict == {field: [message]}
    with scopes_disabled():
        assert SupportAgreement.objects.count() == 0


BAD_QUARTERS = [
    ("started", {"started": -1}, "Antalet kan inte vara negativt."),
    ("ended", {"ended": 17}, "Fler avslutade (17) än pågående och påbörjade (16)."),
    ("goal_met", {"goal_met": 6}, "Fler med uppnått mål än avslutade."),
    ("consent", {"consent": 20}, "Fler samtycken (20) än ärenden i kvartalet (16)."),
]


@pytest.mark.parametrize(("field", "changes", "message"), BAD_QUARTERS)
def test_bad_quarter_counts_are_refused(koping, koping_org, polis, field, changes, message):
    programme = make_programme(koping, koping_org, ProgrammeKind.SSPF)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        services.quarter_record(
            viewer=polis,
            programme=programme,
            year=2026,
            quarter=1,
            counts={**COUNTS, **changes},
            concerns={},
        )
    assert error.value.message_dict == {field: [message]}
    with scopes_disabled():
        assert QuarterCount.objects.count() == 0


def test_a_personnummer_in_a_routine_or_a_review_comment_is_refused(koping, koping_org, samordnare):
    programme = make_programme(koping, koping_org, ProgrammeKind.UNGA_POLIS)
    agreement = make_agreement(koping, koping_org)
    with scope(municipality=koping):
        with pytest.raises(ValidationError) as error:
            services.routine_add(
                viewer=samordnare,
                programme=programme,
                title="Oro för 200801011234 lämnas vidare",
                description="",
                agreed_on=date(2026, 1, 1),
                review_by=date(2026, 6, 1),
            )
        assert error.value.message_dict == {"title": [PNR_REASON]}
        report = services.report_upload(
            viewer=samordnare,
            agreement=agreement,
            year=2025,
            uploaded=SimpleUploadedFile("x.pdf", PDF),
        )
        indicator = agreement.indicators.get()
        with pytest.raises(ValidationError) as error:
            services.report_review(
                viewer=samordnare,
                report=report,
                follow_up=AnnualReport.FollowUp.GODKAND,
                summary="Bra år, ring 070-123 45 67",
                assessments=[
                    {
                        "indicator": indicator,
                        "reported": 30,
                        "assessment": "delvis",
                        "comment": "Klienten Anna Berg fick hjälp",
                    }
                ],
            )
        assert error.value.message_dict == {
            "summary": ["Texten innehåller ett telefonnummer. Skriv om den utan personuppgifter."],
            f"ind_{indicator.pk}": [
                "Texten innehåller något som ser ut som ett namn. Skriv om den utan "
                "personuppgifter."
            ],
        }
        report.refresh_from_db()
        assert (report.follow_up, report.reviews.count()) == ("ej_granskad", 0)


# --- Pages ------------------------------------------------------------------------------


def test_the_agreement_form_says_no_client_data_and_keeps_input_when_refused(
    client, koping, koping_org, users
):
    programme = make_programme(koping, koping_org)
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("programmes:support_agreement_new")
    assert "Inga klientuppgifter." in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "programme": programme.pk,
            "organisation": "",
            "form": "iop",
            "amount_sek": "250000",
            "paid_sek": "0",
            "start": "2026-01-01",
            "end": "2026-12-31",
            "purpose": "Stödsamtal och skyddat boende",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ange vilken organisation överenskommelsen gäller." in page
    assert "Stödsamtal och skyddat boende" in page
    assert 'value="250000"' in page


def test_the_samordnare_uploads_opens_and_reviews_the_annual_report(
    client, koping, koping_org, users
):
    agreement = make_agreement(koping, koping_org)
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(
        reverse("programmes:support_report_upload", args=[agreement.pk]),
        {"year": "2025", "file": SimpleUploadedFile("Årsrapport Anna.pdf", PDF)},
    )
    with scopes_disabled():
        report = AnnualReport.objects.get()
        indicator = agreement.indicators.get()
    assert response.status_code == 302
    assert "Anna" not in report.file.name
    file_response = client.get(reverse("programmes:support_report_file", args=[report.pk]))
    assert (file_response.status_code, body_of(file_response)) == (200, PDF)
    assert file_response["Content-Type"] == "application/pdf"
    response = client.post(
        reverse("programmes:support_report_review", args=[report.pk]),
        {
            f"ind_{indicator.pk}": "35",
            f"ass_{indicator.pk}": "delvis",
            f"com_{indicator.pk}": "Färre samtal under sommaren",
            "follow_up": "komplettering",
            "summary": "Redovisningen saknar jämförelse med föregående år.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("programmes:support_agreement", args=[agreement.pk])).content
    assert "Stödsamtal: 35 (delvis uppnått)" in page.decode()
    assert "Komplettering begärd" in page.decode()
    with scopes_disabled():
        events = sorted(
            AuditEvent.objects.filter(event__startswith="programmes.support_").values_list(
                "event", flat=True
            )
        )
    assert events == [
        "programmes.support_report_read",
        "programmes.support_report_reviewed",
        "programmes.support_report_uploaded",
    ]


def test_a_file_that_is_not_pdf_or_docx_is_refused(client, koping, koping_org, users):
    agreement = make_agreement(koping, koping_org)
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(
        reverse("programmes:support_report_upload", args=[agreement.pk]),
        {"year": "2025", "file": SimpleUploadedFile("rapport.pdf", b"<html>not a pdf</html>")},
    )
    assert response.status_code == 400
    assert "Årsrapporten ska vara en PDF- eller Word-fil (.docx)." in response.content.decode()


def test_the_report_file_is_only_for_those_who_manage_support(client, koping, koping_org, users):
    agreement = make_agreement(koping, koping_org)
    with scope(municipality=koping):
        report = services.report_upload(
            viewer=viewer_for(users[Role.SAMORDNARE], koping),
            agreement=agreement,
            year=2025,
            uploaded=SimpleUploadedFile("r.pdf", PDF),
        )
    url = reverse("programmes:support_report_file", args=[report.pk])
    for role in (Role.POLIS, Role.ANALYTIKER, Role.RADSLEDAMOT, Role.ADMINISTRATOR):
        client.force_login(users[role])
        assert client.get(url).status_code == 403, role


def test_police_enter_a_quarter_with_concerns_by_area(client, koping, koping_org, users):
    programme = make_programme(koping, koping_org, ProgrammeKind.UNGA_POLIS)
    with scopes_disabled():
        area = make_area(koping, "Malmaberg")
    client.force_login(users[Role.POLIS])
    url = reverse("programmes:support_quarter_new", args=[programme.pk])
    response = client.post(url, {"year": "2026", "quarter": "1", **COUNTS, f"area_{area.pk}": "3"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert '<td class="num" data-label="Påbörjade">6</td>' in page
    assert '<td class="num" data-label="Antal">3</td>' in page
    bad = client.post(url, {"year": "2026", "quarter": "2", **COUNTS, "started": "-2"})
    assert bad.status_code == 400
    assert "Antalet kan inte vara negativt." in bad.content.decode()
    assert 'value="-2"' in bad.content.decode()


def test_counts_under_five_are_suppressed_for_analysts_and_council_members(
    koping, koping_org, users, polis
):
    programme = make_programme(koping, koping_org, ProgrammeKind.SSPF)
    with scope(municipality=koping):
        for quarter, started in ((1, 6), (2, 3), (3, 8)):
            services.quarter_record(
                viewer=polis,
                programme=programme,
                year=2026 if quarter < 3 else 2025,
                quarter=quarter,
                counts={**COUNTS, "started": started},
                concerns={},
            )
        for role in (Role.ANALYTIKER, Role.RADSLEDAMOT):
            table = selectors.quarter_table(
                viewer=viewer_for(users[role], koping), programme=programme, year=2026
            )
            assert [row.values[1] for row in table["rows"]] == ["6", "färre än 5"]
            # The year's total would give the hidden quarter away (9 − 6).
            assert table["totals"][1] == "–"
        table = selectors.quarter_table(viewer=polis, programme=programme, year=2026)
        assert [row.values[1] for row in table["rows"]] == ["6", "3"]
        assert table["totals"][1] == "9"


def test_outputs_of_the_three_kinds(koping, koping_org, samordnare, polis):
    agreement = make_agreement(koping, koping_org)
    youth = make_programme(koping, koping_org, ProgrammeKind.UNGA_POLIS)
    with scope(municipality=koping):
        report = services.report_upload(
            viewer=samordnare,
            agreement=agreement,
            year=2025,
            uploaded=SimpleUploadedFile("r.pdf", PDF),
        )
        services.report_review(
            viewer=samordnare,
            report=report,
            follow_up="godkand",
            summary="",
            assessments=[
                {"indicator": agreement.indicators.get(), "reported": 42, "assessment": "uppnatt"}
            ],
        )
        for quarter in (1, 2):
            services.quarter_record(
                viewer=polis,
                programme=youth,
                year=2025,
                quarter=quarter,
                counts=COUNTS,
                concerns={},
            )
        kvinnojour = outputs_for(agreement.programme, date(2025, 1, 1), date(2025, 12, 31))
        cooperation = outputs_for(youth, date(2025, 1, 1), date(2025, 12, 31))
    assert [(o.label, o.value) for o in kvinnojour] == [
        ("Utbetalt stöd till kvinnojouren", 150000.0),
        ("Överenskomna aktiviteter (mål)", 40.0),
        ("Redovisade aktiviteter", 42.0),
    ]
    assert [(o.label, o.value, o.counts_people) for o in cooperation] == [
        ("Påbörjade ärenden", 12.0, True),
        ("Avslutade ärenden", 10.0, True),
        ("Avslutade med uppnått mål", 6.0, True),
        ("Samtycke inhämtat", 18.0, True),
    ]


def test_an_overdue_routine_is_on_the_samordnares_start_page(koping, koping_org, samordnare):
    programme = make_programme(koping, koping_org, ProgrammeKind.SSPF)
    today = timezone.localdate()
    with scope(municipality=koping):
        for title, review_by in (
            ("Orosanmälan", today - timedelta(days=3)),
            ("Skolfrånvaro", today),
        ):
            CooperationRoutine.objects.create(
                municipality=koping,
                programme=programme,
                title=title,
                agreed_on=today - timedelta(days=400),
                review_by=review_by,
            )
        shown = [p for p in panels_for(samordnare) if p.title == "Samverkansrutiner att se över"]
    assert [e["text"] for e in shown[0].context["entries"]] == ["Orosanmälan"]


def test_the_cooperation_page_shows_the_linked_forums_meetings(client, koping, koping_org, users):
    programme = make_programme(koping, koping_org, ProgrammeKind.SSPF)
    with scopes_disabled():
        forum = make_forum(koping, kind="est")
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(
        reverse("programmes:support_forum_link", args=[programme.pk]), {"forum": forum.pk}
    )
    assert response.status_code == 302
    page = client.get(reverse("programmes:support_cooperation", args=[programme.pk]))
    assert f'href="{reverse("forums:detail", args=[forum.pk])}"' in page.content.decode()


def test_report_files_past_retention_are_removed_and_the_review_stays(
    koping, koping_org, samordnare
):
    agreement = make_agreement(koping, koping_org)
    with scope(municipality=koping):
        report = services.report_upload(
            viewer=samordnare,
            agreement=agreement,
            year=2025,
            uploaded=SimpleUploadedFile("r.pdf", PDF),
        )
        name = report.file.name
        # The agreement ends in 2026: its report is kept through 2031.
        assert services.reports_prune(municipality=koping, today=date(2031, 12, 31)) == 0
        assert services.reports_prune(municipality=koping, today=date(2032, 1, 1)) == 1
        assert services.reports_prune(municipality=koping, today=date(2032, 1, 2)) == 0
        report.refresh_from_db()
    assert (report.file.name, report.file_removed_on) == ("", date(2032, 1, 1))
    assert not report.file.storage.exists(name)


# The three form POSTs that answer 400 without their fields, outside the tenant table.
FORM_POSTS = [
    ("programmes:support_indicator_add", "agreement", Role.SAMORDNARE, Role.POLIS),
    ("programmes:support_report_upload", "agreement", Role.SAMORDNARE, Role.ANALYTIKER),
    ("programmes:support_routine_add", "cooperation", Role.POLIS, Role.RADSLEDAMOT),
]


@pytest.mark.parametrize(("name", "key", "granted", "denied"), FORM_POSTS)
def test_the_form_posts_by_role_tenant_and_login(
    client, koping, koping_org, users, arboga, arboga_org, name, key, granted, denied
):
    def objects(municipality, organisation):
        return {
            "agreement": make_agreement(municipality, organisation),
            "cooperation": make_programme(municipality, organisation, ProgrammeKind.SSPF),
        }

    own, other = objects(koping, koping_org), objects(arboga, arboga_org)
    url = reverse(name, args=[own[key].pk])
    assert client.post(url).status_code == 302  # to the login
    client.force_login(users[denied])
    assert client.post(url).status_code == 403
    client.force_login(users[granted])
    assert client.post(url).status_code == 400  # the form's errors, nothing stored
    assert client.post(reverse(name, args=[other[key].pk])).status_code == 404
