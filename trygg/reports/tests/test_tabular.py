"""CSV and Excel report import: reading files, suggesting the column mapping and validating
rows, with the Swedish messages the user sees. Files are built in memory."""

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import openpyxl
import pytest

from trygg.reports.tabular import (
    FIELDS,
    STOCKHOLM,
    RowError,
    Table,
    TabularError,
    read_table,
    suggest_mapping,
    validate_rows,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=STOCKHOLM)
HEADERS = ["Id", "Datum", "Kategori", "Beskrivning", "Latitud", "Longitud", "Plats",
           "Kostnad (kr)", "Polisens diarienummer", "Antal personer", "Ungdomar"]  # fmt: skip
MAPPING = {
    "external_id": "Id",
    "occurred_at": "Datum",
    "category": "Kategori",
    "description": "Beskrivning",
    "lat": "Latitud",
    "lon": "Longitud",
    "place_name": "Plats",
    "cost_sek": "Kostnad (kr)",
    "police_report_number": "Polisens diarienummer",
    "people_count": "Antal personer",
    "youth_involved": "Ungdomar",
}
GOOD = ["A-1", "2026-05-01 22:30", "Klotter", "Klotter på skolans vägg", "59,5140", "15,9926",
        "Karlsdal", "1 500,50", "5000-K123456-24", "3", "ja"]  # fmt: skip


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _validate(*rows, mapping=None, headers=HEADERS, **kw):
    table = Table(headers=list(headers), rows=[list(r) for r in rows])
    return validate_rows(table, MAPPING if mapping is None else mapping, now=NOW, **kw)


def _one_error(*rows, **kw) -> RowError:
    ok, errors = _validate(*rows, **kw)
    assert ok == [] and len(errors) == 1, errors
    return errors[0]


def _row(**changes):
    row = dict(zip(HEADERS, GOOD, strict=True))
    row.update(changes)
    return [row[h] for h in HEADERS]


# --- reading CSV ------------------------------------------------------------------------

CSV_ROWS = [["Id", "Datum", "Kategori", "Kostnad"], ["1", "2026-05-01", "Skadegörelse", "1 500,50"]]


SEMICOLON = "Id;Datum;Kategori;Kostnad\n1;2026-05-01;Skadegörelse;1 500,50\n"


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ('Id,Datum,Kategori,Kostnad\n1,2026-05-01,Skadegörelse,"1 500,50"\n'.encode(), "comma"),
        (SEMICOLON.encode(), "semicolon"),
        (SEMICOLON.replace("\n", "\r\n").encode(), "semicolon, CRLF"),
        (SEMICOLON.replace(";", "\t").encode(), "tab"),
        (SEMICOLON.encode("utf-8-sig"), "UTF-8 with BOM"),
        (SEMICOLON.encode("cp1252"), "Windows-1252"),
        (SEMICOLON.replace(";", "\t").encode("utf-16"), "UTF-16 (Excel 'Unicode text')"),
        (("sep=;\n" + SEMICOLON).encode(), "Excel's sep= line"),
    ],
)
def test_reads_csv_variants(raw, label):
    table = read_table(raw, "rapporter.csv")
    assert [table.headers, *table.rows] == CSV_ROWS, label


def test_semicolon_wins_over_decimal_commas():
    raw = b"id;lat;lon\n1;59,5140;15,9926\n2;59,6;16,5\n"
    assert read_table(raw, "x.csv").rows == [["1", "59,5140", "15,9926"], ["2", "59,6", "16,5"]]


def test_quoted_cells_keep_delimiters_and_newlines():
    raw = 'id,beskrivning\n1,"Klotter, mycket; på väggen\nandra raden"\n2,kort\n'.encode()
    table = read_table(raw, "x.csv")
    assert table.rows == [["1", "Klotter, mycket; på väggen\nandra raden"], ["2", "kort"]]


def test_rows_are_padded_and_cut_to_the_header_width():
    raw = b"a;b;c\n1\n1;2;3;4\n"
    assert read_table(raw, "x.csv").rows == [["1", "", ""], ["1", "2", "3"]]


def test_blank_rows_kept_inside_trailing_dropped():
    raw = b"a;b\n1;2\n;\n3;4\n\n;\n"
    assert read_table(raw, "x.csv").rows == [["1", "2"], ["", ""], ["3", "4"]]


