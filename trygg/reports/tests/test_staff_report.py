from datetime import timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from PIL import Image

from tests.helpers import category, make_area
from trygg.core.models import Role
from trygg.reports.models import Photo, Report, ReportEvent


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (3000, 2000), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Telefon AB"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 30.0, 50.0), 3: "E", 4: (15.0, 59.0, 33.0)}  # GPS IFD
    out = BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _post(client, **overrides):
    data = {
        "category": overrides.pop("category_id"),
        "kind": "handelse",
        "lat": "59.5140",
        "lon": "15.9926",
        "place_name": "",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "description": "Krossad ruta i entrén",
        "youth_involved": "unknown",
    }
    data.update(overrides)
    return client.post(reverse("reports:create"), data)


def test_rapportor_reports_broken_window_with_photo(
    client, users, koping, django_capture_on_commit_callbacks
):
    make_area(koping, "Köping centrala", lon=15.99, lat=59.51, d=0.05)
    client.force_login(users[Role.RAPPORTOR])
    photo = SimpleUploadedFile("ruta.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client, category_id=category(koping, "krossad_ruta").pk, photo=photo, cost_sek="4500"
        )
    assert response.status_code == 302
    with scope(municipality=koping):
        report = Report.objects.get()
        photo = Photo.objects.get(report=report)
        assert [a.name for a in report.areas.all()] == ["Köping centrala"]
        assert report.reporter == users[Role.RAPPORTOR]
        assert report.h3_r9 is not None
        assert report.cost_sek == 4500
        assert list(report.events.values_list("kind", flat=True)) == ["created", "photo"]
    with photo.image.open("rb") as fh:
        stored = Image.open(BytesIO(fh.read()))
        assert max(stored.size) == 2048
        assert len(stored.getexif()) == 0
    assert photo.thumbnail  # made by the task
    page = client.get(response["Location"]).content.decode()
    assert f"<h1>Rapport {report.pk}: Skadegörelse – Krossad ruta</h1>" in page


def test_last_used_category_comes_first(client, users, koping):
    client.force_login(users[Role.RAPPORTOR])
    _post(client, category_id=category(koping, "belysning").pk)
    page = client.get(reverse("reports:create")).content.decode()
    assert page.index("Senast använd") < page.index("Skadegörelse")


def _errors(client, koping, **overrides):
    response = _post(client, category_id=category(koping).pk, **overrides)
    assert response.status_code == 200
    with scopes_disabled():
        assert Report.objects.count() == 0
    return response.content.decode()


def test_future_date_is_refused(client, users, koping):
    client.force_login(users[Role.RAPPORTOR])
    later = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert "Tidpunkten ligger i framtiden." in _errors(client, koping, occurred_at=later)


def test_negative_cost_is_refused(client, users, koping):
    client.force_login(users[Role.RAPPORTOR])
    assert "Kostnaden kan inte vara negativ." in _errors(client, koping, cost_sek="-5")


def test_point_outside_municipality_is_refused(client, users, koping):
    make_area(koping, "Köping", kind="kommungrans", lon=15.99, lat=59.51, d=0.2)
    client.force_login(users[Role.RAPPORTOR])
    page = _errors(client, koping, lat="59.3293", lon="18.0686")
    assert "utanför Köpings kommungräns" in page


def test_non_image_upload_is_refused_and_nothing_stored(client, users, koping):
    client.force_login(users[Role.RAPPORTOR])
    fake = SimpleUploadedFile("virus.jpg", b"MZ not an image", content_type="image/jpeg")
    assert "Filen är ingen bild" in _errors(client, koping, photo=fake)


def test_missing_place_is_refused(client, users, koping):
    client.force_login(users[Role.RAPPORTOR])
    assert "Ange var det hände" in _errors(client, koping, lat="", lon="")


def test_same_client_uuid_twice_stores_one_report(client, users, koping):
    client.force_login(users[Role.RAPPORTOR])
    uuid = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    _post(client, category_id=category(koping).pk, client_uuid=uuid)
    _post(client, category_id=category(koping).pk, client_uuid=uuid)
    with scopes_disabled():
        assert Report.objects.count() == 1
        assert ReportEvent.objects.filter(kind="created").count() == 1


def test_radsledamot_cannot_report(client, users, koping):
    client.force_login(users[Role.RADSLEDAMOT])
    assert client.get(reverse("reports:create")).status_code == 403
