"""The statistics importer reads what municipalities actually have: Swedish Excel's CSV
(semicolons, decimal comma), renamed or capitalised headers, BRÅ's suppressed "..", SCB's
"Sverige totalt", and refuses a repeated row with a Swedish message on every database."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from trygg.core.models import Role
from trygg.strategy import crimestats
from trygg.strategy.models import MunicipalStatistic

ROW = "Totalt antal anmälda brott"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "geografi,enhet,ar,variabel,varde,kalla\n"
            f"Ludvika,Antal per 100 000 inv,2024,{ROW},8021.5,Anmälda brott\n",
            [("2085", 2024, 8021.5)],
        ),
        (  # Swedish Excel: semicolons and a decimal comma
            "geografi;enhet;ar;variabel;varde;kalla\r\n"
            f"Ludvika;Antal per 100 000 inv;2024;{ROW};8021,5;Anmälda brott\r\n",
            [("2085", 2024, 8021.5)],
        ),
        (  # renamed and capitalised headers, in another order
            "Källa;Region;År;Indikator;Enhet;Värde\n"
            f"Anmälda brott;Ludvika;2024;{ROW};Antal per 100 000 inv;8 021,5\n",
            [("2085", 2024, 8021.5)],
        ),
        (
            "GEOGRAFI\tENHET\tAR\tVARIABEL\tVARDE\tKALLA\n"
            f"Sverige totalt\tAntal per 100 000 inv\t2024\t{ROW}\t14000\tAnmälda brott\n",
            [("00", 2024, 14000.0)],
        ),
        (  # suppressed in the source: read, not an error
            f"geografi;enhet;ar;variabel;varde;kalla\nLudvika;Antal;2024;{ROW};..;Anmälda brott\n",
            [("2085", 2024, None)],
        ),
    ],
    ids=["comma", "excel-semicolon", "renamed-headers", "tab-and-sverige-totalt", "suppressed"],
)
def test_the_indicator_file_reads_in_each_layout_municipalities_save(text, expected):
    rows, errors = crimestats.parse_indicators(text.encode("cp1252"))
    assert errors == []
    assert [(r.region.code, r.year, r.value) for r in rows] == expected


def test_a_file_without_the_columns_names_its_separator_and_the_columns_it_has():
    with pytest.raises(ValueError) as exc:
        crimestats.parse_indicators(b"kommun;antal;per 100 000\nLudvika;1;2\n")
    assert str(exc.value) == (
        "Kolumnerna geografi, enhet, ar, variabel, varde och kalla krävs. Filen lästes med "
        "semikolon som avgränsare och har kolumnerna: kommun, antal, per 100 000."
    )


REPEATED = (
    "geografi;enhet;ar;variabel;varde;kalla\n"
    f"Köping;Antal per 100 000 inv;2024;{ROW};8000;Anmälda brott\n"
    f"Köping;Antal per 100 000 inv;2024;{ROW};8100;Anmälda brott\n"
).encode()


def test_a_repeated_row_is_a_row_error_and_the_first_is_stored(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    page = client.post(
        reverse("strategy:statistics"),
        {"layout": "indikatorer", "file": SimpleUploadedFile("s.csv", REPEATED)},
    )
    assert page.status_code == 200
    assert (
        "Rad 3: samma region, år, variabel och enhet som rad 2; raden hoppades över."
        in page.content.decode()
    )
    with scopes_disabled():  # the one row, in Köping's own statistics
        assert list(MunicipalStatistic.objects.values_list("municipality", "value")) == [
            (koping.pk, 8000.0)
        ]


def test_the_municipal_file_with_a_repeated_municipality_reports_the_repeat():
    raw = "Kommun;Antal;Per 100 000 inv\nKöping;5;1\nKöping;6;2\nArboga;..;..\n".encode()
    rows, errors = crimestats.parse_municipal_file(raw, offence="Bilbrott", year=2024)
    assert [e.message for e in errors] == [
        "Rad 3: Köping finns redan på rad 2; raden hoppades över."
    ]
    assert [(r.region.code, r.value) for r in rows] == [
        ("1983", 5.0),
        ("1983", 1.0),
        ("1984", None),
        ("1984", None),
    ]


def test_a_suppressed_value_is_shown_as_suppressed_not_as_missing(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    raw = (
        "geografi;enhet;ar;variabel;varde;kalla\n"
        f"Köping;Antal per 100 000 inv;2024;{ROW};..;Anmälda brott\n"
    ).encode()
    page = client.post(
        reverse("strategy:statistics"),
        {"layout": "indikatorer", "file": SimpleUploadedFile("s.csv", raw)},
    ).content.decode()
    assert "1 värde importerades." in page
    assert "rader hade fel" not in page
    row = page.split('<th scope="row">2024</th>', 1)[1].split("</tr>", 1)[0]
    assert row == (
        '<td class="num" data-label="Köping"><abbr title="Dolt i källan (för få att redovisa)">'
        '..</abbr></td>\n<td class="num" data-label="Länet">–</td>\n'
        '<td class="num" data-label="Riket">–</td>'
    )
