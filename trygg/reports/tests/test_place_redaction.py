"""The place a citizen or an import types ("Var?", Open311 address_string) is redacted like
the description: stored redacted beside the original, and shown redacted everywhere except
to the roles allowed to read originals, whose reads are audited."""

import json
from io import BytesIO
from xml.etree import ElementTree

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from tests.helpers import body_of, make_organisation, viewer_for
from trygg.core.models import Organisation, Role
from trygg.reports import services
from trygg.reports.models import Report

from .entry_points import ENTRY_POINTS, Text, api_client, api_create, open311_create, stored

# A mistyped personnummer and a telephone number written with dots: both newly detected.
PLACE = "Porten vid Storgatan 3, Anna 811218-9875 eller 070.123.45.67"
ORIGINALS = ("811218-9875", "070.123.45.67")
REDACTED = "Porten vid Storgatan 3, Anna [personnummer borttaget] eller [telefonnummer borttaget]"


@pytest.fixture
def vakt_api(users, koping):
    return api_client(users, koping, "Väktarbolaget", Organisation.Kind.VAKTARBOLAG)


@pytest.fixture
def police_api(users, koping):
    return api_client(users, koping, "Polisen", Organisation.Kind.POLIS)


def _api_create(client, **fields):
    # Over 10,000 kr: the lägesbild lists it among the notable reports.
    return api_create(client, Text(place=PLACE), cost_sek="20000", **fields)


def _open311_create(client):
    return open311_create(client, Text(place=PLACE))


_stored = stored


# --- Every entry point stores the redacted place ----------------------------------------


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_every_entry_point_stores_the_place_redacted_beside_the_original(
    entry, client, users, koping, vakt_api
):
    report = ENTRY_POINTS[entry](client, users, koping, vakt_api, Text(place=PLACE))
    expected = PLACE if entry != "Polisens händelser" else PLACE.replace(",", "")
    assert report.place_name == expected
    for original in ORIGINALS:
        assert original not in report.place_name_redacted
    assert "[personnummer borttaget]" in report.place_name_redacted
    assert "[telefonnummer borttaget]" in report.place_name_redacted
    assert report.personal_data_found == {"personnummer": 1, "telefon": 1}


def test_an_edited_place_stays_out_of_the_history(vakt_api, koping):
    created = _api_create(vakt_api, place_name="Storgatan")
    vakt_api.patch(
        f"/api/reports/{created['uuid']}",
        json.dumps({"place_name": PLACE}),
        content_type="application/json",
    )
    report = _stored(uuid=created["uuid"])
    with scopes_disabled():
        edited = report.events.get(kind="edited")
    assert edited.data["fields"] == ["place_name"]
    assert "place_name" not in edited.data["changes"]


# --- Every place the place is shown -----------------------------------------------------


@pytest.fixture
def shown(client, users, koping, vakt_api, django_capture_on_commit_callbacks):
    """Two staff reports at the same spot (so each is the other's possible duplicate) and a
    citizen's Open311 request, all with personal data in the place."""
    first = _api_create(vakt_api)
    _api_create(vakt_api)
    tracking = _open311_create(client)
    report = _stored(uuid=first["uuid"])
    mailed = make_organisation(koping, "Tekniska förvaltningen")
    with scopes_disabled():
        Organisation.objects.filter(pk=mailed.pk).update(email="teknik@koping.se")
        mailed.refresh_from_db()
    with scope(municipality=koping), django_capture_on_commit_callbacks(execute=True):
        services.report_assign(
            viewer=viewer_for(users[Role.SAMORDNARE], koping), report=report, organisation=mailed
        )
    return {"report": report, "uuid": first["uuid"], "tracking": tracking}


def _page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return body_of(response).decode()


def _xlsx_text(body: bytes) -> str:
    sheet = load_workbook(BytesIO(body), read_only=True).worksheets[0]
    return "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)


def _list_page(c, users, shown, apis):
    return _page(c, users[Role.ANALYTIKER], reverse("reports:list"))


def _detail_page(c, users, shown, apis):
    return _page(c, users[Role.ANALYTIKER], reverse("reports:detail", args=[shown["report"].pk]))


def _detail_original_refused(c, users, shown, apis):
    url = reverse("reports:detail", args=[shown["report"].pk]) + "?original=1"
    return _page(c, users[Role.ANALYTIKER], url)


def _duplicate_candidates(c, users, shown, apis):
    # The coordinator reads the report itself redacted (no ?original=1), candidates too.
    return _page(c, users[Role.SAMORDNARE], reverse("reports:detail", args=[shown["report"].pk]))


def _csv_export(c, users, shown, apis):
    return _page(c, users[Role.ANALYTIKER], reverse("reports:export", args=["csv"]))


def _xlsx_export(c, users, shown, apis):
    c.force_login(users[Role.ANALYTIKER])
    return _xlsx_text(c.get(reverse("reports:export", args=["xlsx"])).content)


def _api_list(c, users, shown, apis):
    return apis["vakt"].get("/api/reports").content.decode()


def _api_get(c, users, shown, apis):
    return apis["vakt"].get(f"/api/reports/{shown['uuid']}").content.decode()


def _open311_json(c, users, shown, apis):
    return Client().get("/open311/v2/requests.json?jurisdiction_id=1983").content.decode()


def _open311_xml(c, users, shown, apis):
    body = Client().get("/open311/v2/requests.xml?jurisdiction_id=1983").content
    return " ".join(ElementTree.fromstring(body).itertext())