def test_blank_and_duplicate_headers_get_names():
    table = read_table(b"Datum;;Datum;Datum\n1;2;3;4\n", "x.csv")
    assert table.headers == ["Datum", "Kolumn 2", "Datum (2)", "Datum (3)"]


def test_single_column_file():
    assert read_table(b"id\n1\n2\n", "x.csv") == Table(headers=["id"], rows=[["1"], ["2"]])


@pytest.mark.parametrize(
    ("raw", "filename", "message"),
    [
        (b"", "x.csv", "Filen är tom."),
        (b"\n\n  \r\n", "x.csv", "Filen är tom."),
        (b";;\n1;2;3\n", "x.csv", "Första raden måste innehålla kolumnrubriker."),
        (b"a;b\n\x81\x8d;\x8f\n", "x.csv", "teckenkodning"),
        (b"a;b\x00c\n", "x.txt", "inte vara en textfil"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "gammal.xls", "(.xls) stöds inte"),
        (b"PK\x03\x04" + b"\x00" * 100, "trasig.xlsx", "Excelfilen kunde inte läsas"),
        (b"PK\x03\x04" + b"\x00" * 100, "kalkyl.ods", "(.ods) stöds inte"),
        (b"id;datum\n1;2\n", "rapporter.xlsx", "inte en giltig Excelfil"),
    ],
)
def test_unreadable_files(raw, filename, message):
    with pytest.raises(TabularError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_table(raw, filename)


def test_too_many_rows(monkeypatch):
    from trygg.reports import tabular

    monkeypatch.setattr(tabular.reading, "MAX_ROWS", 3)
    read_table(b"id\n1\n2\n3\n", "x.csv")
    with pytest.raises(TabularError, match="fler än 3 rader"):
        read_table(b"id\n1\n2\n3\n4\n", "x.csv")


# --- reading XLSX -----------------------------------------------------------------------


def test_reads_first_sheet_of_xlsx_with_typed_cells():
    raw = _xlsx(
        [
            ["Id", "Datum", "Kategori", "Kostnad", "Lat", "Ungdomar", "Klockslag", None],
            [17, datetime(2026, 5, 1, 22, 30), "Klotter", 1500.5, 59.514, True, time(22, 30)],
            [18.0, datetime(2026, 5, 2), "Brand", 2000, None, False, None],
            [19, date(2026, 5, 3), "Stöld", None, 59.5, None, time(7, 5, 9)],
            [None, None, None, None, None, None, None],
            ["20", datetime(2026, 5, 4, 8, 0, 15), None, None, None, None, None],
            [None] * 7,  # trailing blank rows are dropped
        ]
    )
    table = read_table(raw, "rapporter.xlsx")
    assert table.headers == ["Id", "Datum", "Kategori", "Kostnad", "Lat", "Ungdomar", "Klockslag"]
    assert table.rows == [
        ["17", "2026-05-01 22:30", "Klotter", "1500.5", "59.514", "ja", "22:30"],
        ["18", "2026-05-02", "Brand", "2000", "", "nej", ""],
        ["19", "2026-05-03", "Stöld", "", "59.5", "", "07:05:09"],
        ["", "", "", "", "", "", ""],
        ["20", "2026-05-04 08:00:15", "", "", "", "", ""],
    ]


def test_xlsx_is_recognised_by_content_whatever_the_name():
    raw = _xlsx([["Id", "Datum"], ["1", "2026-05-01"]])
    assert read_table(raw, "export.csv").rows == [["1", "2026-05-01"]]


def test_xlsx_only_first_sheet_and_formula_values():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Id", "Kategori"])
    workbook.active.append(["1", "Klotter"])
    other = workbook.create_sheet("Andra")
    other.append(["Ska", "inte", "läsas"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "x.xlsx")
    assert table.headers == ["Id", "Kategori"] and table.rows == [["1", "Klotter"]]


def test_xlsx_end_to_end():
    raw = _xlsx(
        [
            ["Extern ID", "Datum", "Kategori", "Kostnad (kr)", "Latitud", "Longitud"],
            [101, datetime(2026, 5, 1, 22, 30), "klotter", 1500.5, 59.514, 15.9926],
            [102, datetime(2026, 7, 1), "Brand", -10, None, None],
        ]
    )
    table = read_table(raw, "x.xlsx")
    ok, errors = validate_rows(table, suggest_mapping(table.headers), now=NOW)
    assert [r.values for r in ok] == [
        {
            "external_id": "101",
            "occurred_at": datetime(2026, 5, 1, 22, 30, tzinfo=STOCKHOLM),
            "category": "klotter",
            "cost_sek": Decimal("1500.5"),
            "lat": 59.514,
            "lon": 15.9926,
        }
    ]
    assert [e.message for e in errors] == [
        "Rad 3: datumet '2026-07-01' ligger i framtiden.",
        "Rad 3: kostnaden '-10' får inte vara negativ.",
    ]


# --- mapping ----------------------------------------------------------------------------


def test_suggests_mapping_from_swedish_headers():
    assert suggest_mapping(HEADERS) == MAPPING


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["ID", "DATUM", "KATEGORI"], {"external_id": "ID", "occurred_at": "DATUM",
                                        "category": "KATEGORI"}),
        (["external_id", "occurred_at", "category", "lat", "lon", "cost_sek"],
         {"external_id": "external_id", "occurred_at": "occurred_at", "category": "category",
          "lat": "lat", "lon": "lon", "cost_sek": "cost_sek"}),
        (["Extern id", "Tid", "Typ"], {"external_id": "Extern id", "occurred_at": "Tid",
                                       "category": "Typ"}),
        (["Datum", "Tid"], {"occurred_at": "Datum", "occurred_time": "Tid"}),
        (["Diarienummer", "latitude", "longitude", "Plats"],
         {"police_report_number": "Diarienummer", "lat": "latitude", "lon": "longitude",
          "place_name": "Plats"}),
        (["Ärendenummer", "Händelsedatum", "Brottstyp", "Skadekostnad"],
         {"external_id": "Ärendenummer", "occurred_at": "Händelsedatum", "category": "Brottstyp",
          "cost_sek": "Skadekostnad"}),
        ([" kostnad_sek ", "Latitud (WGS84)", "Longitud (WGS84)"],
         {"cost_sek": " kostnad_sek ", "lat": "Latitud (WGS84)", "lon": "Longitud (WGS84)"}),
        (["Kostnad i kronor inkl moms", "Datum för händelsen"],
         {"cost_sek": "Kostnad i kronor inkl moms", "occurred_at": "Datum för händelsen"}),
        (["Färg", "Vikt", ""], {}),
    ],
)  # fmt: skip
def test_suggest_mapping_variants(headers, expected):
    assert suggest_mapping(headers) == expected


