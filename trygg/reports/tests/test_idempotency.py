"""A client UUID repeated: only an identical retry from the same channel gets the stored
report back; everything else is a 409 with a Swedish message, never another's receipt."""

import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.helpers import category, make_member, make_organisation, viewer_for
from trygg.core.models import Organisation, Role
from trygg.reports import idempotency, services
from trygg.reports.models import Report
from trygg.reports.tests.test_citizen_report import _submit

WHEN = "2026-11-20T22:15"


def _api_key(users, organisation):
    with scope(municipality=organisation.municipality):
        _key, secret = services.api_key_create(
            viewer=viewer_for(users[Role.ADMINISTRATOR], organisation.municipality),
            organisation=organisation,
            name="App",
        )
    return secret


@pytest.fixture
def channels(users, koping, koping_org):
    """Ways into Köping's intake; each takes (uuid, description) and returns the response."""
    guards = make_organisation(koping, "Väktarbolaget", kind=Organisation.Kind.VAKTARBOLAG)
    housing = make_organisation(koping, "Köpingbostäder", kind=Organisation.Kind.FASTIGHETSBOLAG)
    keys = {"api": _api_key(users, guards), "api_annan_org": _api_key(users, housing)}
    other_staff = make_member("rapportor2", koping_org, Role.RAPPORTOR)

    def api(name):
        def send(client_uuid, description):
            body = {
                "uuid": client_uuid,
                "category": "klotter",
                "occurred_at": WHEN + ":00+01:00",
                "lat": 59.514,
                "lon": 15.9926,
                "description": description,
            }
            return Client(HTTP_X_API_KEY=keys[name]).post(
                "/api/reports", json.dumps(body), content_type="application/json"
            )

        return send

    def staff(user):
        def send(client_uuid, description):
            client = Client()
            client.force_login(user)
            data = {
                "category": category(koping).pk,
                "kind": "handelse",
                "lat": "59.5140",
                "lon": "15.9926",
                "occurred_at": WHEN,
                "description": description,
                "youth_involved": "unknown",
                "client_uuid": client_uuid,
            }
            return client.post(reverse("reports:create"), data)

        return send

    def citizen(client_uuid, description):
        return _submit(
            Client(), koping, client_uuid=client_uuid, description=description, occurred_at=WHEN
        )

    return {
        "api": api("api"),
        "api_annan_org": api("api_annan_org"),
        "personal": staff(users[Role.RAPPORTOR]),
        "annan_personal": staff(other_staff),
        "medborgare": citizen,
    }


def _stored():
    with scopes_disabled():
        return list(Report.objects.order_by("pk"))


FORM = idempotency.FORM_MESSAGE


@pytest.mark.parametrize(
    "first, second, same_text, status, message",
    [
        ("api", "api", True, 200, None),
        ("api", "api", False, 409, idempotency.CHANGED),
        ("api", "api_annan_org", True, 409, idempotency.OTHER_CHANNEL),
        ("personal", "api", True, 409, idempotency.OTHER_CHANNEL),
        ("medborgare", "api", True, 409, idempotency.OTHER_CHANNEL),
        ("personal", "personal", True, 302, None),
        ("personal", "personal", False, 409, FORM),
        ("personal", "annan_personal", True, 409, FORM),
        ("api", "personal", True, 409, FORM),
        ("medborgare", "medborgare", True, 302, None),
        ("medborgare", "medborgare", False, 409, FORM),
        ("api", "medborgare", True, 409, FORM),
        ("personal", "medborgare", True, 409, FORM),
    ],
)
def test_a_repeated_uuid_gives_the_receipt_only_to_an_identical_retry_from_its_channel(
    channels, first, second, same_text, status, message
):
    client_uuid = str(uuid.uuid4())
    original = channels[first](client_uuid, "Klotter på busskuren vid torget")
    # The API answers 201 Created; the forms redirect to the receipt.
    assert original.status_code == (201 if first.startswith("api") else 302)
    stored = _stored()
    assert len(stored) == 1
    again = channels[second](
        client_uuid, "Klotter på busskuren vid torget" if same_text else "Något helt annat"
    )
    assert again.status_code == status
    assert _stored() == stored
    if status == 409 and second.startswith("api"):
        assert again.json() == {"detail": message}
    elif status == 409:
        page = again.content.decode()
        assert message in page
        # Neither the other report's receipt nor the used UUID goes back on the page.
        assert (stored[0].tracking_code or "saknas") not in page
        assert client_uuid not in page
        assert 'name="client_uuid" id="id_client_uuid"' in page
        assert 'name="client_uuid" value=' not in page
    else:
        assert again.get("Location") == original.get("Location")
        if second == "api":
            assert again.json()["id"] == original.json()["id"]


def test_identical_citizen_retry_lands_on_the_same_status_page(channels):
    client_uuid = str(uuid.uuid4())
    first = channels["medborgare"](client_uuid, "Trasig belysning i tunneln")
    second = channels["medborgare"](client_uuid, "Trasig belysning i tunneln")
    (report,) = _stored()
    expected = reverse("public:report_status", args=["koping", report.tracking_code]) + "?ny=1"
    assert first["Location"] == second["Location"] == expected


def test_another_municipalitys_uuid_creates_a_report_here_and_reveals_nothing(
    channels, arboga, arboga_org, users
):
    arboga_key = _api_key(
        {Role.ADMINISTRATOR: make_member("admin_arboga", arboga_org, Role.ADMINISTRATOR)},
        make_organisation(arboga, "Arboga väktare", kind=Organisation.Kind.VAKTARBOLAG),
    )
    client_uuid = str(uuid.uuid4())
    body = {
        "uuid": client_uuid,
        "category": "klotter",
        "occurred_at": WHEN + ":00+01:00",
        "lat": 59.3938,
        "lon": 15.8383,
        "description": "I Arboga",
    }
    arboga_response = Client(HTTP_X_API_KEY=arboga_key).post(
        "/api/reports", json.dumps(body), content_type="application/json"
    )
    assert arboga_response.status_code == 201
    here = channels["api"](client_uuid, "I Köping")
    assert here.status_code == 201
    assert here.json()["description"] == "I Köping"
    with scopes_disabled():
        assert sorted(
            Report.objects.filter(uuid=client_uuid).values_list("municipality__slug", flat=True)
        ) == ["arboga", "koping"]


def test_a_report_stored_before_digests_is_not_returned_to_a_retry(channels):
    client_uuid = str(uuid.uuid4())
    channels["api"](client_uuid, "Sparad före ändringen")
    with scopes_disabled():
        Report.objects.update(intake_digest="")
    again = channels["api"](client_uuid, "Sparad före ändringen")
    assert again.status_code == 409
    assert again.json() == {"detail": idempotency.CHANGED}


def test_the_openapi_document_declares_the_409(db):
    from trygg.api import api

    schema = api.get_openapi_schema()
    assert 409 in schema["paths"]["/api/reports"]["post"]["responses"]
