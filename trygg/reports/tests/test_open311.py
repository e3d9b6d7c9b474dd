"""Open311 GeoReport v2, checked with a third-party client (the `georeport` package from
PyPI) against the running server, in JSON and XML. That client has no POST, so creating is
sent as the specification's form-encoded request with `requests`, then read back with it."""

import pytest
import requests
from django.urls import reverse
from django_scopes import scopes_disabled
from georeport import GeoReport

from trygg.core.models import Role
from trygg.reports.models import Report


def _root(live_server):
    return live_server.url + "/open311/v2"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_client_lists_services_and_reads_a_posted_request(live_server, koping, fmt):
    client = GeoReport(_root(live_server), jurisdiction="1983", output_format=fmt)
    services = client.get_service_list()
    codes = {s["service_code"] for s in services}
    assert {"klotter", "belysning", "krossad_ruta"} <= codes
    assert "hot_vald" not in codes and "valfardsbrott" not in codes
    definition = client.get_service_definition("klotter")
    assert definition["service_code"] == "klotter"

    posted = requests.post(
        f"{_root(live_server)}/requests.{fmt}",
        data={
            "jurisdiction_id": "1983",
            "service_code": "klotter",
            "lat": "59.5140",
            "long": "15.9926",
            "description": "Klotter på elskåpet, ring mig på 070-123 45 67",
            "email": "medborgare@example.se",
            "first_name": "Eva",
        },
        timeout=10,
    )
    assert posted.status_code == 201
    if fmt == "json":
        request_id = posted.json()[0]["service_request_id"]
    else:
        import xmltodict

        request_id = xmltodict.parse(posted.content)["service_requests"]["request"][
            "service_request_id"
        ]

    found = client.get_service_request(request_id)
    assert found["service_code"] == "klotter"
    assert found["status"] == "open"
    assert "070-123 45 67" not in found["description"]
    assert "[telefonnummer borttaget]" in found["description"]
    listed = client.get_service_requests(status="open")
    listed = listed if isinstance(listed, list) else [listed]
    assert request_id in [r["service_request_id"] for r in listed]
    with scopes_disabled():
        report = Report.objects.get(tracking_code=request_id)
    assert report.source == Report.Source.OPEN311
    assert report.contact_email == "medborgare@example.se"


def test_discovery_names_the_specification(client, koping):
    data = client.get("/open311/v2/discovery.json").json()
    assert data["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert "application/json" in data["endpoints"][0]["formats"]


@pytest.mark.parametrize(
    ("data", "status", "text"),
    [
        (
            {"jurisdiction_id": "9999", "service_code": "klotter", "lat": "59.5", "long": "16"},
            404,
            "jurisdiction_id",
        ),
        (
            {"jurisdiction_id": "1983", "service_code": "finns_inte", "lat": "59.5", "long": "16"},
            404,
            "service_code",
        ),
        ({"jurisdiction_id": "1983", "service_code": "klotter"}, 400, "lat och long"),
        (
            {"jurisdiction_id": "1983", "service_code": "klotter", "lat": "norr", "long": "16"},
            400,
            "decimaltal",
        ),
        (
            {"jurisdiction_id": "1983", "service_code": "hot_vald", "lat": "59.5", "long": "16"},
            404,
            "service_code",
        ),
    ],
)
def test_bad_posts_get_open311_errors(client, koping, data, status, text):
    response = client.post("/open311/v2/requests.json", data)
    assert response.status_code == status
    body = response.json()
    assert body[0]["code"] == status
    assert text in body[0]["description"]
    with scopes_disabled():
        assert Report.objects.count() == 0


def test_staff_reports_are_not_public_through_open311(client, koping):
    from tests.helpers import make_report

    make_report(koping)
    assert client.get("/open311/v2/requests.json", {"jurisdiction_id": "1983"}).json() == []


def test_post_is_redacted_for_analytiker(client, users, koping):
    client.post(
        "/open311/v2/requests.json",
        {
            "jurisdiction_id": "1983",
            "service_code": "belysning",
            "address_string": "Ringvägen 5",
            "description": "Lampan trasig. Mitt personnummer 811218-9876",
        },
    )
    with scopes_disabled():
        report = Report.objects.get()
    client.force_login(users[Role.ANALYTIKER])
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "811218-9876" not in page


def test_unknown_format_is_404(client, koping):
    assert client.get("/open311/v2/services.csv").status_code == 404