def test_suggest_mapping_uses_each_header_once():
    mapping = suggest_mapping(["Id", "Id", "Datum"])
    assert list(mapping.values()).count("Id") == 1


def test_fields_describe_required_ones():
    assert {f.name for f in FIELDS if f.required} == {"external_id", "occurred_at", "category"}
    assert all(f.label and f.help for f in FIELDS)


# --- validation: good rows --------------------------------------------------------------


def test_valid_row_gives_typed_values():
    ok, errors = _validate(GOOD)
    assert errors == []
    assert ok[0].row_number == 2
    assert ok[0].values == {
        "external_id": "A-1",
        "occurred_at": datetime(2026, 5, 1, 22, 30, tzinfo=STOCKHOLM),
        "category": "klotter",
        "description": "Klotter på skolans vägg",
        "lat": 59.514,
        "lon": 15.9926,
        "place_name": "Karlsdal",
        "cost_sek": Decimal("1500.50"),
        "police_report_number": "5000-K123456-24",
        "people_count": 3,
        "youth_involved": True,
    }
    assert ok[0].values["occurred_at"].utcoffset() == timedelta(hours=2)


def test_empty_optional_fields():
    row = _row(
        Beskrivning="",
        Latitud="",
        Longitud="",
        Plats="",
        **{"Kostnad (kr)": "", "Polisens diarienummer": "", "Antal personer": "", "Ungdomar": ""},
    )
    values = _validate(row)[0][0].values
    assert values["description"] == values["place_name"] == values["police_report_number"] == ""
    assert values["lat"] is values["lon"] is values["cost_sek"] is None
    assert values["people_count"] is values["youth_involved"] is None


