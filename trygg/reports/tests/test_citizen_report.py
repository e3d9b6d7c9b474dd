from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import altcha_solution, category
from trygg.core.models import AuditEvent, Role
from trygg.reports.models import Report

TEXT = "Klotter på skolan, jag heter Anna 19811218-9876 och nås på 070-123 45 67."


def _submit(client, koping, *, solved=True, **overrides):
    url = reverse("public:report", args=[koping.slug])
    page = client.get(url).content.decode()
    data = {
        "category": category(koping, "klotter").pk,
        "place_name": "Karlbergsskolan",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "description": TEXT,
        "altcha": altcha_solution(page) if solved else "",
    }
    data.update(overrides)
    return client.post(url, data)


def test_citizen_reports_anonymously_and_gets_tracking_code(client, koping):
    response = _submit(client, koping)
    assert response.status_code == 302
    with scopes_disabled():
        report = Report.objects.get()
    assert report.source == Report.Source.MEDBORGARE
    assert report.reporter is None and report.organisation is None
    assert len(report.tracking_code) == 10
    status_page = client.get(response["Location"]).content.decode()
    assert report.tracking_code in status_page
    assert "19811218-9876" not in status_page
    assert "[personnummer borttaget]" in status_page


def test_personnummer_is_redacted_for_analytiker_and_original_for_samordnare(client, users, koping):
    _submit(client, koping)
    with scopes_disabled():
        report = Report.objects.get()
    assert report.personal_data_found["personnummer"] == 1
    client.force_login(users[Role.ANALYTIKER])
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "19811218-9876" not in page and "070-123 45 67" not in page
    assert "[personnummer borttaget]" in page
    page = client.get(reverse("reports:detail", args=[report.pk]) + "?original=1").content.decode()
    assert "19811218-9876" not in page
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(reverse("reports:detail", args=[report.pk]) + "?original=1").content.decode()
    assert "19811218-9876" in page
    assert (
        AuditEvent.objects.filter(
            event="reports.original_read", actor=users[Role.SAMORDNARE]
        ).count()
        == 1
    )


def test_honeypot_stores_nothing(client, koping):
    response = _submit(client, koping, website="http://spam.example")
    assert response.status_code == 302
    with scopes_disabled():
        assert Report.objects.count() == 0


def test_replayed_solution_is_not_verified_twice(client, koping):
    url = reverse("public:report", args=[koping.slug])
    solution = altcha_solution(client.get(url).content.decode())
    _submit(client, koping, altcha=solution)
    _submit(client, koping, altcha=solution, place_name="Torget")
    with scopes_disabled():
        second = Report.objects.get(place_name="Torget")
        assert second.events.filter(text__contains="utan webbläsarverifiering").exists()


def test_citizen_cannot_use_restricted_category(client, koping):
    response = _submit(client, koping, category=category(koping, "hot_vald").pk)
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()


def test_unknown_tracking_code_says_so(client, koping):
    response = client.get(reverse("public:report_status", args=[koping.slug, "XXXXXXXXXX"]))
    assert response.status_code == 404
    assert "Koden hittades inte" in response.content.decode()


def test_lookup_form_redirects_to_status(client, koping):
    _submit(client, koping)
    with scopes_disabled():
        code = Report.objects.get().tracking_code
    response = client.get(
        reverse("public:report_lookup", args=[koping.slug]), {"kod": code.lower()}
    )
    assert response["Location"] == reverse("public:report_status", args=[koping.slug, code])


def test_status_page_follows_workflow(client, users, koping):
    from tests.helpers import viewer_for
    from trygg.reports.services import report_set_status

    _submit(client, koping)
    with scopes_disabled():
        report = Report.objects.get()
    with scope(municipality=koping):
        report_set_status(
            viewer=viewer_for(users[Role.SAMORDNARE], koping), report=report, status="atgardas"
        )
    page = client.get(
        reverse("public:report_status", args=[koping.slug, report.tracking_code])
    ).content.decode()
    assert "Åtgärdas" in page
