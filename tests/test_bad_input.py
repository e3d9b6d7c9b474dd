"""No input gives a 500: every page filter and JSON endpoint answers a bad value with a Swedish
message (a form error, a 400 page, a 422 JSON or an Open311 error), on both databases.

The values are the ones that gave 500s: numbers past what the database stores, dates in year 1
or 9999 (they overflow when moved between time zones), NUL characters (PostgreSQL refuses them
in text), cells that are not H3 cells and years no follow-up can have."""

import json
import uuid

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from tests.helpers import make_organisation, make_report, viewer_for
from trygg.core.models import Organisation, Role
from trygg.reports import services
from trygg.reports.models import Report

HUGE = "99999999999999999999"
INT64 = "9223372036854775807"

# (url, query, status, Swedish text the answer must contain)
PAGES = [
    ("/rapporter/", {"kategori": HUGE}, 200, "Okänd kategori."),
    ("/rapporter/", {"kategori": "-1"}, 200, "Okänd kategori."),
    ("/rapporter/", {"omrade": HUGE}, 200, "Okänt område."),
    ("/rapporter/", {"organisation": INT64 + "0"}, 200, "Okänd organisation."),
    ("/rapporter/", {"fran": "0001-01-01"}, 200, "Ange ett datum mellan 1900-01-01 och"),
    ("/rapporter/", {"till": "9999-12-31"}, 200, "Ange ett datum mellan 1900-01-01 och"),
    ("/rapporter/", {"fran": "2026-13-01"}, 200, "är inte ett datum"),
    ("/rapporter/", {"cell": "ffffffffffffffffffff"}, 200, "Okänd kartruta."),
    ("/rapporter/", {"cell": "8f1f0a4b2c1d3e5"}, 200, "Okänd kartruta."),
    ("/rapporter/", {"q": "klotter\x00"}, 200, "Rapporter"),
    ("/rapporter/", {"sida": HUGE}, 200, "Rapporter"),
    ("/rapporter/karta/", {"fran": "0001-01-01"}, 200, "Ange ett datum mellan"),
    ("/rapporter/karta/", {"till": "9999-12-31", "alla": "1"}, 200, "Ange ett datum mellan"),
    ("/rapporter/export.csv", {"fran": "0001-01-01"}, 400, "Ange ett datum mellan"),
    ("/rapporter/export.xlsx", {"kategori": HUGE}, 400, "Okänd kategori."),
    ("/rapporter/export.csv", {"cell": "zz"}, 400, "Okänd kartruta."),
    ("/lagesbild/", {"fran": "0001-01-01", "till": "0001-01-10"}, 200, "Ange ett datum mellan"),
    ("/lagesbild/", {"fran": "9999-12-20", "till": "9999-12-31"}, 200, "Ange ett datum mellan"),
    ("/lagesbild/", {"fran": "2026-01-01", "till": "2026-01-10", "upplosning": HUGE}, 200,
     "Välj ett giltigt alternativ"),
    ("/lagesbild/lagesbild.pdf", {"fran": "0001-01-01", "till": "0001-01-10"}, 302, ""),
    ("/strategi/uppfoljning/", {"ar": HUGE}, 400, "Ange ett år mellan"),
    ("/strategi/uppfoljning/", {"ar": "1"}, 400, "Ange ett år mellan"),
    ("/strategi/uppfoljning/", {"ar": "9999", "format": "pdf"}, 400, "Ange ett år mellan"),
    ("/strategi/uppfoljning/", {"ar": "tjugo"}, 400, "Ange ett år mellan"),
]  # fmt: skip