def test_only_mapped_fields_are_returned():
    mapping = {"external_id": "Id", "occurred_at": "Datum", "category": "Kategori", "lat": ""}
    ok, errors = _validate(GOOD, mapping=mapping)
    assert errors == [] and set(ok[0].values) == {"external_id", "occurred_at", "category"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-01", datetime(2026, 5, 1, 0, 0, tzinfo=STOCKHOLM)),
        ("2026-5-1", datetime(2026, 5, 1, 0, 0, tzinfo=STOCKHOLM)),
        ("2026-05-01 22:30", datetime(2026, 5, 1, 22, 30, tzinfo=STOCKHOLM)),
        ("2026-05-01 8:05", datetime(2026, 5, 1, 8, 5, tzinfo=STOCKHOLM)),
        ("2026-05-01 22.30", datetime(2026, 5, 1, 22, 30, tzinfo=STOCKHOLM)),
        ("2026-05-01 kl 22.30", datetime(2026, 5, 1, 22, 30, tzinfo=STOCKHOLM)),
        ("2026-05-01T22:30:15", datetime(2026, 5, 1, 22, 30, 15, tzinfo=STOCKHOLM)),
        ("2026-05-01T22:30:15.250", datetime(2026, 5, 1, 22, 30, 15, tzinfo=STOCKHOLM)),
        ("2026-01-15 22:30", datetime(2026, 1, 15, 22, 30, tzinfo=STOCKHOLM)),
        ("2026-05-01T20:30:00Z", datetime(2026, 5, 1, 22, 30, tzinfo=STOCKHOLM)),
        ("2026-05-01T22:30:00+02:00", datetime(2026, 5, 1, 22, 30, tzinfo=STOCKHOLM)),
        ("2026-05-01T21:30:00+0100", datetime(2026, 5, 1, 22, 30, tzinfo=STOCKHOLM)),
    ],
)
def test_date_formats(text, expected):
    moment = _validate(_row(Datum=text))[0][0].values["occurred_at"]
    assert moment == expected
    assert moment.tzinfo is STOCKHOLM


def test_naive_times_are_swedish_local_time_with_dst():
    winter = _validate(_row(Datum="2026-01-15 12:00"))[0][0].values["occurred_at"]
    summer = _validate(_row(Datum="2026-05-15 12:00"))[0][0].values["occurred_at"]
    assert winter == datetime(2026, 1, 15, 11, 0, tzinfo=UTC)
    assert summer == datetime(2026, 5, 15, 10, 0, tzinfo=UTC)


def test_separate_time_column_is_combined():
    headers = ["Id", "Datum", "Klockslag", "Kategori"]
    mapping = suggest_mapping(headers)
    assert mapping["occurred_time"] == "Klockslag"
    ok, errors = _validate(
        ["1", "2026-05-01", "22:30", "Brand"],
        ["2", "2026-05-01", "", "Brand"],
        ["3", "2026-05-01 22:30", "22:30", "Brand"],
        ["4", "2026-05-01", "kl. 7.05", "Brand"],
        headers=headers,
        mapping=mapping,
    )
    assert errors == []
    assert [r.values["occurred_at"] for r in ok] == [
        datetime(2026, 5, 1, 22, 30, tzinfo=STOCKHOLM),
        datetime(2026, 5, 1, 0, 0, tzinfo=STOCKHOLM),
        datetime(2026, 5, 1, 22, 30, tzinfo=STOCKHOLM),
        datetime(2026, 5, 1, 7, 5, tzinfo=STOCKHOLM),
    ]
    assert "occurred_time" not in ok[0].values


