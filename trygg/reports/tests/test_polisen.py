"""The police events feed, on the real archive sample in ../shared/data/polisen and on
hand-made objects for the quirks and the failure cases."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trygg.reports.categories import seed_by_code
from trygg.reports.polisen import (
    STOCKHOLM,
    TYPE_TO_CATEGORY,
    PoliceFeedError,
    category_for_type,
    municipality_matches,
    parse_event,
    parse_feed,
)

POLISEN = Path(__file__).resolve().parents[4] / "shared" / "data" / "polisen"
SAMPLE = POLISEN / "polisen-events-sample.json"
VASTMANLAND = POLISEN / "polisen-events-vastmanland.json"

needs_data = pytest.mark.skipif(
    not SAMPLE.exists(), reason=f"the police sample {SAMPLE} is not available on this machine"
)


@pytest.fixture(scope="module")
def sample():
    if not SAMPLE.exists():
        pytest.skip(f"the police sample {SAMPLE} is not available on this machine")
    raw = SAMPLE.read_bytes()
    events, errors = parse_feed(raw)
    return json.loads(raw), events, errors


@pytest.fixture(scope="module")
def by_id(sample):
    return {e.external_id: e for e in sample[1]}


def _event(**overrides):
    obj = {
        "id": 644271,
        "datetime": "2026-06-28 13:16:31 +02:00",
        "name": "28 juni 11.49, Försvunnen person, Köping",
        "summary": "Polisen söker efter försvunnen pojke i Köping.",
        "url": "/aktuellt/handelser/2026/juni/28/28-juni-11.49-forsvunnen-person-koping/",
        "type": "Försvunnen person",
        "location": {"name": "Västmanlands län", "gps": "59.671388,16.215895"},
    }
    obj.update(overrides)
    return obj


# --- the real sample --------------------------------------------------------------------


@needs_data
def test_every_sample_event_parses(sample):
    raw, events, errors = sample
    assert errors == []
    assert len(raw) == len(events) == 12_000
    assert len({e.external_id for e in events}) == 12_000


@needs_data
def test_koping_has_177_events_of_which_17_county_level(sample):
    events = sample[1]
    koping = [e for e in events if municipality_matches(e, "Köping")]
    assert len(koping) == 177
    assert sum(not e.county_level for e in koping) == 160
    county = [e for e in koping if e.county_level]
    assert len(county) == 17
    assert {e.location_name for e in county} == {"Västmanlands län"}
    assert {e.place for e in county} == {"Köping"}


@needs_data
def test_vastmanland_file_parses(sample):
    events, errors = parse_feed(VASTMANLAND.read_text(encoding="utf-8"))
    assert errors == [] and len(events) == 2005
    assert sum(municipality_matches(e, "köping") for e in events) == 177


@needs_data
def test_no_municipality_level_locations_after_january_2026(sample):
    events = sample[1]
    late = [e for e in events if e.published_at >= datetime(2026, 2, 1, tzinfo=STOCKHOLM)]
    assert late and all(e.county_level for e in late)
    assert all(e.location_name.endswith(" län") for e in late)


@needs_data
def test_sample_times_are_aware_and_close(sample):
    events = sample[1]
    assert all(e.published_at.tzinfo is not None for e in events)
    assert all(e.occurred_at.tzinfo is STOCKHOLM for e in events)
    # The incident never lies more than the day of slack after publication.
    assert all(e.occurred_at <= e.published_at + timedelta(days=1) for e in events)
    assert sum(e.published_at - e.occurred_at < timedelta(days=2) for e in events) > 11_900


@needs_data
def test_unpadded_hour_in_the_sample(by_id):
    # "2026-04-30 9:37:16 +02:00", and the type itself has a comma.
    event = by_id["633532"]
    assert event.published_at == datetime(2026, 4, 30, 9, 37, 16, tzinfo=STOCKHOLM)
    assert event.occurred_at == datetime(2026, 4, 30, 8, 11, tzinfo=STOCKHOLM)
    assert event.type == "Trafikolycka, personskada"
    assert event.category_code == "trafik"
    assert event.place == "Köping"
    assert event.location_name == "Västmanlands län" and event.county_level


@needs_data
def test_the_one_empty_place_in_the_sample(sample, by_id):
    empty = [e for e in sample[1] if e.place == ""]
    assert [e.external_id for e in empty] == ["586066"]
    event = by_id["586066"]
    assert event.type == "Trafikkontroll"
    assert event.location_name == "Västerbottens län"
    assert event.occurred_at == datetime(2025, 5, 20, 13, 9, tzinfo=STOCKHOLM)


@needs_data
def test_old_colon_time_format_in_the_sample(by_id):
    # Until November 2023 the name read "09 november 10:40, ...".
    event = by_id["469269"]
    assert event.occurred_at == datetime(2023, 11, 9, 10, 40, tzinfo=STOCKHOLM)
    assert event.place == "Västerås" and not event.county_level


@needs_data
@pytest.mark.parametrize(
    ("official", "feed_spelling", "count"),
    [
        ("Upplands Väsby", "Upplands väsby", 21),
        ("Upplands-Bro", "Upplands-bro", 13),
        ("Dals-Ed", "Dals-ed", 2),
        ("Östra Göinge", "Östra göinge", 15),
        ("Lilla Edet", "Lilla edet", 8),
    ],
)
def test_municipality_name_case_variants(sample, official, feed_spelling, count):
    found = [e for e in sample[1] if municipality_matches(e, official) and not e.county_level]
    assert len(found) == count
    assert {e.location_name for e in found} == {feed_spelling}


@needs_data
def test_every_sample_type_is_mapped_to_a_seeded_category(sample):
    raw = sample[0]
    types = {obj["type"].strip() for obj in raw}
    assert len(types) == 87
    assert types <= set(TYPE_TO_CATEGORY)
    codes = set(seed_by_code())
    assert {c for c in TYPE_TO_CATEGORY.values() if c is not None} <= codes


@needs_data
def test_summaries_are_marked_for_skipping(sample):
    skipped = {e.type for e in sample[1] if e.category_code is None}
    assert skipped == {
        "Sammanfattning natt", "Sammanfattning kväll och natt", "Uppdatering", "Information",
    }  # fmt: skip


@needs_data
def test_urls_and_coordinates(sample):
    for event in sample[1]:
        assert event.url.startswith("https://polisen.se/aktuellt/handelser/")
        assert 55 <= event.lat <= 69.1 and 10.9 <= event.lon <= 24.2


# --- single objects ---------------------------------------------------------------------


def test_parse_event_fields():
    event = parse_event(_event())
    assert event.external_id == "644271"
    assert event.published_at == datetime(2026, 6, 28, 11, 16, 31, tzinfo=UTC)
    assert event.published_at.utcoffset() == timedelta(hours=2)
    assert event.occurred_at == datetime(2026, 6, 28, 11, 49, tzinfo=STOCKHOLM)
    assert event.type == "Försvunnen person"
    assert event.category_code == "ovrigt"
    assert event.place == "Köping"
    assert event.location_name == "Västmanlands län"
    assert event.county_level is True
    assert (event.lat, event.lon) == (59.671388, 16.215895)
    assert event.summary == "Polisen söker efter försvunnen pojke i Köping."
    assert event.url == (
        "https://polisen.se/aktuellt/handelser/2026/juni/28/28-juni-11.49-forsvunnen-person-koping/"
    )


def test_unpadded_hour_and_winter_offset():
    event = parse_event(_event(datetime="2024-01-05 8:03:12 +01:00", name="5 januari 07.40, X, Y"))
    assert event.published_at == datetime(2024, 1, 5, 8, 3, 12, tzinfo=STOCKHOLM)
    assert event.published_at.utcoffset() == timedelta(hours=1)
    assert event.occurred_at == datetime(2024, 1, 5, 7, 40, tzinfo=STOCKHOLM)
    assert event.occurred_at.utcoffset() == timedelta(hours=1)


def test_type_with_comma_takes_place_after_the_last_comma():
    event = parse_event(
        _event(
            name="3 maj 17.02, Trafikolycka, personskada, Kungsör", type="Trafikolycka, personskada"
        )
    )
    assert event.place == "Kungsör"
    assert event.type == "Trafikolycka, personskada"


def test_empty_place():
    event = parse_event(_event(name="20 maj 13.09, Trafikkontroll, ", type="Trafikkontroll"))
    assert event.place == ""
    assert not municipality_matches(event, "")


def test_type_with_trailing_space_is_stripped():
    event = parse_event(_event(type="Lagen om hundar och katter "))
    assert event.type == "Lagen om hundar och katter"
    assert event.category_code == "ovrigt"


def test_municipality_level_event():
    event = parse_event(
        _event(
            name="12 maj 22.10, Skadegörelse, Köping",
            type="Skadegörelse",
            location={"name": "Köping", "gps": "59.514,15.9926"},
        )
    )
    assert not event.county_level
    assert municipality_matches(event, "KÖPING")
    assert municipality_matches(event, "köping")
    assert not municipality_matches(event, "Arboga")
    assert not municipality_matches(event, "Köp")


@pytest.mark.parametrize(
    ("published", "name", "occurred"),
    [
        # Across New Year: published 2 January, happened on New Year's Eve.
        ("2026-01-02 0:15:00 +01:00", "31 december 23.50, Brand, Köping", (2025, 12, 31, 23, 50)),
        ("2026-01-02 9:00:00 +01:00", "1 januari 00.05, Bråk, Köping", (2026, 1, 1, 0, 5)),
        # A day of slack: the incident may be stamped a little after publication.
        ("2025-12-31 23:59:00 +01:00", "1 januari 00.10, Bråk, Köping", (2026, 1, 1, 0, 10)),
        # A time later than publication on the publication's date is the previous day
        # (604460, and a case of a morning's notice naming the evening before).
        ("2025-09-29 0:06:00 +02:00", "29 september 23.21, Brand, Köping", (2025, 9, 28, 23, 21)),
        ("2026-06-21 9:16:43 +02:00", "21 juni 20.24, Brand, Köping", (2026, 6, 20, 20, 24)),
        # Across the spring DST change the named time of day stays (29 March 2026, 02.00 → 03.00).
        ("2026-03-30 0:30:00 +02:00", "30 mars 22.10, Brand, Köping", (2026, 3, 29, 22, 10)),
        # Within the hour of clock slack the named date stands.
        ("2026-06-21 9:16:43 +02:00", "21 juni 09.40, Brand, Köping", (2026, 6, 21, 9, 40)),
        ("2026-06-21 9:16:43 +02:00", "21 juni 10.17, Brand, Köping", (2026, 6, 20, 10, 17)),
        # More than a day ahead means last year (an announcement for next week is misdated).
        ("2024-06-13 6:06:35 +02:00", "17 juni 07.00, Övrigt, Köping", (2023, 6, 17, 7, 0)),
        # 29 February only exists in leap years.
        ("2025-03-01 8:00:00 +01:00", "29 februari 10.00, Stöld, Köping", (2024, 2, 29, 10, 0)),
        # Zero-padded day and the pre-2023 colon.
        (
            "2023-11-09 11:33:34 +01:00",
            "09 november 10:40, Övrigt, Västerås",
            (2023, 11, 9, 10, 40),
        ),
        ("2025-07-04 9:00:00 +02:00", "4 JULI 8.05, Stöld, Köping", (2025, 7, 4, 8, 5)),
    ],
)
def test_occurred_year_inference(published, name, occurred):
    event = parse_event(_event(datetime=published, name=name))
    assert event.occurred_at == datetime(*occurred, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    "name",
    [
        "Sammanfattning natt, Västmanlands län",
        "28 jani 11.49, Brand, Köping",
        "28 juni 25.49, Brand, Köping",
        "31 juni 11.49, Brand, Köping",
        "",
    ],
)
def test_unreadable_name_falls_back_to_published_at(name):
    event = parse_event(_event(name=name))
    assert event.occurred_at == event.published_at


@pytest.mark.parametrize(
    ("type_", "code"),
    [
        ("Skadegörelse", "annan_skadegorelse"),
        ("Brand", "brand"),
        ("Mordbrand", "anlagd_brand"),
        ("Stöld", "stold"),
        ("Inbrott", "inbrott"),
        ("Stöld/inbrott", "stold_inbrott"),
        ("Misshandel", "hot_vald"),
        ("Misshandel, grov", "hot_vald"),
        ("Olaga hot", "hot_vald"),
        ("Rån", "hot_vald"),
        ("Rån väpnat", "hot_vald"),
        ("Rån, försök", "hot_vald"),
        ("Narkotikabrott", "narkotika"),
        ("Ordningslagen", "ordningsstorning"),
        ("Fylleri/LOB", "ordningsstorning"),
        ("Fylleri", "ordningsstorning"),
        ("Bråk", "ordningsstorning"),
        ("Trafikolycka", "trafik"),
        ("Trafikolycka, vilt", "trafik"),
        ("Trafikkontroll", "trafik"),
        ("Rattfylleri", "trafik"),
        ("Övrigt", "ovrigt"),
        ("Sammanfattning natt", None),
        ("Sammanfattning kväll och natt", None),
        # Not in the table: other summaries are still skipped, anything else is "övrigt".
        ("Sammanfattning helg", None),
        ("Något helt nytt", "ovrigt"),
        (" skadegörelse ", "annan_skadegorelse"),
    ],
)
def test_category_for_type(type_, code):
    assert category_for_type(type_) == code
    assert parse_event(_event(type=type_)).category_code == code


def test_absolute_polisen_url_is_kept():
    url = "https://polisen.se/aktuellt/handelser/2026/juni/28/x/"
    assert parse_event(_event(url=url)).url == url


def test_string_id_and_missing_summary_are_accepted():
    obj = _event(id="644271")
    del obj["summary"]
    event = parse_event(obj)
    assert event.external_id == "644271" and event.summary == ""


# --- malformed input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        ("inte ett objekt", "inte ett JSON-objekt"),
        ([1, 2], "inte ett JSON-objekt"),
        ({k: v for k, v in _event().items() if k != "id"}, "'id' saknas"),
        (_event(id=None), "'id' saknas"),
        (_event(id=True), "'id' måste vara ett heltal"),
        (_event(id="abc"), "'id' måste vara ett heltal"),
        (_event(datetime="28 juni 2026"), "'datetime' har okänt format"),
        (_event(datetime="2026-02-30 10:00:00 +01:00"), "inte ett giltigt datum"),
        (_event(datetime="0001-01-01 0:00:00 +02:00"), "inte ett giltigt datum"),
        (_event(datetime=1719580591), "'datetime' måste vara text"),
        (_event(name=None), "'name' saknas"),
        (_event(type="  "), "'type' är tomt"),
        (_event(type=3), "'type' måste vara text"),
        (_event(location="Köping"), "'location' måste vara ett objekt"),
        (_event(location={"name": "Köping"}), "'location' måste ha 'name' och 'gps'"),
        (_event(location={"name": "Köping", "gps": "59.5"}), "'location.gps' kan inte tolkas"),
        (_event(location={"name": "Köping", "gps": "nord,öst"}), "kan inte tolkas"),
        (_event(location={"name": "Köping", "gps": "159.5,15.9"}), "utanför jordklotet"),
        (_event(summary=["a"]), "'summary' måste vara text"),
        (_event(url="https://example.com/x"), "pekar inte på polisen.se"),
        (_event(url="javascript:alert(1)"), "pekar inte på polisen.se"),
        (_event(url="//example.com/x"), "pekar inte på polisen.se"),
        (_event(url=None), "'url' saknas"),
    ],
)
def test_malformed_objects_raise_with_swedish_reason(obj, reason):
    with pytest.raises(PoliceFeedError, match=reason):
        parse_event(obj)


def test_parse_feed_reports_bad_rows_by_index_and_keeps_the_rest():
    good = _event()
    feed = [
        good,
        "sträng",
        {k: v for k, v in _event(id=2).items() if k != "datetime"},
        _event(id=3, location={"name": "Köping", "gps": "x"}),
        _event(id=4, name="1 maj 10.00, Brand, Arboga"),
    ]
    events, errors = parse_feed(json.dumps(feed).encode())
    assert [e.external_id for e in events] == ["644271", "4"]
    assert [index for index, _ in errors] == [1, 2, 3]
    assert errors[0][1] == "Händelsen är inte ett JSON-objekt."
    assert errors[1][1] == "Fältet 'datetime' saknas."
    assert "location.gps" in errors[2][1]


def test_parse_feed_accepts_text_and_bom():
    body = json.dumps([_event()], ensure_ascii=False)
    assert len(parse_feed(body)[0]) == 1
    assert len(parse_feed(b"\xef\xbb\xbf" + body.encode())[0]) == 1
    assert parse_feed(b"[]") == ([], [])


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"id": 1}', "JSON-lista"),
        (b"null", "JSON-lista"),
        (b"[{", "inte giltig JSON"),
        (b"", "inte giltig JSON"),
        (b"[1,", "inte giltig JSON"),
        (b"\xff\xfe[]", "inte UTF-8"),
    ],
)
def test_parse_feed_refuses_a_file_that_is_not_a_json_list(raw, reason):
    with pytest.raises(PoliceFeedError, match=reason):
        parse_feed(raw)
