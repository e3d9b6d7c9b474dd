"""The address register: imported by an administrator from a CSV (SWEREF 99 TM or WGS 84,
by header or by choice) or OpenStreetMap addr:* points as GeoJSON; a malformed file is
refused whole with a Swedish message, and a new file replaces the register."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from trygg.core.models import AuditEvent, Role
from trygg.core.viewer import operator_viewer
from trygg.geo.gazetteer import addresses
from trygg.geo.gazetteer.selectors import PlaceStatus, place_lookup
from trygg.geo.gazetteer.services import address_register_replace
from trygg.geo.models import Address, AddressImportJob

# Known pairs: vertices of Köping's boundary as SCB's SWEREF 99 TM file and its WGS 84 copy
# give them (shared/data/geo/koping-1983-from-deso{,-sweref99tm}.geojson).
KNOWN = [
    ((6593071.5494, 561214.262), (59.47166786986018, 16.08032166863958)),
    ((6593057.2423, 561107.5360000001), (59.47155496629095, 16.07843444116126)),
    ((6593032.7572, 560923.2496999996), (59.47136191782586, 16.07517581248855)),
]

SWEREF_CSV = (
    "Gatunamn;Nummer;Bokstav;Postnummer;Postort;N;E\n"
    "Storgatan;3;;731 30;Köping;6593071,5494;561214,262\n"
    "Storgatan;3;B;731 30;Köping;6593057.2423;561107.536\n"
    "Glasgatan;7;;731 31;Köping;6593032.7572;560923.2497\n"
)
WGS84_CSV = "gata,nummer,postnummer,postort,lat,lon\nTorggatan,12,73130,Köping,59.5140,15.9926\n"


def _replace(municipality, raw, fmt="csv"):
    with scope(municipality=municipality):
        return address_register_replace(viewer=operator_viewer(municipality), raw=raw, fmt=fmt)


def _stored(municipality):
    with scope(municipality=municipality):
        return sorted(
            (a.street, a.number, a.letter, a.postcode, a.town, round(a.lat, 6), round(a.lon, 6))
            for a in Address.objects.filter(municipality=municipality)
        )


@pytest.mark.parametrize(("north_east", "lat_lon"), KNOWN)
def test_sweref_99_tm_coordinates_become_the_known_wgs84_points(north_east, lat_lon):
    parsed = addresses.parse_csv(f"gata;nummer;n;e\nA;1;{north_east[0]};{north_east[1]}\n")
    row = parsed.rows[0]
    assert (row.lat, row.lon) == pytest.approx(lat_lon, abs=1e-6)
    assert parsed.crs == "EPSG:3006"


def test_a_sweref_csv_by_its_headers_is_imported_with_letters_and_postcodes(koping):
    result = _replace(koping, SWEREF_CSV.encode("utf-8"))
    assert (result.imported, result.replaced, result.crs) == (3, 0, "EPSG:3006")
    assert _stored(koping) == [
        ("Glasgatan", "7", "", "73131", "Köping", 59.471362, 16.075176),
        ("Storgatan", "3", "", "73130", "Köping", 59.471668, 16.080322),
        ("Storgatan", "3", "B", "73130", "Köping", 59.471555, 16.078434),
    ]


def test_a_wgs84_csv_by_its_headers_and_an_x_y_csv_by_the_chosen_system(koping):
    assert _replace(koping, WGS84_CSV).crs == "EPSG:4326"
    assert _stored(koping) == [("Torggatan", "12", "", "73130", "Köping", 59.514, 15.9926)]
    # Surveyors' X is the northing: the chosen system and the magnitudes decide.
    _replace(koping, "gata;nummer;x;y\nTorggatan;3A;6593071.5494;561214.262\n", "csv-3006")
    assert _stored(koping) == [("Torggatan", "3", "A", "", "", 59.471668, 16.080322)]


def test_openstreetmap_address_points_as_geojson(koping):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [15.9926, 59.514]},
                "properties": {
                    "addr:street": "Stora Torget",
                    "addr:housenumber": "1B",
                    "addr:postcode": "731 30",
                    "addr:city": "Köping",
                },
            }
        ],
    }
    result = _replace(koping, json.dumps(collection), "geojson")
    assert result.imported == 1
    assert _stored(koping) == [("Stora Torget", "1", "B", "73130", "Köping", 59.514, 15.9926)]


def test_a_new_file_replaces_the_whole_register_and_is_audited(koping):
    _replace(koping, SWEREF_CSV)
    result = _replace(koping, WGS84_CSV)
    assert (result.imported, result.replaced) == (1, 3)
    assert [a[0] for a in _stored(koping)] == ["Torggatan"]
    with scopes_disabled():
        events = list(
            AuditEvent.objects.filter(municipality=koping, event="geo.addresses_imported")
            .order_by("at")
            .values_list("data", flat=True)
        )
    assert [(e["imported"], e["replaced"]) for e in events] == [(3, 0), (1, 3)]


def test_an_imported_register_places_storgatan_3_style_addresses(koping):
    _replace(koping, SWEREF_CSV)
    with scope(municipality=koping):
        match = place_lookup(municipality=koping, text="Storgatan 3B, Köping")
    assert (match.status, match.label) == (PlaceStatus.ADRESS, "Storgatan 3B, Köping")
    assert (match.lat, match.lon) == pytest.approx((59.471555, 16.078434), abs=1e-6)


MALFORMED = [
    ("empty", "", "csv", "Filen är tom."),
    ("no number column", "gata;lat;lon\nStorgatan;59.5;16.0\n", "csv", "Kolumnen för nummer"),
    ("no coordinates", "gata;nummer\nStorgatan;3\n", "csv", "saknar koordinatkolumner"),
    ("headers only", "gata;nummer;lat;lon\n", "csv", "Filen har inga adresser."),
    ("bad number", "gata;nummer;lat;lon\nStorgatan;tre;59.5;16.0\n", "csv", "Rad 2: ”tre”"),
    ("no street", "gata;nummer;lat;lon\n;3;59.5;16.0\n", "csv", "Rad 2: gatunamnet saknas."),
    ("outside Sweden", "gata;nummer;lat;lon\nRue;3;48.85;2.35\n", "csv", "utanför Sverige"),
    ("bad postcode", "gata;nummer;postnummer;lat;lon\nA;3;7313;59.5;16\n", "csv", "postnummer"),
    ("wgs84 chosen, n/e given", "gata;nummer;n;e\nA;1;6593071;561214\n", "csv-4326", "lat och lon"),
    ("not json", "{inte json", "geojson", "inte giltig GeoJSON"),
    ("not a collection", '{"type": "Point"}', "geojson", "FeatureCollection"),
    (
        "a line",
        '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":'
        '{"type":"LineString","coordinates":[[16,59],[16.1,59]]},"properties":{}}]}',
        "geojson",
        "Objekt 1 är ingen punkt.",
    ),
    (
        "unknown crs",
        '{"type":"FeatureCollection","crs":{"type":"name","properties":'
        '{"name":"EPSG:3021"}},"features":[]}',
        "geojson",
        "Okänt koordinatsystem",
    ),
]


@pytest.mark.parametrize(
    ("case", "raw", "fmt", "message"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_a_malformed_file_is_refused_whole_and_the_register_is_kept(
    koping, case, raw, fmt, message
):
    _replace(koping, WGS84_CSV)
    with pytest.raises(ValidationError) as refused:
        _replace(koping, raw, fmt)
    assert any(message in m for m in refused.value.messages), refused.value.messages
    assert [a[0] for a in _stored(koping)] == ["Torggatan"]


def test_one_bad_row_among_good_ones_imports_nothing(koping):
    raw = SWEREF_CSV + "Glasgatan;x;;731 31;Köping;6593032;560923\n"
    with pytest.raises(ValidationError) as refused:
        _replace(koping, raw)
    assert refused.value.messages == [
        "Filen importerades inte. Rätta felen och försök igen.",
        "Rad 5: ”x” är inget husnummer (t.ex. 3 eller 3B).",
    ]
    assert _stored(koping) == []


def test_the_upload_page_imports_through_the_job_and_shows_the_result(
    client, users, koping, django_capture_on_commit_callbacks
):
    client.force_login(users[Role.ADMINISTRATOR])
    upload = SimpleUploadedFile("adresser.csv", SWEREF_CSV.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("geo:address_register"), {"file": upload, "format": "csv"})
    with scopes_disabled():
        job = AddressImportJob.objects.get(municipality=koping)
    assert response.status_code == 302 and response.url == reverse("geo:address_job", args=[job.pk])
    assert (job.status, job.imported_count, job.total) == ("klar", 3, 3)
    page = client.get(response.url).content.decode()
    assert "3 adresser importerade; de 0 tidigare ersattes." in page
    status = client.get(reverse("geo:address_job_status", args=[job.pk])).json()
    assert status["state"] == "klar"


def test_a_malformed_upload_is_refused_on_the_page_and_nothing_is_stored(client, users, koping):
    client.force_login(users[Role.ADMINISTRATOR])
    upload = SimpleUploadedFile("a.csv", b"gata;nummer\nStorgatan;3\n", content_type="text/csv")
    page = client.post(reverse("geo:address_register"), {"file": upload, "format": "csv"})
    assert page.status_code == 200
    assert "Filen saknar koordinatkolumner" in page.content.decode()
    with scopes_disabled():
        assert not AddressImportJob.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMINISTRATOR, 200),
        (Role.SAMORDNARE, 200),
        (Role.ANALYTIKER, 403),
        (Role.RAPPORTOR, 403),
    ],
)
def test_who_may_open_the_address_register(client, users, koping, role, status):
    client.force_login(users[role])
    assert client.get(reverse("geo:address_register")).status_code == status


def test_another_municipalitys_address_job_is_not_found(client, users, koping, arboga):
    with scopes_disabled():
        job = AddressImportJob.objects.create(municipality=arboga, filename="a.csv")
    client.force_login(users[Role.ADMINISTRATOR])
    assert client.get(reverse("geo:address_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("geo:address_job_status", args=[job.pk])).status_code == 404


def test_the_command_replaces_the_register_or_says_what_is_wrong(koping, tmp_path):
    good, bad = tmp_path / "a.csv", tmp_path / "b.csv"
    good.write_text(SWEREF_CSV, encoding="utf-8")
    bad.write_text("gata;nummer\nA;1\n", encoding="utf-8")
    call_command("import_addresses", str(good), kommunkod="1983")
    assert len(_stored(koping)) == 3
    with pytest.raises(CommandError, match="saknar koordinatkolumner"):
        call_command("import_addresses", str(bad), kommunkod="1983")
    assert len(_stored(koping)) == 3
