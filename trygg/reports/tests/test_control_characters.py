"""Control characters never get into a report, and a report that has one anyway (stored
before the rule, or written past the services) breaks no export and no Open311 feed."""

import json
from io import BytesIO
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from tests.helpers import body_of, make_report, viewer_for
from trygg.core.models import Organisation, Role
from trygg.core.text import strip_control_characters
from trygg.reports import services
from trygg.reports.models import Report

from .entry_points import (
    ENTRY_POINTS,
    Text,
    api_client,
    api_create,
    open311_create,
    police_feed,
    stored,
)

# (text, what is left of it)
STRIPPED = [
    ("noll\x00byte", "nollbyte"),
    ("klocka\x07", "klocka"),
    ("back\x08steg", "backsteg"),
    ("vertikal\x0btab", "vertikaltab"),
    ("sid\x0cbrytning", "sidbrytning"),
    ("escape\x1b[31m", "escape[31m"),
    ("enhet\x1fsep", "enhetsep"),
    ("delete\x7f", "delete"),
    ("C1 \x80 och \x85 och \x9f", "C1  och  och "),
    ("ensam \ud800 surrogat", "ensam  surrogat"),
    ("ensam \udfff surrogat", "ensam  surrogat"),
    ("inget tecken \ufffe \uffff", "inget tecken  "),
]
KEPT = [
    "tab\toch\nrad\r\nslut",
    "Åäö éü ß",
    "hårt\u00a0mellanslag och tankstreck –",
    "radavgränsare\u2028stycke\u2029",
    "emoji 🙂 och kinesiska 中文",
    "\ufffd ersättningstecken",
    "",
]


@pytest.mark.parametrize(("text", "expected"), STRIPPED)
def test_control_characters_are_stripped(text, expected):
    assert strip_control_characters(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_text_is_kept_exactly(text):
    assert strip_control_characters(text) == text


NASTY_PLACE = "Stor\x01gatan\x1b 3\x7f"
NASTY_DESCRIPTION = "Klotter\x07 på\x0b porten\x85.\tRing\x08 inte."


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_every_entry_point_stores_text_without_control_characters(entry, client, users, koping):
    api = api_client(users, koping, "Väktarbolaget", Organisation.Kind.VAKTARBOLAG)
    text = Text(place=NASTY_PLACE, description=NASTY_DESCRIPTION, contact="Eva\x02 Ek\x03")
    report = ENTRY_POINTS[entry](client, users, koping, api, text)
    assert report.place_name == "Storgatan 3"
    assert report.place_name_redacted == "Storgatan 3"
    assert report.description == "Klotter på porten.\tRing inte."
    assert report.description_redacted == "Klotter på porten.\tRing inte."
    if entry in ("medborgarformuläret", "Open311"):
        assert report.contact_name == "Eva Ek"


def test_a_null_character_is_stripped_where_no_form_refuses_it(client, users, koping):
    # Forms refuse it with Django's "Null-tecken är inte tillåtna."; the API and Open311 do
    # not, and PostgreSQL cannot store it.
    api = api_client(users, koping, "Väktarbolaget", Organisation.Kind.VAKTARBOLAG)
    created = api_create(api, Text(place="Torget\x00", description="Trasig\x00 lampa"))
    via_api = stored(uuid=created["uuid"])
    via_open311 = stored(tracking_code=open311_create(client, Text(place="Torget\x00 2")))
    assert (via_api.place_name, via_api.description) == ("Torget", "Trasig lampa")
    assert via_open311.place_name == "Torget 2"


def test_a_lone_surrogate_in_a_police_feed_is_stripped_and_the_event_stored(client, users, koping):
    # json.loads turns the escape "\ud800" into a character UTF-8 cannot encode.
    police_feed(client, users, Text(place="Köping", description="Brand \ud800i förråd"))
    assert stored(source=Report.Source.POLISEN).description == "Brand i förråd"


def test_comments_and_status_notes_are_stripped(users, koping):
    report = make_report(koping)
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        comment = services.report_comment(viewer=viewer, report=report, text="Ring\x07 vakten")
        services.report_set_status(
            viewer=viewer, report=report, status="bedomd", comment="Bedömd\x1b av mig"
        )
        status = report.events.get(kind="status")
    assert (comment.text, status.text) == ("Ring vakten", "Bedömd av mig")


# --- Rows that have one anyway ---------------------------------------------------------


@pytest.fixture
def broken_row(koping):
    """A citizen's report with control characters in every text, put there with an UPDATE
    (as rows stored before the rule were)."""
    report = make_report(
        koping, source=Report.Source.OPEN311, tracking_code="KONTROLL12", place_name="Torget"
    )
    with scopes_disabled():
        Report.objects.filter(pk=report.pk).update(
            place_name=NASTY_PLACE,
            place_name_redacted=NASTY_PLACE,
            description=NASTY_DESCRIPTION,
            description_redacted=NASTY_DESCRIPTION,
            police_report_number="5000-K\x0112",
        )
    return report


def test_the_excel_export_of_a_row_with_control_characters_opens(client, users, broken_row):
    client.force_login(users[Role.SAMORDNARE])
    response = client.get(reverse("reports:export", args=["xlsx"]))
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).worksheets[0].values)
    assert len(rows) == 2
    assert "Storgatan 3" in rows[1]
    assert "Klotter på porten.\tRing inte." in rows[1]
    assert "5000-K12" in rows[1]


def test_the_csv_export_of_a_row_with_control_characters_has_none(client, users, broken_row):
    client.force_login(users[Role.ANALYTIKER])
    body = body_of(client.get(reverse("reports:export", args=["csv"]))).decode("utf-8-sig")
    assert "Storgatan 3" in body
    assert strip_control_characters(body) == body


@pytest.mark.parametrize(
    "url",
    [
        "/open311/v2/requests.xml?jurisdiction_id=1983",
        "/open311/v2/requests/KONTROLL12.xml?jurisdiction_id=1983",
    ],
)
def test_the_open311_xml_with_such_a_row_parses(url, broken_row):
    response = Client().get(url)
    assert response.status_code == 200
    (request,) = ElementTree.fromstring(response.content)
    assert request.findtext("address") == "Storgatan 3"
    assert request.findtext("description") == "Klotter på porten.\tRing inte."


def test_an_open311_xml_error_quoting_control_characters_parses(koping):
    response = Client().get("/open311/v2/services.xml", {"jurisdiction_id": "19\x0183"})
    assert response.status_code == 404
    error = ElementTree.fromstring(response.content).find("error")
    assert error.findtext("description").startswith("Okänt jurisdiction_id: 1983.")


def test_the_open311_json_carries_such_a_row_escaped(broken_row):
    body = Client().get("/open311/v2/requests.json?jurisdiction_id=1983").content
    assert json.loads(body)[0]["address"] == NASTY_PLACE
