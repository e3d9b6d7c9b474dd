"""A photo on the citizen form: cleaned like a staff photo (EXIF and GPS gone), refused with
the same limits and Swedish messages without losing what was typed, and seen only by the
roles that read originals."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from PIL import Image

from trygg.core.models import AuditEvent, Role
from trygg.reports.images import MAX_BYTES
from trygg.reports.models import Photo, Report

from .citizen import jpeg_with_gps, submit, submitted

CONTACT = "anna.andersson@example.se"
NOTIFY = "besked.anna@example.se"


def _photo(data=None, name="gavel.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, jpeg_with_gps() if data is None else data, content_type)


def test_citizen_photo_is_stored_without_exif_or_gps(
    client, koping, django_capture_on_commit_callbacks
):
    original = jpeg_with_gps()
    assert Image.open(BytesIO(original)).getexif().get_ifd(0x8825)  # the test photo has GPS
    with django_capture_on_commit_callbacks(execute=True):
        report = submitted(client, koping, photo=_photo(original))
    with scope(municipality=koping):
        photo = Photo.objects.get(report=report)
        assert list(report.events.values_list("kind", flat=True)) == ["created", "photo"]
    assert photo.from_citizen is True
    with photo.image.open("rb") as fh:
        stored = Image.open(BytesIO(fh.read()))
        assert stored.format == "JPEG"
        assert len(stored.getexif()) == 0
        assert stored.size == (800, 600)
    assert photo.thumbnail  # made by the task worker, as for staff photos


def _not_an_image():
    return _photo(b"%PDF-1.7\n" + b"x" * 2000, name="gavel.jpg")


def _too_large():
    return _photo(b"\xff\xd8" + b"\0" * MAX_BYTES, name="stor.jpg")


@pytest.mark.parametrize(
    ("make_upload", "message"),
    [
        (_too_large, "Bilden är större än 10 MB. Välj en mindre bild."),
        (_not_an_image, "Filen är ingen bild som kan läsas (JPEG, PNG, WebP eller HEIC)."),
        (
            lambda: _photo(b"GIF89a" + b"\0" * 40, name="trasig.gif", content_type="image/gif"),
            "Filen är ingen bild som kan läsas (JPEG, PNG, WebP eller HEIC).",
        ),
    ],
    ids=["over 10 MB", "a PDF named .jpg", "a broken GIF"],
)
def test_refused_photo_says_why_in_swedish_and_keeps_the_rest_of_the_form(
    client, koping, make_upload, message
):
    response = submit(
        client,
        koping,
        photo=make_upload(),
        place_name="Glasgatan 7",
        description="Sprayat på gaveln i natt",
        contact_email=CONTACT,
        notify_email=NOTIFY,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    with scopes_disabled():
        assert Report.objects.count() == 0 and Photo.objects.count() == 0
    assert 'value="Glasgatan 7"' in page
    assert "Sprayat på gaveln i natt</textarea>" in page
    assert f'value="{CONTACT}"' in page and f'value="{NOTIFY}"' in page


# Who sees the citizen's photo (the large image and on the report page) and e-mail
# addresses: the contact address on the original view, the status-mail address never.
#   role: (photo answer, photo on original page, contact address shown)
SEES = {
    Role.ADMINISTRATOR: (404, False, False),
    Role.SAMORDNARE: (200, True, True),
    Role.ANALYTIKER: (404, False, False),
    Role.RAPPORTOR: (404, False, False),  # a citizen's report is no organisation's own
    Role.POLIS: (200, True, True),
    Role.RADSLEDAMOT: (403, False, False),
}


@pytest.mark.parametrize("role", list(SEES), ids=[r.value for r in SEES])
def test_only_roles_that_read_originals_see_the_citizens_photo_and_contact_address(
    client, users, koping, role, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = submitted(
            client, koping, photo=_photo(), contact_email=CONTACT, notify_email=NOTIFY
        )
    with scopes_disabled():
        photo = Photo.objects.get(report=report)
    photo_status, photo_on_page, contact_shown = SEES[role]
    client.force_login(users[role])
    large = client.get(reverse("reports:photo", args=[report.pk, photo.pk, "stor"]))
    assert large.status_code == photo_status
    detail = client.get(reverse("reports:detail", args=[report.pk]) + "?original=1")
    page = detail.content.decode() if detail.status_code == 200 else ""
    thumb = reverse("reports:photo", args=[report.pk, photo.pk, "liten"])
    assert (thumb in page) is photo_on_page
    assert (CONTACT in page) is contact_shown
    assert NOTIFY not in page
    # The masked view never shows the photo, to anyone: only the audited original view does.
    plain = client.get(reverse("reports:detail", args=[report.pk]))
    assert thumb not in (plain.content.decode() if plain.status_code == 200 else "")
    reads = AuditEvent.objects.filter(event="reports.citizen_photo_read", actor=users[role])
    assert reads.count() == (1 if photo_status == 200 else 0)


def test_the_public_never_gets_the_citizens_photo(client, koping):
    report = submitted(client, koping, photo=_photo())
    with scopes_disabled():
        photo = Photo.objects.get(report=report)
    response = client.get(reverse("reports:photo", args=[report.pk, photo.pk, "stor"]))
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")
    status_page = client.get(
        reverse("public:report_status", args=[koping.slug, report.tracking_code])
    ).content.decode()
    assert "/foto/" not in status_page


def test_staff_photos_stay_visible_to_every_role_that_reads_the_report(client, users, koping):
    report = submitted(client, koping, photo=_photo())
    with scope(municipality=koping):
        Photo.objects.filter(report=report).update(from_citizen=False)
        photo = Photo.objects.get(report=report)
    client.force_login(users[Role.ANALYTIKER])
    assert (
        client.get(reverse("reports:photo", args=[report.pk, photo.pk, "stor"])).status_code == 200
    )