# Ids in the path past what a 64-bit column holds: not found, like any other unknown id.
PATHS = [
    f"/rapporter/{HUGE}/",
    f"/rapporter/import/{HUGE}/",
    f"/rapporter/import/{HUGE}/status.json",
    f"/rapporter/kategorier/{HUGE}/",
    f"/lagesbild/dokument/{HUGE}/status.json",
    f"/forum/{HUGE}/",
    f"/forum/{HUGE}/ledamoter/",
    f"/forum/{HUGE}/kalender/",
    f"/forum/moten/{HUGE}/",
    f"/forum/moten/{HUGE}/minnesanteckningar.pdf",
    f"/strategi/lagesbild/{HUGE}/",
    f"/strategi/lagesbild/{INT64}/jamfor/?fran={HUGE}&till=1",
    f"/strategi/atgardsplaner/{HUGE}/",
]

# (url, query, status, Swedish text): the map's JSON, which the page's script reads.
MAP_DATA = [
    ({"bbox": "15,59,16,60", "zoom": HUGE}, 400, "zoom ska vara ett heltal mellan 0 och 22."),
    ({"bbox": "15,59,16,60", "zoom": "-3"}, 400, "zoom ska vara ett heltal mellan 0 och 22."),
    ({"bbox": "nan,59,16,60", "zoom": "12"}, 400, "bbox=väst,syd,öst,nord"),
    ({"bbox": "15,59,inf,60", "zoom": "12"}, 400, "bbox=väst,syd,öst,nord"),
    ({"bbox": "15,-100,16,60", "zoom": "12"}, 400, "bbox=väst,syd,öst,nord"),
    ({"bbox": "1e400,59,16,60", "zoom": "12"}, 400, "bbox=väst,syd,öst,nord"),
    ({"bbox": "15,59,16", "zoom": "12"}, 400, "bbox=väst,syd,öst,nord"),
    ({"bbox": "15,59,16,60", "zoom": "12", "fran": "9999-12-31"}, 400, "Ange ett datum mellan"),
    ({"bbox": "15,59,16,60", "zoom": "12", "kategori": HUGE}, 400, "Okänd kategori."),
]

# (query, Swedish text) for GET /api/reports: each answers 422 with a field message.
API_LIST = [
    ({"offset": HUGE}, "Värdet får inte vara större än"),
    ({"offset": INT64}, "Värdet får inte vara större än"),
    ({"limit": "0"}, "Värdet får inte vara mindre än 1."),
    ({"occurred_from": "0001-01-01T00:00:00"}, "Ange en tidpunkt mellan år 1900 och 2100."),
    ({"occurred_to": "9999-12-31T23:59:59"}, "Ange en tidpunkt mellan år 1900 och 2100."),
    ({"updated_since": "0001-01-01T00:30:00+01:00"}, "Ange en tidpunkt mellan år 1900 och 2100."),
    ({"category": "klotter\x00"}, "Texten får inte innehålla NUL-tecken."),
    ({"category": "x" * 101}, "Texten är för lång (högst 100 tecken)."),
    ({"status": "glömd"}, "Ogiltigt värde; tillåtna:"),
]

# (body overrides, status, Swedish text) for POST /api/reports.
API_CREATE = [
    ({"occurred_at": "0001-01-01T00:00:00+01:00"}, 422, "Ange en tidpunkt mellan år 1900"),
    ({"occurred_until": "9999-12-31T23:59:59-12:00"}, 422, "Ange en tidpunkt mellan år 1900"),
    ({"external_id": "V\x0017"}, 422, "Texten får inte innehålla NUL-tecken."),
    ({"category": "klotter\x00"}, 422, "Texten får inte innehålla NUL-tecken."),
    ({"lat": float("nan")}, 422, "Ange ett tal"),
    ({"people_count": 2**63}, 422, "Värdet får inte vara större än"),
]  # fmt: skip

# (patch body, status, Swedish text) for PATCH /api/reports/{uuid}.
API_PATCH = [
    ({"kind": None}, 422, "Fältet kan inte tömmas."),
    ({"occurred_at": None}, 422, "Fältet kan inte tömmas."),
    ({"status": None}, 422, "Fältet kan inte tömmas."),
    ({"occurred_at": "0001-01-01T00:00:00+05:00"}, 422, "Ange en tidpunkt mellan år 1900"),
    ({"people_count": 2**63}, 422, "Värdet får inte vara större än"),
]

