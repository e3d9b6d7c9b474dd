"""The CSV and XLSX exports: one query however many rows, the areas' names in the list's
order, originals only for the roles that may read them, and a file with headers when
nothing matches."""

import csv
from io import BytesIO, StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from tests.helpers import body_of, make_area, make_report
from trygg.core.models import AuditEvent, Role
from trygg.reports.exports import HEADERS


def _table(response, fmt) -> list[list]:
    assert response.status_code == 200
    if fmt == "csv":
        text = body_of(response).decode("utf-8-sig")
        return list(csv.reader(StringIO(text), delimiter=";"))
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    return [["" if v is None else v for v in row] for row in sheet.values]


def _export(client, fmt, **params):
    response = client.get(reverse("reports:export", args=[fmt]), params)
    return _table(response, fmt)


def _with_areas(koping, areas, n=1, **fields):
    for _ in range(n):
        with scopes_disabled():  # test setup, outside any request
            make_report(koping, **fields).areas.set(areas)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_of_three_reports_takes_as_many_queries_as_of_one(client, users, koping, fmt):
    areas = [make_area(koping, "Centrum"), make_area(koping, "Norr", kind="deso", lon=16.1)]
    client.force_login(users[Role.ANALYTIKER])
    counts = []
    for n in (1, 2):  # 1 report, then 3
        _with_areas(koping, areas, n)
        with CaptureQueriesContext(connection) as ctx:
            table = _export(client, fmt)
        counts.append(len(ctx.captured_queries))
        assert len(table) == 1 + (1 if n == 1 else 3)
    assert counts[0] == counts[1]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_with_no_rows_is_a_file_with_headers(client, users, koping, fmt):
    make_report(koping, description_redacted="Klotter på väggen")
    client.force_login(users[Role.ANALYTIKER])
    assert _export(client, fmt, q="finns inte") == [HEADERS]
    event = AuditEvent.objects.get(event="reports.exported")
    assert (event.data["fmt"], event.data["rows"]) == (fmt, 0)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_areas_column_names_each_area_once_in_kind_and_name_order(client, users, koping, fmt):
    b = make_area(koping, "Björke", kind="stadsdel")
    a = make_area(koping, "Almen", kind="stadsdel", lon=16.0)
    d = make_area(koping, "Köping 001", kind="deso", lon=16.1)
    _with_areas(koping, [b, d, a])
    make_report(koping, lat=59.52)
    client.force_login(users[Role.ANALYTIKER])
    table = _export(client, fmt)
    column = HEADERS.index("områden")
    assert sorted(row[column] for row in table[1:]) == ["", "Köping 001; Almen; Björke"]


# role → (what the description column holds, what the place column holds)
REDACTION = [
    (Role.SAMORDNARE, "Ring 070-123 45 67", "Storgatan 3, Anna Andersson"),
    (Role.ANALYTIKER, "Ring [telefonnummer borttaget]", "Storgatan 3, [namn borttaget]"),
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("role", "description", "place"), REDACTION)
def test_the_export_shows_originals_only_to_roles_that_may_read_them(
    client, users, koping, fmt, role, description, place
):
    make_report(
        koping,
        description="Ring 070-123 45 67",
        description_redacted="Ring [telefonnummer borttaget]",
        place_name="Storgatan 3, Anna Andersson",
        place_name_redacted="Storgatan 3, [namn borttaget]",
    )
    client.force_login(users[role])
    header, row = _export(client, fmt)
    got = (row[header.index("beskrivning")], row[header.index("plats")])
    assert got == (description, place)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_keeps_the_lists_search(client, users, koping, fmt):
    make_report(koping, description_redacted="Glas krossat vid stationen")
    make_report(koping, description_redacted="Klotter på väggen")
    client.force_login(users[Role.ANALYTIKER])
    table = _export(client, fmt, q="glas")
    assert [row[HEADERS.index("beskrivning")] for row in table[1:]] == [
        "Glas krossat vid stationen"
    ]


def test_the_csv_export_is_streamed(client, users, koping):
    make_report(koping)
    client.force_login(users[Role.ANALYTIKER])
    response = client.get(reverse("reports:export", args=["csv"]))
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
