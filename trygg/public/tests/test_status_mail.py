"""The optional e-mail on each status change: sent by the task worker through the mail
helper only when the citizen opted in, with an unsubscribe link; the address is kept for
that alone, never shown or logged, and purged with the report."""

import logging
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import viewer_for
from trygg.core.models import Role
from trygg.reports import services
from trygg.reports.models import Photo, StatusSubscription

from .citizen import jpeg_with_gps, submit, submitted

NOTIFY = "besked.anna@example.se"


def _set_status(users, koping, report, status, reply=""):
    with scope(municipality=koping):
        services.report_set_status(
            viewer=viewer_for(users[Role.SAMORDNARE], koping),
            report=report,
            status=status,
            reply=reply,
        )


def _unsubscribe_link(body: str) -> str:
    line = next(line for line in body.splitlines() if "/sluta-bevaka/" in line)
    return line.split("här: ", 1)[1].strip().removeprefix("https://trygg.koping.se")


def test_status_change_mails_the_citizen_who_opted_in_and_no_one_else(
    client, users, koping, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://trygg.koping.se"
    opted_in = submitted(client, koping, notify_email=NOTIFY)
    silent = submitted(client, koping, contact_email="kontakt@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        _set_status(users, koping, opted_in, "atgardas", reply="Vi sanerar. Ring 070-123 45 67.")
        _set_status(users, koping, silent, "atgardas")
    assert [m.to for m in mailoutbox] == [[NOTIFY]]
    mail = mailoutbox[0]
    code = opted_in.tracking_code
    assert mail.subject == f"Ditt ärende {code}: åtgärdas"
    assert f"Ditt ärende {code} hos Köping (Klotter) har fått ny status: Åtgärdas." in mail.body
    assert "Svar från kommunen:\n\nVi sanerar. Ring [telefonnummer borttaget]." in mail.body
    assert "070-123" not in mail.body
    assert f"Följ ärendet här: https://trygg.koping.se/kommun/koping/arende/{code}/\n" in mail.body
    unsubscribe = _unsubscribe_link(mail.body)
    assert mail.extra_headers["List-Unsubscribe"] == f"<https://trygg.koping.se{unsubscribe}>"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize(
    ("changes", "mails"),
    [
        (["atgardas"], 1),
        (["bedomd", "atgardas", "avslutad"], 3),
        (["ny"], 0),  # no change, no mail
    ],
    ids=["one change", "three changes", "the same status"],
)
def test_one_mail_per_status_change(
    client, users, koping, mailoutbox, django_capture_on_commit_callbacks, changes, mails
):
    report = submitted(client, koping, notify_email=NOTIFY)
    with django_capture_on_commit_callbacks(execute=True):
        for status in changes:
            _set_status(users, koping, report, status)
    assert len(mailoutbox) == mails


def test_unsubscribe_link_asks_first_then_removes_the_address_and_stops_the_mails(
    client, users, koping, mailoutbox, django_capture_on_commit_callbacks
):
    report = submitted(client, koping, notify_email=NOTIFY)
    with django_capture_on_commit_callbacks(execute=True):
        _set_status(users, koping, report, "bedomd")
    link = _unsubscribe_link(mailoutbox[0].body).removeprefix("http://127.0.0.1:8000")
    # A mail system's link scanner follows the link: that alone must not unsubscribe.
    page = client.get(link).content.decode()
    assert "Sluta skicka besked" in page
    with scopes_disabled():
        assert StatusSubscription.objects.filter(report=report).exists()
    # The mail client's one-click button (RFC 8058) posts without a CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    page = csrf_client.post(link, {"List-Unsubscribe": "One-Click"}).content.decode()
    assert "din e-postadress är borttagen" in page
    with scopes_disabled():
        assert not StatusSubscription.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        _set_status(users, koping, report, "atgardas")
    assert len(mailoutbox) == 1
    again = client.post(link).content.decode()
    assert "Bevakningen är redan avslutad, eller så är länken inte giltig." in again


@pytest.mark.parametrize(
    "token",
    ["inte-en-signatur", "WzEsIDFd:1vAAAA:forfalskad", "x" * 40],
    ids=["garbage", "forged signature", "long garbage"],
)
def test_a_forged_unsubscribe_link_removes_nothing(client, koping, token):
    submitted(client, koping, notify_email=NOTIFY)
    page = client.post(reverse("public:unsubscribe", args=[koping.slug, token])).content.decode()
    assert "länken inte giltig" in page
    with scopes_disabled():
        assert StatusSubscription.objects.count() == 1


def test_the_address_and_the_photo_go_with_the_report_at_retention(
    client, koping, django_capture_on_commit_callbacks
):
    photo = SimpleUploadedFile("gavel.jpg", jpeg_with_gps(), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        report = submitted(client, koping, notify_email=NOTIFY, photo=photo)
    with scope(municipality=koping):
        stored = Photo.objects.get(report=report)
        files = [stored.image, stored.thumbnail]
        assert all(f.storage.exists(f.name) for f in files)
        report.occurred_at = timezone.now() - timedelta(days=report.category.retention_days + 1)
        report.save(update_fields=["occurred_at"])
        with django_capture_on_commit_callbacks(execute=True):
            assert services.reports_purge_expired(municipality=koping) == 1
    with scopes_disabled():
        assert not StatusSubscription.objects.exists() and not Photo.objects.exists()
    assert not any(f.storage.exists(f.name) for f in files)


def test_the_address_is_never_logged_nor_shown_to_staff(
    client, users, koping, mailoutbox, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        report = submitted(client, koping, notify_email=NOTIFY)
        _set_status(users, koping, report, "atgardas")
    assert len(mailoutbox) == 1
    assert NOTIFY not in caplog.text
    for role in (Role.SAMORDNARE, Role.POLIS):
        client.force_login(users[role])
        page = client.get(reverse("reports:detail", args=[report.pk]) + "?original=1")
        assert NOTIFY not in page.content.decode()


@pytest.mark.parametrize(
    "address", ["inte-en-adress", "a@" + "b" * 250 + ".se"], ids=["no @", "too long"]
)
def test_a_bad_address_is_refused_in_swedish_and_the_form_kept(client, koping, address):
    response = submit(client, koping, notify_email=address, description="Klotter vid bron")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ange en giltig e-postadress, t.ex. namn@example.se, eller lämna fältet tomt." in page
    assert "Klotter vid bron</textarea>" in page
    with scopes_disabled():
        assert not StatusSubscription.objects.exists()