def _open311_one(c, users, shown, apis):
    url = f"/open311/v2/requests/{shown['tracking']}.json?jurisdiction_id=1983"
    return Client().get(url).content.decode()


def _lagesbild(c, users, shown, apis):
    return _page(c, users[Role.ANALYTIKER], reverse("lagesbild:picture"))


def _assignment_mail(c, users, shown, apis):
    assert len(mail.outbox) == 1
    return mail.outbox[0].body


SHOWN_REDACTED = {
    "rapportlistan": _list_page,
    "rapportsidan": _detail_page,
    "rapportsidan med ?original=1 för analytiker": _detail_original_refused,
    "möjliga dubbletter": _duplicate_candidates,
    "CSV-export": _csv_export,
    "Excel-export": _xlsx_export,
    "API-lista": _api_list,
    "API, en rapport": _api_get,
    "Open311 JSON": _open311_json,
    "Open311 XML": _open311_xml,
    "Open311, ett ärende": _open311_one,
    "lägesbilden": _lagesbild,
    "tilldelningsmejlet": _assignment_mail,
}


@pytest.mark.parametrize("surface", SHOWN_REDACTED)
def test_the_place_is_shown_redacted_to_everyone_who_may_not_read_originals(
    surface, client, users, shown, vakt_api, police_api
):
    text = SHOWN_REDACTED[surface](client, users, shown, {"vakt": vakt_api})
    for original in ORIGINALS:
        assert original not in text
    assert "[personnummer borttaget]" in text


def _original_detail(c, users, shown, apis):
    url = reverse("reports:detail", args=[shown["report"].pk]) + "?original=1"
    return _page(c, users[Role.SAMORDNARE], url)


def _original_csv(c, users, shown, apis):
    return _page(c, users[Role.SAMORDNARE], reverse("reports:export", args=["csv"]))


def _original_api(c, users, shown, apis):
    return apis["polis"].get(f"/api/reports/{shown['uuid']}").content.decode()


SHOWN_ORIGINAL = {
    "rapportsidan med ?original=1 för samordnare": _original_detail,
    "CSV-export för samordnare": _original_csv,
    "API för polisen": _original_api,
}


@pytest.mark.parametrize("surface", SHOWN_ORIGINAL)
def test_the_roles_allowed_to_read_originals_see_the_place_as_typed(
    surface, client, users, shown, police_api
):
    text = SHOWN_ORIGINAL[surface](client, users, shown, {"polis": police_api})
    assert all(original in text for original in ORIGINALS)


def test_searching_the_list_finds_the_redacted_place_not_the_original(client, users, shown):
    client.force_login(users[Role.ANALYTIKER])
    url = reverse("reports:list")
    found = client.get(url, {"q": "Storgatan"}).content.decode()
    missed = client.get(url, {"q": "811218"}).content.decode()
    detail = reverse("reports:detail", args=[shown["report"].pk])
    assert f'href="{detail}"' in found
    assert f'href="{detail}"' not in missed


def test_redacted_text_reads_exactly_as_the_place_with_markers():
    from trygg.reports.privacy import redacted_report_text

    values = redacted_report_text(description="Ring 070-123 45 67.", place_name=PLACE)
    assert values == {
        "description_redacted": "Ring [telefonnummer borttaget].",
        "place_name_redacted": REDACTED,
        "personal_data_found": {"telefon": 2, "personnummer": 1},
    }


def test_the_migration_redacts_the_places_and_descriptions_already_stored(
    koping, migration_modules
):
    """Rows stored before: no redacted place, and descriptions redacted by the old detector
    (which let a mistyped personnummer through)."""
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from tests.helpers import make_report

    migration = importlib.import_module("trygg.reports.migrations.0004_place_name_redacted")
    stale = make_report(koping, place_name=PLACE, description="Han heter 811218-9875.")
    clean = make_report(koping, place_name="Stora torget", description="Klotter.")
    with scopes_disabled():
        Report.objects.filter(pk=stale.pk).update(
            place_name_redacted="", description_redacted="Han heter 811218-9875."
        )
        Report.objects.filter(pk=clean.pk).update(
            place_name_redacted="Stora torget", description_redacted="Klotter."
        )
        untouched = Report.objects.get(pk=clean.pk).updated_at

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    # The models as the migration sees them (plain managers, no scopes).
    state = MigrationLoader(connection).project_state(("reports", "0004_place_name_redacted"))
    migration.redact_existing(state.apps, editor)
    stale, clean = _stored(pk=stale.pk), _stored(pk=clean.pk)
    assert stale.place_name_redacted == REDACTED
    assert stale.description_redacted == "Han heter [personnummer borttaget]."
    assert stale.personal_data_found == {"personnummer": 2, "telefon": 1}
    assert stale.place_name == PLACE and stale.description == "Han heter 811218-9875."
    assert (clean.place_name_redacted, clean.updated_at) == ("Stora torget", untouched)


@pytest.mark.parametrize(
    ("number", "refused"),
    [
        ("5000-K123456-24", False),
        ("K123456-24", False),
        ("0500-K12345-19", False),
        ("811218-9875", True),
        ("070-123 45 67", True),
    ],
)
def test_a_police_case_number_holding_personal_data_is_refused(vakt_api, number, refused):
    body = {"police_report_number": number}
    created = _api_create(vakt_api)
    response = vakt_api.patch(
        f"/api/reports/{created['uuid']}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == (422 if refused else 200)
    if refused:
        (error,) = response.json()["detail"]
        assert error["msg"].startswith("Diarienumret ser ut att innehålla personuppgifter")