# (path, query, status, Swedish text) for Open311: errors as its array of code/description.
OPEN311 = [
    ("requests.json", {"start_date": "0001-01-01T00:00:00+05:00"}, 400, "start_date ska vara"),
    ("requests.xml", {"end_date": "9999-12-31T23:59:59-12:00"}, 400, "end_date ska vara"),
    ("requests.json", {"start_date": "0001-01-01"}, 400, "start_date ska vara"),
    ("requests.json", {"end_date": "igår"}, 400, "end_date ska vara"),
    ("requests.json", {"jurisdiction_id": "19\x0083"}, 400, "NUL"),
    ("requests.json", {"service_code": "klotter\x00"}, 400, "NUL"),
    ("requests.json", {"service_request_id": "A\x00B"}, 400, "NUL"),
    ("requests.json", {"service_request_id": ",".join(["ABC"] * 1001)}, 400, "högst"),
    ("services.xml", {"jurisdiction_id": HUGE}, 404, "Okänt jurisdiction_id"),
]


def _api_key(koping):
    vakt = make_organisation(koping, "Väktarbolaget", kind=Organisation.Kind.VAKTARBOLAG)
    admin = viewer_for(_admin(koping), koping)
    with scope(municipality=koping):
        return services.api_key_create(viewer=admin, organisation=vakt, name="App")[1]


def _admin(koping):
    from tests.helpers import make_member

    return make_member("admin_bad", make_organisation(koping, "Kansliet"), Role.ADMINISTRATOR)


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def staff(users, koping):
    client = Client()
    client.force_login(users[Role.SAMORDNARE])
    make_report(koping)
    return client


@pytest.mark.parametrize(("url", "query", "status", "text"), PAGES)
def test_page_filter_with_bad_value_answers_with_a_swedish_message(staff, url, query, status, text):
    response = staff.get(url, query)
    assert response.status_code == status
    assert text in _text(response)


@pytest.mark.parametrize("url", PATHS)
def test_id_past_the_databases_range_is_not_found(staff, url):
    assert staff.get(url).status_code == 404


def test_an_old_meeting_address_past_the_range_leads_to_not_found(staff):
    # The meetings moved to /forum/: the old address redirects, and the new one is a 404.
    assert staff.get(f"/lagesbild/moten/{HUGE}/", follow=True).status_code == 404


@pytest.mark.parametrize(("query", "status", "text"), MAP_DATA)
def test_map_data_with_bad_value_is_a_400_with_a_swedish_message(staff, query, status, text):
    response = staff.get("/rapporter/karta/data.json", query)
    assert response.status_code == status
    assert text in response.json()["error"]


@pytest.fixture
def api(koping):
    return Client(HTTP_X_API_KEY=_api_key(koping))


def _messages(response) -> list[str]:
    return [d["msg"] for d in response.json()["detail"]]


@pytest.mark.parametrize(("query", "text"), API_LIST)
def test_api_list_with_bad_parameter_is_422_in_swedish(api, query, text):
    response = api.get("/api/reports", query)
    assert response.status_code == 422
    assert any(text in m for m in _messages(response)), _messages(response)


def _body(**overrides):
    body = {
        "uuid": str(uuid.uuid4()),
        "category": "klotter",
        "occurred_at": "2026-11-20T22:15:00+01:00",
        "lat": 59.514,
        "lon": 15.9926,
    }
    body.update(overrides)
    return body