def test_today_without_time_is_not_in_the_future():
    ok, errors = _validate(_row(Datum="2026-06-01"), _row(Id="2", Datum="2026-06-01 12:00"))
    assert errors == [] and len(ok) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 500,50", Decimal("1500.50")),
        ("1\u00a0500", Decimal("1500")),
        ("1\u202f500,5", Decimal("1500.5")),
        ("1\u2009500", Decimal("1500")),
        ("1500.50", Decimal("1500.50")),
        ("2 000 kr", Decimal("2000")),
        ("2000 SEK", Decimal("2000")),
        ("350:-", Decimal("350")),
        ("0", Decimal("0")),
        ("12 500 000", Decimal("12500000")),
    ],
)
def test_cost_formats(text, expected):
    assert _validate(_row(**{"Kostnad (kr)": text}))[0][0].values["cost_sek"] == expected


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        ("59,5140", "15,9926", (59.514, 15.9926)),
        ("59.5140", "15.9926", (59.514, 15.9926)),
        (" 59.5 ", "16", (59.5, 16.0)),
        ("-33.9", "-70.6", (-33.9, -70.6)),
    ],
)
def test_coordinate_formats(lat, lon, expected):
    values = _validate(_row(Latitud=lat, Longitud=lon))[0][0].values
    assert (values["lat"], values["lon"]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ja", True), ("JA", True), ("Nej", False), ("true", True), ("FALSE", False), ("1", True),
     ("0", False), ("sant", True), ("falskt", False), ("", None), ("tom", None), ("x", True)],
)  # fmt: skip
def test_youth_involved_values(text, expected):
    assert _validate(_row(Ungdomar=text))[0][0].values["youth_involved"] is expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("klotter", "klotter"),
        ("KLOTTER", "klotter"),
        ("Skadegörelse", "skadegorelse"),
        ("skadegörelse", "skadegorelse"),
        ("hot och  våld", "hot_vald"),
        ("Brand i container eller soprum", "brand_container"),
        ("ovrigt", "ovrigt"),
        ("Övrigt", "ovrigt"),
    ],
)
def test_category_by_code_or_swedish_name(text, code):
    assert _validate(_row(Kategori=text))[0][0].values["category"] == code


def test_municipality_categories_can_be_passed():
    @dataclass
    class Own:
        code: str
        name: str

    own = [Own("klotter", "Klotter"), Own("eget", "Egen kategori")]
    ok, errors = _validate(_row(Kategori="egen kategori"), _row(Id="2"), categories=own)
    assert [r.values["category"] for r in ok] == ["eget", "klotter"]
    error = _one_error(_row(Kategori="Brand"), categories=own)
    assert "Giltiga kategorier är t.ex. Klotter, Egen kategori." in error.message


# --- validation: errors -----------------------------------------------------------------


