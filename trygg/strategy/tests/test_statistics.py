from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.helpers import make_member, make_organisation
from trygg.core.models import Municipality, Role
from trygg.strategy import crimestats
from trygg.strategy.models import CrimeStatistic, MunicipalStatistic

DALARNA = (
    Path(__file__).resolve().parents[4]
    / "shared"
    / "data"
    / "stats"
    / "bra-kommunindikatorer-dalarna-2016-2025.csv"
)

TIDY = (
    "geografi,enhet,ar,variabel,varde,kalla\n"
    "Ludvika,Antal per 100 000 inv,2024,Totalt antal anmälda brott,8021.0,Anmälda brott\n"
    "Dalarnas län,Antal per 100 000 inv,2024,Totalt antal anmälda brott,9100.0,Anmälda brott\n"
    "Hela landet,Antal per 100 000 inv,2024,Totalt antal anmälda brott,14000.0,Anmälda brott\n"
    "Gotham,Antal,2024,Totalt antal anmälda brott,5.0,Anmälda brott\n"
    "Ludvika,Antal,2024,Kattstöld,5.0,Anmälda brott\n"
    "Ludvika,Antal,tjugo,Bilbrott,5.0,Anmälda brott\n"
).encode()


def test_rows_with_unknown_region_offence_or_number_are_reported_one_by_one():
    rows, errors = crimestats.parse_indicators(TIDY)
    assert [r.region.code for r in rows] == ["2085", "20", "00"]
    assert [e.message for e in errors] == [
        "Rad 5: okänd kommun eller region 'Gotham'.",
        "Rad 6: okänd brottskategori 'Kattstöld'.",
        "Rad 7: år eller värde är inte ett tal.",
    ]


def test_municipal_file_with_thousands_separator():
    raw = "\ufeffKommun;Antal;Per 100 000 inv\r\nKöping;2 127;8 243\r\nOkänd;1;1\r\n".encode()
    rows, errors = crimestats.parse_municipal_file(raw, offence="Skadegörelsebrott", year=2024)
    assert {(r.region.code, r.unit, r.value) for r in rows} == {
        ("1983", "antal", 2127.0),
        ("1983", "per100k", 8243.0),
    }
    assert errors[0].message == "Rad 3: okänd kommun 'Okänd'."


@pytest.mark.skipif(not DALARNA.exists(), reason="../shared/data saknas")
def test_the_real_dalarna_file_reads_without_errors():
    rows, errors = crimestats.parse_indicators(DALARNA.read_bytes())
    assert errors == []
    assert len(rows) == 13209
    ludvika = next(
        r
        for r in rows
        if r.region.name == "Ludvika"
        and r.year == 2024
        and r.indicator == "Totalt antal anmälda brott"
        and r.unit == "antal"
    )
    assert ludvika.value == 2127.0


def test_import_in_the_app_compares_with_county_and_country(client, db):
    ludvika = Municipality.objects.create(
        name="Ludvika", kommunkod="2085", county_code="20", slug="ludvika"
    )
    analyst = make_member("analys", make_organisation(ludvika, "Säkerhet"), Role.ANALYTIKER)
    client.force_login(analyst)
    url = reverse("strategy:statistics")
    for _ in range(2):  # importing twice changes nothing
        page = client.post(
            url, {"layout": "indikatorer", "file": SimpleUploadedFile("s.csv", TIDY)}
        ).content.decode()
    assert CrimeStatistic.objects.count() == 0  # the shared source is never a tenant's upload
    with scopes_disabled():  # counting across tenants: there is only Ludvika's own
        assert MunicipalStatistic.objects.filter(municipality=ludvika).count() == 3
    assert "3 värden importerades." in page and "3 rader hade fel" in page
    assert "Rad 5: okänd kommun eller region" in page
    assert "8\u00a0021" in page
    assert "14\u00a0000" in page


def test_radsledamot_reads_but_cannot_import(client, users, koping):
    client.force_login(users[Role.RADSLEDAMOT])
    page = client.post(
        reverse("strategy:statistics"),
        {"layout": "indikatorer", "file": SimpleUploadedFile("s.csv", TIDY)},
    )
    assert page.status_code == 200
    with scopes_disabled():  # nothing stored anywhere
        assert MunicipalStatistic.objects.count() == 0
    assert "Ingen statistik för Köping" in page.content.decode()


def test_an_excel_file_given_as_statistics_is_refused_unopened(client, users):
    client.force_login(users[Role.SAMORDNARE])
    page = client.post(
        reverse("strategy:statistics"),
        {"layout": "indikatorer", "file": SimpleUploadedFile("s.xlsx", b"PK\x03\x04" + b"0" * 99)},
    ).content.decode()
    assert "Filen är en Excel- eller ZIP-fil; spara den som CSV (UTF-8) och försök igen." in page
    with scopes_disabled():  # nothing stored anywhere
        assert MunicipalStatistic.objects.count() == 0
