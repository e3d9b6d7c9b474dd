"""Every way a report comes in, each storing the given free text, for tests that check the
rule for text holds for all of them (redaction, control characters, logs)."""

import json
import uuid
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import category, make_organisation, viewer_for
from trygg.core.models import Organisation, Role
from trygg.reports import services
from trygg.reports.models import ImportJob, Report


@dataclass
class Text:
    place: str
    description: str = "Klotter på porten."
    contact: str = ""  # name and phone, where the entry point takes contact details


def api_client(users, koping, name, kind) -> Client:
    """A client holding a new API key of a new organisation of that kind."""
    organisation = make_organisation(koping, name, kind=kind)
    with scope(municipality=koping):
        _key, secret = services.api_key_create(
            viewer=viewer_for(users[Role.ADMINISTRATOR], koping),
            organisation=organisation,
            name=name,
        )
    return Client(HTTP_X_API_KEY=secret)


def api_create(client, text: Text, **fields) -> dict:
    body = {
        "uuid": str(uuid.uuid4()),
        "category": "klotter",
        "occurred_at": (timezone.now() - timezone.timedelta(hours=2)).isoformat(),
        "lat": 59.514,
        "lon": 15.9926,
        "place_name": text.place,
        "description": text.description,
        "police_report_number": "5000-K123456-26",
        **fields,
    }
    response = client.post("/api/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def open311_create(client, text: Text) -> str:
    response = client.post(
        "/open311/v2/requests.json",
        {
            "jurisdiction_id": "1983",
            "service_code": "klotter",
            "address_string": text.place,
            "description": text.description,
            "first_name": text.contact,
            "phone": text.contact[:40],
        },
    )
    assert response.status_code == 201, response.content
    return response.json()[0]["service_request_id"]


def stored(**lookup) -> Report:
    with scopes_disabled():
        return Report.objects.get(**lookup)


def _citizen_form(client, users, koping, api, text):
    response = client.post(
        reverse("public:report", args=[koping.slug]),
        {
            "category": category(koping, "klotter").pk,
            "place_name": text.place,
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "description": text.description,
            "contact_name": text.contact,
            "contact_phone": text.contact[:40],
        },
    )
    assert response.status_code == 302, response.content
    return stored(source=Report.Source.MEDBORGARE)


def _open311(client, users, koping, api, text):
    return stored(tracking_code=open311_create(client, text))


def _api_create(client, users, koping, api, text):
    return stored(uuid=api_create(api, text)["uuid"])


def _api_patch(client, users, koping, api, text):
    created = api_create(api, Text(place="Storgatan", description="Klotter."))
    response = api.patch(
        f"/api/reports/{created['uuid']}",
        json.dumps({"place_name": text.place, "description": text.description}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return stored(uuid=created["uuid"])


def _staff_form(client, users, koping, api, text):
    client.force_login(users[Role.RAPPORTOR])
    response = client.post(
        reverse("reports:create"),
        {
            "category": category(koping, "klotter").pk,
            "kind": "handelse",
            "lat": "59.5140",
            "lon": "15.9926",
            "place_name": text.place,
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "description": text.description,
            "youth_involved": "unknown",
        },
    )
    assert response.status_code == 302, response.content
    return stored(source=Report.Source.PERSONAL)


def csv_import(client, users, text: Text) -> ImportJob:
    """A CSV file with one row carrying the text, mapped and run."""
    client.force_login(users[Role.ANALYTIKER])
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    quoted = [value.replace('"', '""') for value in (text.place, text.description)]
    csv = f'id;datum;kategori;plats;beskrivning\nA1;{when};klotter;"{quoted[0]}";"{quoted[1]}"\n'
    client.post(
        reverse("reports:import"),
        {"kind": "tabell", "file": SimpleUploadedFile("rapporter.csv", csv.encode())},
    )
    with scopes_disabled():
        job = ImportJob.objects.order_by("-pk").first()
    # The import is queued when the request's transaction commits: run it then.
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("reports:import_detail", args=[job.pk]),
            {
                "action": "mapping",
                "map_external_id": "id",
                "map_occurred_at": "datum",
                "map_category": "kategori",
                "map_place_name": "plats",
                "map_description": "beskrivning",
            },
        )
    job.refresh_from_db()
    return job


def _csv_import(client, users, koping, api, text):
    csv_import(client, users, text)
    return stored(source=Report.Source.FIL)


def police_feed(client, users, text: Text):
    event = {
        "id": 77,
        "datetime": "2026-06-28 13:16:31 +02:00",
        # The place is what follows the last comma of the name, so it has none itself.
        "name": f"28 juni 11.49, Skadegörelse, {text.place.replace(',', '')}",
        "summary": text.description,
        "url": "/aktuellt/77/",
        "type": "Skadegörelse",
        "location": {"name": "Köping", "gps": "59.511,15.993"},
    }
    client.force_login(users[Role.ANALYTIKER])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("reports:import"),
            {"kind": "polisen", "file": SimpleUploadedFile("e.json", json.dumps([event]).encode())},
        )


def _police_feed(client, users, koping, api, text):
    police_feed(client, users, text)
    return stored(source=Report.Source.POLISEN)


# name → function(client, users, koping, api_client, Text) -> the stored Report
ENTRY_POINTS = {
    "medborgarformuläret": _citizen_form,
    "Open311": _open311,
    "API, ny rapport": _api_create,
    "API, ändring": _api_patch,
    "personalens formulär": _staff_form,
    "CSV-import": _csv_import,
    "Polisens händelser": _police_feed,
}

VAKTBOLAG = Organisation.Kind.VAKTARBOLAG