def _post(client, body):
    return client.post("/api/reports", json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(("overrides", "status", "text"), API_CREATE)
def test_api_create_with_bad_value_is_answered_in_swedish(api, overrides, status, text):
    response = _post(api, _body(**overrides))
    assert response.status_code == status
    assert any(text in m for m in _messages(response)), _messages(response)


@pytest.mark.parametrize(("patch", "status", "text"), API_PATCH)
def test_api_patch_with_bad_value_is_answered_in_swedish(api, patch, status, text):
    created = _post(api, _body()).json()
    response = api.patch(
        f"/api/reports/{created['uuid']}", json.dumps(patch), content_type="application/json"
    )
    assert response.status_code == status
    assert any(text in m for m in _messages(response)), _messages(response)


@pytest.mark.parametrize(
    ("body", "content_type", "status", "text"),
    [
        ("{oj", "application/json", 400, "Ogiltig JSON"),
        (b"\xff\xfe", "application/json", 400, "Ogiltig JSON"),
        ("[]", "application/json", 400, "Ange ett JSON-objekt."),
        ('"text"', "application/json", 400, "Ange ett JSON-objekt."),
    ],
)
def test_api_malformed_body_is_answered_in_swedish_json(api, body, content_type, status, text):
    response = api.post("/api/reports", body, content_type=content_type)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert any(text in m for m in _messages(response)), _messages(response)


def test_api_null_text_fields_in_a_patch_clear_them(api):
    created = _post(api, _body(place_name="Busskuren", police_report_number="5000-K1-26")).json()
    response = api.patch(
        f"/api/reports/{created['uuid']}",
        json.dumps({"place_name": None, "police_report_number": None, "description": None}),
        content_type="application/json",
    )
    assert response.status_code == 200
    got = response.json()
    assert (got["place_name"], got["police_report_number"], got["description"]) == ("", "", "")


def test_api_repeated_external_id_with_a_new_uuid_is_409(api):
    first = _post(api, _body(external_id="V-17"))
    second = _post(api, _body(external_id="V-17"))
    assert (first.status_code, second.status_code) == (201, 409)
    assert second.json()["detail"] == (
        "En rapport med samma external_id finns redan (V-17). Ändra den med PATCH i stället."
    )
    with scopes_disabled():
        assert Report.objects.filter(external_id="V-17").count() == 1


def test_api_uuid_of_another_municipalitys_report_is_a_new_report_here(api, koping, arboga):
    theirs = make_report(arboga, lat=59.39, lon=15.84, description="Arbogas text")
    response = _post(api, _body(uuid=str(theirs.uuid)))
    assert response.status_code == 201
    assert "Arbogas text" not in _text(response)
    with scopes_disabled():
        ours = Report.objects.get(municipality=koping, uuid=theirs.uuid)
    assert response.json()["id"] == ours.pk != theirs.pk


@pytest.mark.parametrize(("path", "query", "status", "text"), OPEN311)
def test_open311_bad_parameter_is_an_open311_error(koping, path, query, status, text):
    response = Client().get(f"/open311/v2/{path}", query)
    assert response.status_code == status
    if path.endswith(".json"):
        [error] = response.json()
        assert error["code"] == status
        assert text in error["description"]
    else:
        import xml.etree.ElementTree as ET

        root = ET.fromstring(response.content)
        assert root.tag == "errors"
        assert root.find("error/code").text == str(status)
        assert text in root.find("error/description").text


@pytest.mark.parametrize(("fmt", "method"), [("json", "delete"), ("xml", "put")])
def test_open311_wrong_method_is_an_open311_405(koping, fmt, method):
    response = getattr(Client(), method)(f"/open311/v2/requests.{fmt}")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    body = response.json()[0] if fmt == "json" else None
    if body is not None:
        assert body == {"code": 405, "description": "Metoden stöds inte; använd GET eller POST."}
    else:
        assert b"<code>405</code>" in response.content


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"lat": "nan", "long": "15.99"}, "lat ska vara ett decimaltal"),
        ({"lat": "59.5", "long": "inf"}, "long ska vara ett decimaltal"),
        ({"lat": "1e400", "long": "15.99"}, "lat ska vara ett decimaltal"),
        ({"lat": "59.5", "long": "15.99", "service_code": "klotter\x00"}, "NUL"),
    ],
)
def test_open311_post_with_bad_value_is_an_open311_400(koping, data, text):
    data = {"jurisdiction_id": "1983", "service_code": "klotter", **data}
    response = Client().post("/open311/v2/requests.json", data)
    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400
    assert text in error["description"]
