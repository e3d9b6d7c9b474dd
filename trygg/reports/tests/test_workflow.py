import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope

from tests.helpers import make_organisation, make_report, viewer_for
from trygg.core.models import Role
from trygg.reports import services
from trygg.reports.models import Report


def test_samordnare_assigns_and_closes_with_history_and_mail(
    client, users, koping, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://trygg.koping.se"
    tekniska = make_organisation(koping, "Tekniska & Fritid")
    with scope(municipality=koping):
        tekniska.email = "teknik@koping.example"
        tekniska.save()
    report = make_report(koping, "krossad_ruta")
    client.force_login(users[Role.SAMORDNARE])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:assign", args=[report.pk]), {"organisation": tekniska.pk})
    client.post(reverse("reports:status", args=[report.pk]), {"status": "atgardas"})
    client.post(
        reverse("reports:status", args=[report.pk]), {"status": "avslutad", "comment": "Bytt ruta"}
    )
    report.refresh_from_db()
    assert report.status == Report.Status.AVSLUTAD
    assert report.status_changed_by == users[Role.SAMORDNARE]
    with scope(municipality=koping):
        kinds = list(report.events.values_list("kind", "text"))
    assert kinds == [
        ("assigned", "Tekniska & Fritid"),
        ("status", ""),
        ("status", "Bytt ruta"),
    ]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["teknik@koping.example"]
    assert (
        mailoutbox[0].subject
        == f"Trygg: rapport #{report.pk} (Krossad ruta) tilldelad Tekniska & Fritid"
    )
    # Absolute (a mail has no page to be relative to), on SITE_URL and not the request's host;
    # plain text, so the ampersand is not escaped.
    assert (
        f"Logga in i Trygg för att läsa den: https://trygg.koping.se/rapporter/{report.pk}/\n"
        in mailoutbox[0].body
    )
    assert "En rapport i Köping har tilldelats Tekniska & Fritid:" in mailoutbox[0].body
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Bytt ruta" in page


def test_invalid_transition_is_refused(users, koping):
    report = make_report(koping, status=Report.Status.AVSLUTAD)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        services.report_set_status(
            viewer=viewer_for(users[Role.SAMORDNARE], koping), report=report, status="bedomd"
        )
    assert "kan inte bli bedömd" in error.value.messages[0]


def test_rapportor_cannot_change_status(users, koping):
    report = make_report(koping)
    with scope(municipality=koping), pytest.raises(PermissionDenied):
        services.report_set_status(
            viewer=viewer_for(users[Role.RAPPORTOR], koping), report=report, status="bedomd"
        )


def test_duplicate_link_points_at_root_and_refuses_cycles(users, koping):
    a, b, c = (make_report(koping) for _ in range(3))
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        services.report_mark_duplicate(viewer=viewer, report=b, original=a)
        services.report_mark_duplicate(viewer=viewer, report=c, original=b)
        c.refresh_from_db()
        assert c.duplicate_of_id == a.pk
        with pytest.raises(ValidationError):
            services.report_mark_duplicate(viewer=viewer, report=a, original=c)


def test_duplicate_candidates_are_near_in_space_and_time(client, users, koping):
    from datetime import timedelta

    from django.utils import timezone

    base = make_report(koping)
    near = make_report(koping, lat=59.5145, lon=15.9930)
    make_report(koping, lat=59.60, lon=16.20)  # far away
    make_report(koping, when=timezone.now() - timedelta(days=20))  # long ago
    make_report(koping, "belysning")  # other category
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(reverse("reports:detail", args=[base.pk])).content.decode()
    section = page[page.index("Möjliga dubbletter") :]
    # Only the near one: not the far, the old or the other category's, nor the report itself.
    assert section.count('href="/rapporter/') == 1
    assert f'href="/rapporter/{near.pk}/"' in section
    assert f'href="/rapporter/{near.pk}/"' in section


def test_comment_is_recorded(client, users, koping):
    report = make_report(koping)
    client.force_login(users[Role.POLIS])
    client.post(reverse("reports:comment", args=[report.pk]), {"text": "Känd plats för klotter"})
    with scope(municipality=koping):
        assert report.events.get(kind="comment").text == "Känd plats för klotter"


def test_daily_digest_goes_to_organisations_with_open_reports(koping, mailoutbox, settings):
    settings.SITE_URL = "https://trygg.koping.se"
    from trygg.reports.tasks import send_daily_digests

    org = make_organisation(koping, "Köpingebostäder")
    with scope(municipality=koping):
        org.email = "trygg@bostader.example"
        org.save()
    make_report(koping, assigned_organisation=org)
    make_report(koping, "belysning", assigned_organisation=org)
    make_report(koping, assigned_organisation=org, status=Report.Status.AVSLUTAD)
    assert send_daily_digests.call() == 1
    assert mailoutbox[0].to == ["trygg@bostader.example"]
    assert mailoutbox[0].subject == "Trygg: dagens sammanställning för Köpingebostäder"
    body = mailoutbox[0].body
    # Most first, then by name: the closed report is not counted.
    assert "\n  Klotter: 1\n  Trasig eller saknad belysning: 1\n\n" in body
    assert "Logga in i Trygg för att se dem: https://trygg.koping.se/rapporter/\n" in body
