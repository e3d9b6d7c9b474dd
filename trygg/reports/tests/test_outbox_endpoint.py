"""The outbox's endpoint: a report queued on a phone arrives exactly once, with a receipt,
and every refusal is an answer the outbox can keep the item for (issue 16)."""

import json
import uuid
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from PIL import Image

from tests.helpers import category, make_area
from trygg.core.models import Role
from trygg.reports.models import Photo, Report

URL = "/rapporter/ny/skicka.json"


def _jpeg() -> bytes:
    out = BytesIO()
    image = Image.new("RGB", (800, 600), (20, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Telefon AB"
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _fields(koping, **overrides):
    data = {
        "client_uuid": str(uuid.uuid4()),
        "category": category(koping, "krossad_ruta").pk,
        "kind": "handelse",
        "lat": "59.5140",
        "lon": "15.9926",
        "place_name": "",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "description": "Krossad ruta i busskuren",
        "youth_involved": "unknown",
    }
    data.update(overrides)
    return data


def _session(client) -> dict:
    return json.loads(client.get(reverse("core:session_json")).content)


@pytest.fixture
def phone(users):
    """A phone's browser: a logged-in rapportör whose requests must carry a CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(users[Role.RAPPORTOR])
    return client


def _send(client, data, photo: bytes | None = None):
    token = _session(client)["csrf_token"]
    if photo is not None:
        data = {**data, "photo": SimpleUploadedFile("bild.jpg", photo, "image/jpeg")}
    return client.post(URL, data, HTTP_X_CSRFTOKEN=token, HTTP_ACCEPT="application/json")


def test_a_queued_report_is_stored_and_answered_with_its_receipt(phone, koping, users):
    data = _fields(koping)
    response = _send(phone, data, photo=_jpeg())
    assert response.status_code == 201
    answer = response.json()
    with scope(municipality=koping):
        report = Report.objects.get()
        assert Photo.objects.filter(report=report).count() == 1
    assert answer == {
        "state": "mottagen",
        "id": report.pk,
        "client_uuid": data["client_uuid"],
        "tracking_code": None,
        "url": f"/rapporter/{report.pk}/",
    }
    assert report.reporter == users[Role.RAPPORTOR]


def test_a_retry_after_a_lost_reply_gets_the_same_receipt_and_stores_nothing_new(phone, koping):
    data = _fields(koping)
    first = _send(phone, data, photo=_jpeg())
    again = _send(phone, data, photo=_jpeg())
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    with scopes_disabled():
        assert Report.objects.count() == 1
        assert Photo.objects.count() == 1


def test_a_refused_report_gets_the_forms_swedish_messages(phone, koping):
    response = _send(phone, _fields(koping, occurred_at="", lat="", lon=""))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["occurred_at"][0]["message"] == "Detta fält måste fyllas i."
    with scopes_disabled():
        assert not Report.objects.exists()


def test_a_report_outside_the_municipality_is_refused_with_the_servers_message(phone, koping):
    make_area(koping, "Köping", kind="kommungrans", lon=15.99, lat=59.51, d=0.05)
    response = _send(phone, _fields(koping, lat="59.40", lon="15.84"))  # Arboga
    assert response.status_code == 400
    assert "utanför" in response.json()["errors"]["lat"][0]["message"]


def test_a_photo_the_server_cannot_read_needs_a_change_and_stores_nothing(phone, koping):
    response = _send(phone, _fields(koping), photo=b"inte en bild")
    assert response.status_code == 400
    message = response.json()["errors"]["__all__"][0]["message"]
    assert message == "Filen är ingen bild som kan läsas (JPEG, PNG, WebP eller HEIC)."
    with scopes_disabled():
        assert not Report.objects.exists()


def test_a_reused_uuid_with_other_content_is_a_conflict_not_someone_elses_receipt(phone, koping):
    data = _fields(koping)
    assert _send(phone, data).status_code == 201
    response = _send(phone, {**data, "description": "Något annat"})
    assert response.status_code == 409
    assert "UUID" in response.json()["message"]


def test_the_endpoint_requires_the_client_uuid(phone, koping):
    response = _send(phone, _fields(koping, client_uuid=""))
    assert response.status_code == 400
    assert "klient-UUID" in response.json()["errors"]["__all__"][0]["message"]


def test_a_session_that_ended_offline_gets_401_and_the_login_address(koping):
    client = Client()
    response = client.post(URL, _fields(koping))
    assert response.status_code == 401
    assert response.json()["login_url"] == "/logga-in/"


@pytest.mark.parametrize(
    "role, status",
    [
        (Role.RAPPORTOR, 201),
        (Role.SAMORDNARE, 201),
        (Role.RADSLEDAMOT, 403),
    ],
)
def test_only_roles_that_may_report_can_send(client, users, koping, role, status):
    client.force_login(users[role])
    assert client.post(URL, _fields(koping)).status_code == status


def test_without_a_csrf_token_nothing_is_stored(phone, koping):
    response = phone.post(URL, _fields(koping))
    assert response.status_code == 403
    with scopes_disabled():
        assert not Report.objects.exists()


def test_the_session_answer_names_the_signed_in_person_and_nobody_when_signed_out(phone, users):
    info = _session(phone)
    assert info["user"] == users[Role.RAPPORTOR].pk and len(info["csrf_token"]) >= 32
    assert _session(Client())["user"] is None
