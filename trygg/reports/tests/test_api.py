import json
import uuid

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from tests.helpers import make_organisation, make_report, viewer_for
from trygg.core.models import Organisation, Role
from trygg.reports import selectors, services
from trygg.reports.models import Report


@pytest.fixture
def api_key(users, koping):
    vakt = make_organisation(koping, "Väktarbolaget", kind=Organisation.Kind.VAKTARBOLAG)
    with scope(municipality=koping):
        _key, secret = services.api_key_create(
            viewer=viewer_for(users[Role.ADMINISTRATOR], koping), organisation=vakt, name="App"
        )
    return secret


def _client(secret):
    return Client(HTTP_X_API_KEY=secret)


def _body(**overrides):
    body = {
        "uuid": str(uuid.uuid4()),
        "category": "klotter",
        "occurred_at": "2026-11-20T22:15:00+01:00",
        "lat": 59.514,
        "lon": 15.9926,
        "description": "Klotter på busskur",
        "cost_sek": "1200.50",
    }
    body.update(overrides)
    return body


def _post(client, body):
    return client.post("/api/reports", json.dumps(body), content_type="application/json")


def test_retry_with_same_uuid_gives_one_report(api_key, koping):
    client = _client(api_key)
    body = _body()
    first = _post(client, body)
    second = _post(client, body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    with scopes_disabled():
        assert Report.objects.filter(uuid=body["uuid"]).count() == 1
        report = Report.objects.get()
    assert report.source == Report.Source.API
    assert report.organisation.name == "Väktarbolaget"


def test_missing_key_is_401(koping):
    response = Client().get("/api/reports")
    assert response.status_code == 401
    assert "API-nyckel" in response.json()["detail"]


def test_revoked_key_is_401(api_key, users, koping):
    with scope(municipality=koping):
        key = selectors.api_keys(viewer=viewer_for(users[Role.ADMINISTRATOR], koping)).get()
        services.api_key_revoke(viewer=viewer_for(users[Role.ADMINISTRATOR], koping), key=key)
    assert _client(api_key).get("/api/reports").status_code == 401


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"category": "finns_inte"}, "category", "Okänd kategori: finns_inte."),
        ({"cost_sek": "-10"}, "cost_sek", "Värdet får inte vara mindre än 0."),
        ({"occurred_at": "igår"}, "occurred_at", "Ogiltig tidpunkt"),
        (
            {"occurred_at": "2099-01-01T00:00:00+01:00"},
            "occurred_at",
            "Tidpunkten ligger i framtiden.",
        ),
        ({"uuid": "inte-ett-uuid"}, "uuid", "Ogiltigt UUID."),
        ({"lat": 59.3293, "lon": 18.0686}, None, "utanför Sverige"),
    ],
)
def test_bad_input_is_422_with_swedish_field_messages(api_key, koping, overrides, field, message):
    if field is None:
        overrides = {"lat": 48.85, "lon": 2.35}
    response = _post(_client(api_key), _body(**overrides))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(message in d["msg"] for d in detail), detail
    if field:
        assert any(d["loc"][-1] == field for d in detail), detail
    with scopes_disabled():
        assert Report.objects.count() == 0


def test_missing_field_is_422(api_key, koping):
    body = _body()
    del body["occurred_at"]
    response = _post(_client(api_key), body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Fältet krävs."


def test_malformed_json_is_400_not_500(api_key, koping):
    response = _client(api_key).post("/api/reports", "{oj", content_type="application/json")
    assert response.status_code == 400


def test_list_read_and_update_own_reports(api_key, koping):
    client = _client(api_key)
    created = _post(client, _body()).json()
    make_report(koping)  # another organisation's: invisible to the guard company's key
    listing = client.get("/api/reports", {"category": "skadegorelse"}).json()
    assert listing["count"] == 1
    assert listing["items"][0]["uuid"] == created["uuid"]
    one = client.get(f"/api/reports/{created['uuid']}")
    assert one.json()["category"] == "klotter"
    patched = client.patch(
        f"/api/reports/{created['uuid']}",
        json.dumps({"cost_sek": "2000"}),
        content_type="application/json",
    )
    assert patched.status_code == 200
    assert patched.json()["cost_sek"] == "2000.00"


def test_guard_key_cannot_close_reports(api_key, koping):
    client = _client(api_key)
    created = _post(client, _body()).json()
    response = client.patch(
        f"/api/reports/{created['uuid']}",
        json.dumps({"status": "avslutad"}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_other_municipalitys_report_is_404(api_key, arboga):
    other = make_report(arboga, lat=59.39, lon=15.84)
    assert _client(api_key).get(f"/api/reports/{other.uuid}").status_code == 404


def test_openapi_document_is_valid(koping):
    from openapi_spec_validator import validate

    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    assert "/api/reports" in spec["paths"]
    assert Client().get("/api/docs").status_code == 200