def test_invalid_date_message_uses_spreadsheet_row_number():
    rows = [_row(Id=str(i)) for i in range(5)] + [_row(Id="x", Datum="2026-13-01")]
    ok, errors = _validate(*rows)
    assert len(ok) == 5
    assert errors == [
        RowError(7, "occurred_at", "Rad 7: datumet '2026-13-01' är inte ett giltigt datum.")
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"Datum": "2026-02-30"}, "occurred_at", "datumet '2026-02-30' är inte ett giltigt datum."),
        ({"Datum": "1 maj 2026"}, "occurred_at",
         "datumet '1 maj 2026' kunde inte tolkas; skriv det som ÅÅÅÅ-MM-DD eller "
         "ÅÅÅÅ-MM-DD TT:MM."),
        ({"Datum": "01/05/2026"}, "occurred_at", "kunde inte tolkas"),
        ({"Datum": "2026-05-01 25:00"}, "occurred_at",
         "klockslaget i '2026-05-01 25:00' är inte giltigt."),
        ({"Datum": "2026-06-01 12:01"}, "occurred_at",
         "datumet '2026-06-01 12:01' ligger i framtiden."),
        ({"Datum": "2026-06-02"}, "occurred_at", "datumet '2026-06-02' ligger i framtiden."),
        ({"Datum": "1899-12-30"}, "occurred_at", "datumet '1899-12-30' ligger före år 1900."),
        ({"Datum": "0001-01-01T00:00+01:00"}, "occurred_at", "ligger före år 1900."),
        ({"Datum": "9999-12-31T23:00-05:00"}, "occurred_at", "ligger i framtiden."),
        ({"Datum": "2026-05-01T10:00+25:00"}, "occurred_at", "tidszonen"),
        ({"Datum": ""}, "occurred_at", "Datum saknas."),
        ({"Id": ""}, "external_id", "Extern id saknas."),
        ({"Id": "x" * 101}, "external_id", "Extern id är för lång (101 tecken, högst 100)."),
        ({"Kategori": ""}, "category", "Kategori saknas."),
        ({"Kategori": "Klottre"}, "category",
         "kategorin 'Klottre' finns inte. Menade du 'Klotter'? Giltiga kategorier är t.ex. "
         "Skadegörelse, Klotter, Krossad ruta, Annan skadegörelse, Brand."),
        ({"Kategori": "Bilar"}, "category",
         "kategorin 'Bilar' finns inte. Giltiga kategorier är t.ex. Skadegörelse, Klotter, "
         "Krossad ruta, Annan skadegörelse, Brand."),
        ({"Kostnad (kr)": "-500"}, "cost_sek", "kostnaden '-500' får inte vara negativ."),
        ({"Kostnad (kr)": "\u2212500"}, "cost_sek", "får inte vara negativ."),
        ({"Kostnad (kr)": "1.500"}, "cost_sek", "har fler än två decimaler"),
        ({"Kostnad (kr)": "1,500.50"}, "cost_sek", "kostnaden '1,500.50' är inte ett belopp"),
        ({"Kostnad (kr)": "femhundra"}, "cost_sek", "är inte ett belopp i kronor."),
        ({"Latitud": ""}, "lat", "longitud är ifylld men latitud saknas."),
        ({"Longitud": ""}, "lon", "latitud är ifylld men longitud saknas."),
        ({"Latitud": "norr"}, "lat", "latitud 'norr' är inte ett decimaltal."),
        ({"Latitud": "6580000"}, "lat", "ligger utanför −90…90; koordinaterna ska anges i WGS 84"),
        ({"Latitud": "15,99", "Longitud": "59,51"}, None, "verkar ha bytt plats"),
        ({"Longitud": "200"}, "lon", "longitud '200' ligger utanför −180…180"),
        ({"Plats": "x" * 201}, "place_name", "Plats är för lång (201 tecken, högst 200)."),
        ({"Polisens diarienummer": "x" * 41}, "police_report_number", "högst 40"),
        ({"Antal personer": "-2"}, "people_count",
         "antalet personer '-2' får inte vara negativt."),
        ({"Antal personer": "2,5"}, "people_count",
         "antalet personer '2,5' måste vara ett heltal."),
        ({"Ungdomar": "kanske"}, "youth_involved",
         "värdet 'kanske' för unga inblandade ska vara ja, nej eller tomt."),
    ],
)  # fmt: skip
def test_row_errors(changes, field, message):
    error = _one_error(_row(**changes))
    assert error.row_number == 2
    assert error.field == field
    assert error.message.startswith("Rad 2: ")
    assert message in error.message


def test_all_problems_of_a_row_are_reported():
    row = _row(Datum="2026-13-01", Kategori="Bilar", **{"Kostnad (kr)": "-1"})
    ok, errors = _validate(row)
    assert ok == []
    assert [e.field for e in errors] == ["occurred_at", "category", "cost_sek"]
    assert all(e.row_number == 2 for e in errors)


def test_duplicate_external_id_within_the_file():
    ok, errors = _validate(_row(Id="A-1"), _row(Id="A-2"), [""] * len(HEADERS), _row(Id="A-1"))
    assert [r.row_number for r in ok] == [2, 3]
    assert errors == [RowError(5, "external_id", "Rad 5: extern id 'A-1' finns redan på rad 2.")]


def test_blank_rows_are_skipped_without_shifting_numbers():
    ok, errors = _validate(_row(Id="1"), [" "] * len(HEADERS), _row(Id="2", Datum="nej"))
    assert [r.row_number for r in ok] == [2]
    assert [e.row_number for e in errors] == [4]


def test_time_column_conflict_and_bad_time():
    headers = ["Id", "Datum", "Klockslag", "Kategori"]
    mapping = suggest_mapping(headers)
    ok, errors = _validate(
        ["1", "2026-05-01 10:00", "22:30", "Brand"],
        ["2", "2026-05-01", "halv tio", "Brand"],
        headers=headers,
        mapping=mapping,
    )
    assert ok == []
    assert errors[0].message == (
        "Rad 2: datumet '2026-05-01 10:00' har ett annat klockslag än '22:30'."
    )
    assert errors[1] == RowError(
        3, "occurred_time", "Rad 3: klockslaget 'halv tio' kunde inte tolkas; skriv det som TT:MM."
    )


