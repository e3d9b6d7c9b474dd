"""No text a citizen typed runs as a formula when staff open an export in a spreadsheet
(OWASP CSV injection): XLSX writes it as a string cell, exactly as typed; CSV prefixes an
apostrophe. Numbers stay numbers."""

import csv
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.helpers import body_of, make_report
from trygg.core.models import Role
from trygg.core.spreadsheets import csv_cell, xlsx_row
from trygg.reports.exports import HEADERS

DESCRIPTION = HEADERS.index("beskrivning")
PLACE = HEADERS.index("plats")
COST = HEADERS.index("kostnad_kr")

# (what the citizen typed, what the CSV cell holds)
TEXTS = [
    ('=HYPERLINK("http://x","a")', '\'=HYPERLINK("http://x","a")'),
    ("+46 lampan trasig", "'+46 lampan trasig"),
    ("-1+1", "'-1+1"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Klotter = fult", "Klotter = fult"),
    ("'redan citerad", "'redan citerad"),
]


@pytest.mark.parametrize(("typed", "in_csv"), TEXTS)
def test_a_csv_cell_that_would_be_a_formula_gets_an_apostrophe(typed, in_csv):
    assert csv_cell(typed) == in_csv


@pytest.mark.parametrize("number", [-500, Decimal("-184350.50"), -0.5, 12])
def test_a_number_is_never_prefixed_in_csv(number):
    assert csv_cell(number) == number


def test_an_excel_row_writes_text_as_strings_and_numbers_as_numbers_negative_ones_too():
    sheet = Workbook(write_only=True).create_sheet("R")
    values = ["=1+1", "-2", Decimal("-184350.50"), -3, 0.5]
    cells = [(c.value, c.data_type) for c in xlsx_row(sheet, values)]
    assert cells == [("=1+1", "s"), ("-2", "s"), (-184350.5, "n"), (-3, "n"), (0.5, "n")]


@pytest.fixture
def formula_rows(koping):
    for typed, _ in TEXTS:
        make_report(
            koping,
            description=typed,
            description_redacted=typed,
            place_name=typed,
            place_name_redacted=typed,
            cost_sek=Decimal("1500.50"),
        )


def test_the_excel_export_holds_every_formula_as_a_string_cell_with_the_exact_text(
    client, users, formula_rows
):
    client.force_login(users[Role.SAMORDNARE])
    response = client.get(reverse("reports:export", args=["xlsx"]))
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2))
    cells = sorted((row[DESCRIPTION].value, row[DESCRIPTION].data_type) for row in rows)
    assert cells == sorted((typed, "s") for typed, _ in TEXTS)
    assert {(row[PLACE].value, row[PLACE].data_type) for row in rows} == {
        (typed, "s") for typed, _ in TEXTS
    }
    assert {(row[COST].value, row[COST].data_type) for row in rows} == {(1500.5, "n")}


def test_the_csv_export_prefixes_every_formula_and_keeps_the_cost_a_number(
    client, users, formula_rows
):
    client.force_login(users[Role.SAMORDNARE])
    body = body_of(client.get(reverse("reports:export", args=["csv"]))).decode("utf-8-sig")
    rows = list(csv.reader(StringIO(body, newline=""), delimiter=";"))[1:]
    assert sorted(row[DESCRIPTION] for row in rows) == sorted(in_csv for _, in_csv in TEXTS)
    assert {row[PLACE] for row in rows} == {in_csv for _, in_csv in TEXTS}
    assert {row[COST] for row in rows} == {"1500.50"}