def test_long_values_are_shortened_in_messages():
    error = _one_error(_row(Kategori="k" * 100))
    assert "k" * 39 + "…'" in error.message and "k" * 41 not in error.message


# --- validation: the whole file ---------------------------------------------------------


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"external_id": "Id", "occurred_at": "Datum"},
         "Välj en kolumn för de obligatoriska fälten: Kategori."),
        ({"external_id": "Id", "occurred_at": "", "category": "Kategori"},
         "Välj en kolumn för de obligatoriska fälten: Datum."),
        ({}, "Välj en kolumn för de obligatoriska fälten: Extern id, Datum, Kategori."),
        ({**MAPPING, "category": "Typ"}, "Kolumnen 'Typ' finns inte i filen."),
        ({**MAPPING, "colour": "Id"}, "Okänt fält 'colour' i kolumnvalet."),
        ({**MAPPING, "lon": ""}, "Latitud och longitud måste väljas tillsammans."),
    ],
)  # fmt: skip
def test_mapping_errors_refuse_the_whole_file(mapping, message):
    with pytest.raises(TabularError) as raised:
        _validate(GOOD, mapping=mapping)
    assert str(raised.value) == message


def test_now_must_be_aware():
    with pytest.raises(ValueError):
        validate_rows(Table(HEADERS, [GOOD]), MAPPING, now=datetime(2026, 6, 1))


def test_csv_end_to_end_semicolon_cp1252():
    raw = (
        "Id;Datum;Kategori;Beskrivning;Kostnad\r\n"
        "1;2026-05-01 22:30;Skadegörelse;Fönster krossat;1 500,50\r\n"
        "2;2026-13-01;Skadegörelse;;\r\n"
        "1;2026-05-02;Nedskräpning;;-5\r\n"
    ).encode("cp1252")
    table = read_table(raw, "export.csv")
    ok, errors = validate_rows(table, suggest_mapping(table.headers), now=NOW)
    assert [r.values for r in ok] == [
        {
            "external_id": "1",
            "occurred_at": datetime(2026, 5, 1, 22, 30, tzinfo=STOCKHOLM),
            "category": "skadegorelse",
            "description": "Fönster krossat",
            "cost_sek": Decimal("1500.50"),
        }
    ]
    assert [e.message for e in errors] == [
        "Rad 3: datumet '2026-13-01' är inte ett giltigt datum.",
        "Rad 4: extern id '1' finns redan på rad 2.",
        "Rad 4: kostnaden '-5' får inte vara negativ.",
    ]


# --- the seeded taxonomy the importer matches against -----------------------------------


def test_seed_taxonomy_is_consistent():
    from trygg.reports.categories import SEED, SENSITIVITIES, seed_by_code

    codes = [c.code for c in SEED]
    assert len(codes) == len(set(codes)) == len(seed_by_code()) == 25
    seen: set[str] = set()
    for category in SEED:
        # Parents come first and the tree has two levels, so seeding in order works.
        assert category.parent is None or (
            category.parent in seen and seed_by_code()[category.parent].parent is None
        )
        seen.add(category.code)
        assert category.sensitivity in SENSITIVITIES
        assert category.retention_days >= 30
    names = {c.name.casefold() for c in SEED}
    assert len(names) == len(SEED)  # names are unique, so a name identifies one code


def test_seed_sensitivity_and_citizen_flags():
    from trygg.reports.categories import seed_by_code

    seed = seed_by_code()
    restricted = {c for c, s in seed.items() if s.sensitivity == "begransad"}
    assert restricted == {"hot_vald", "narkotika", "grupperingar", "valfardsbrott"}
    assert {c for c, s in seed.items() if not s.citizen} == {
        "hot_vald", "narkotika", "valfardsbrott", "inbrott",
    }  # fmt: skip
    assert seed["otrygg_miljo"].retention_days == seed["belysning"].retention_days == 1096
    assert seed["valfardsbrott"].retention_days == seed["klotter"].retention_days == 1826
    assert seed["brand_container"].name == "Brand i container eller soprum"
    assert seed["brand_container"].parent == "brand"
