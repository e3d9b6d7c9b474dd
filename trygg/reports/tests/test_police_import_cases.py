"""The Police import on the cases of issue 14, each a small feed file written here: two
overlapping snapshots pasted together, single-municipality and county-level events, later
versions and moves, an incident time after publication, and ids or text no database takes."""

import json
from datetime import datetime

import pytest
from django.core.files.base import ContentFile
from django_scopes import scopes_disabled

from tests.helpers import make_area, viewer_for
from trygg.core.models import Municipality, Role
from trygg.geo.models import Area
from trygg.locale_sv import STOCKHOLM
from trygg.reports.imports import import_run
from trygg.reports.models import ImportJob, Report
from trygg.reports.selectors import report_totals, visible_reports

VASTMANLAND_CENTROID = "59.671388,16.215895"  # outside Köping
KOPING_CENTROID = "59.511828,15.992752"


def _event(id_, place, *, published="2026-06-28 13:16:31 +02:00", location=None, **extra):
    return {
        "id": id_,
        "datetime": published,
        "name": extra.pop("name", f"28 juni 11.49, Stöld, {place}"),
        "summary": extra.pop("summary", "Stöld vid torget."),
        "url": f"/aktuellt/handelser/2026/juni/28/{id_}/",
        "type": extra.pop("type", "Stöld"),
        "location": location or {"name": "Västmanlands län", "gps": VASTMANLAND_CENTROID},
        **extra,
    }


def _run(municipality, events, *, dry_run=False) -> ImportJob:
    with scopes_disabled():
        job = ImportJob.objects.create(
            municipality=municipality, kind=ImportJob.Kind.POLISEN, dry_run=dry_run
        )
        job.file.save("e.json", ContentFile(json.dumps(events).encode()))
        return import_run(job)


def _reports(municipality) -> dict[str, Report]:
    with scopes_disabled():
        return {
            r.external_id: r
            for r in Report.objects.filter(municipality=municipality, source="polisen")
        }


def _counts(job) -> tuple:
    return (job.status, job.total, job.created_count, job.updated_count, job.skipped_count)


def _municipality(name, kommunkod, county_code):
    return Municipality.objects.create(
        name=name, kommunkod=kommunkod, county_code=county_code, slug=kommunkod, population=1
    )


# --- 1. a repeated id in one file ---------------------------------------------------------


def test_two_overlapping_snapshots_import_every_event_once_and_the_dry_run_says_so(koping):
    newer = [
        _event(3, "Köping", published="2026-06-29 8:00:00 +02:00"),
        _event(2, "Köping", published="2026-06-28 20:00:00 +02:00", summary="Rättad text."),
    ]
    older = [
        _event(2, "Köping", published="2026-06-28 14:00:00 +02:00", summary="Första texten."),
        _event(1, "Köping", published="2026-06-27 9:00:00 +02:00"),
    ]
    # The newer download first, then the older one: the later position must not win.
    feed = newer + older
    dry = _run(koping, feed, dry_run=True)
    assert _reports(koping) == {}
    real = _run(koping, feed)
    assert _counts(dry) == _counts(real) == ("klar", 3, 3, 0, 1)
    stored = _reports(koping)
    assert sorted(stored) == ["1", "2", "3"]
    assert stored["2"].description == "Rättad text."
    again = _run(koping, older + newer)
    assert _counts(again) == ("klar", 3, 0, 0, 4)


def test_of_two_copies_with_the_same_time_the_later_in_the_file_wins(koping):
    _run(koping, [_event(5, "Köping", summary="Först."), _event(5, "Köping", summary="Sist.")])
    assert _reports(koping)["5"].description == "Sist."


# --- 2. county-level events ---------------------------------------------------------------


def test_county_level_koping_events_keep_no_point_and_are_not_outside(koping):
    make_area(koping, "Köping", kind=Area.Kind.KOMMUNGRANS, lon=15.99, lat=59.51, d=0.15)
    _run(
        koping,
        [
            _event(10, "Köping"),  # since February 2026: the county's centroid
            _event(11, "Köping", location={"name": "Köping", "gps": KOPING_CENTROID}),
            # A municipality-level centroid outside the boundary is still flagged.
            _event(12, "Köping", location={"name": "Köping", "gps": "59.30,15.60"}),
        ],
    )
    stored = _reports(koping)
    placed = {
        k: (r.precision, r.lat, r.lon, r.outside_municipality, r.place_name)
        for k, r in stored.items()
    }
    assert placed == {
        "10": ("kommun", None, None, False, "Köping"),
        "11": ("kommun", 59.511828, 15.992752, False, "Köping"),
        "12": ("kommun", 59.30, 15.60, True, "Köping"),
    }


GOTLAND_FEED = [
    _event(20, "Visby", location={"name": "Gotland", "gps": "57.468691,18.486745"}),
    _event(21, "Gotlands län", location={"name": "Gotlands län", "gps": "57.468691,18.486745"}),
    _event(22, "Gotland", location={"name": "Gotlands län", "gps": "57.468691,18.486745"}),
    _event(23, "Slite", location={"name": "Gotland", "gps": "57.468691,18.486745"}),
    _event(24, "Köping"),
]


@pytest.mark.parametrize("name", ["Gotland", "Region Gotland", "region gotland"])
def test_gotland_keeps_its_county_level_events_whatever_its_name(db, name):
    gotland = _municipality(name, "0980", "09")
    job = _run(gotland, GOTLAND_FEED)
    assert sorted(_reports(gotland)) == ["20", "21", "22", "23"]
    assert _counts(job) == ("klar", 4, 4, 0, 1)
    assert {r.lat for r in _reports(gotland).values()} == {None, 57.468691}


def test_ostersund_takes_its_own_county_level_events_but_not_the_whole_countys(db):
    ostersund = _municipality("Östersund", "2380", "23")
    jamtland = {"name": "Jämtlands län", "gps": "63.1792,14.6357"}
    _run(
        ostersund,
        [
            _event(30, "Östersund", location=jamtland),
            _event(31, "Jämtlands län", location=jamtland),
            _event(32, "Åre", location=jamtland),
        ],
    )
    assert {k: (r.lat, r.outside_municipality) for k, r in _reports(ostersund).items()} == {
        "30": (None, False)
    }


# --- 3. versions and corrections ----------------------------------------------------------

V1 = _event(40, "Köping", published="2026-06-28 13:00:00 +02:00", summary="Stöld av cykel.")
V2 = _event(
    40,
    "Köping",
    published="2026-06-28 15:30:00 +02:00",
    summary="Stöld av moped.",
    name="28 juni 11.40, Inbrott, Köping",
    type="Inbrott",
)
# A later correction names Kolsva, a locality in Köping: the place changes, not the
# municipality, and the event now has Köping's own centroid.
V2_KOLSVA = {
    **V2,
    "name": "28 juni 11.40, Inbrott, Kolsva",
    "location": {"name": "Köping", "gps": KOPING_CENTROID},
}


@pytest.mark.parametrize(
    ("first", "second", "description", "occurred", "updated"),
    [
        # The Police's correction replaces the first version.
        (V1, V2, "Stöld av moped.", (2026, 6, 28, 11, 40), 1),
        # An older version read after the correction leaves it alone.
        (V2, V1, "Stöld av moped.", (2026, 6, 28, 11, 40), 0),
        # The same version again changes nothing.
        (V1, V1, "Stöld av cykel.", (2026, 6, 28, 11, 49), 0),
    ],
)
def test_an_older_version_never_overwrites_a_newer_one(
    koping, first, second, description, occurred, updated
):
    _run(koping, [first])
    job = _run(koping, [second])
    report = _reports(koping)["40"]
    assert (report.description, report.occurred_at, job.updated_count) == (
        description,
        datetime(*occurred, tzinfo=STOCKHOLM),
        updated,
    )


def test_a_newer_version_updates_the_place_category_and_point(koping):
    _run(koping, [V1])
    _run(koping, [V2_KOLSVA])
    with scopes_disabled():
        report = Report.objects.select_related("category").get(external_id="40")
    assert (report.place_name, report.place_name_redacted, report.category.code) == (
        "Kolsva",
        "Kolsva",
        "inbrott",
    )
    assert (report.lat, report.reported_at) == (
        59.511828,
        datetime(2026, 6, 28, 15, 30, tzinfo=STOCKHOLM),
    )


def test_an_event_moved_to_another_municipality_is_withdrawn_and_created_there(
    koping, arboga, users
):
    first = _event(50, "Köping", published="2026-06-28 13:00:00 +02:00")
    moved = _event(50, "Arboga", published="2026-06-28 16:00:00 +02:00")
    _run(koping, [first, _event(51, "Köping")])
    viewer = viewer_for(users[Role.ANALYTIKER], koping)
    june = (datetime(2026, 6, 1, tzinfo=STOCKHOLM), datetime(2026, 7, 1, tzinfo=STOCKHOLM))
    with scopes_disabled():
        assert report_totals(viewer=viewer, start=june[0], end=june[1]).reports == 2

    dry = _run(koping, [moved], dry_run=True)
    assert _reports(koping)["50"].withdrawn_at is None
    job = _run(koping, [moved])
    assert _counts(dry) == _counts(job) == ("klar", 0, 0, 1, 0)
    kept = _reports(koping)["50"]
    assert kept.withdrawn_at is not None
    with scopes_disabled():
        assert list(visible_reports(viewer).values_list("external_id", flat=True)) == ["51"]
        assert report_totals(viewer=viewer, start=june[0], end=june[1]).reports == 1
    # Withdrawn once is enough: the same file again changes nothing.
    assert _counts(_run(koping, [moved])) == ("klar", 0, 0, 0, 1)

    _run(arboga, [moved])
    assert [(k, r.withdrawn_at) for k, r in _reports(arboga).items()] == [("50", None)]

    # An older copy naming Köping does not bring it back; a newer one does.
    assert _run(koping, [first]).updated_count == 0
    back = _event(50, "Köping", published="2026-06-29 9:00:00 +02:00")
    assert _run(koping, [back]).updated_count == 1
    assert _reports(koping)["50"].withdrawn_at is None


# --- 4. incident time after publication ----------------------------------------------------


def test_an_incident_time_after_publication_on_its_date_is_stored_as_the_day_before(koping):
    _run(
        koping,
        [
            _event(
                604460,
                "Köping",
                published="2025-09-29 0:06:00 +02:00",
                name="29 september 23.21, Stöld, Köping",
            )
        ],
    )
    report = _reports(koping)["604460"]
    assert report.occurred_at == datetime(2025, 9, 28, 23, 21, tzinfo=STOCKHOLM)
    assert report.occurred_at < report.reported_at


# --- 5. what one database would store and the other refuse -------------------------------


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"id": int("9" * 150)}, "Fältet 'id' är för långt (150 siffror, högst 18 tillåts)."),
        ({"id": "1" * 150}, "Fältet 'id' är för långt (150 siffror, högst 18 tillåts)."),
        ({"id": "12\x0034"}, "Fältet 'id' innehåller ett otillåtet tecken (NUL)."),
        ({"id": "١٢٣"}, "Fältet 'id' måste vara ett heltal, inte '١٢٣'."),
        (
            {"summary": "Stöld\x00 vid torget."},
            "Fältet 'summary' innehåller ett otillåtet tecken (NUL).",
        ),
        (
            {"name": "28 juni 11.49, Stöld, Köping\x00"},
            "Fältet 'name' innehåller ett otillåtet tecken (NUL).",
        ),
        ({"url": "/aktuellt/\x00/"}, "Fältet 'url' innehåller ett otillåtet tecken (NUL)."),
        (
            {"location": {"name": "Köping\x00", "gps": KOPING_CENTROID}},
            "Fältet 'location.name' innehåller ett otillåtet tecken (NUL).",
        ),
    ],
)
def test_an_overlong_id_or_a_nul_is_refused_per_row_and_the_rest_imported(koping, bad, message):
    job = _run(
        koping, [_event(60, "Köping"), {**_event(61, "Köping"), **bad}, _event(62, "Köping")]
    )
    assert (job.status, job.created_count, job.error_count) == ("klar", 2, 1)
    assert job.errors == [{"row": 2, "message": f"Objekt 2: {message}"}]
    assert sorted(_reports(koping)) == ["60", "62"]


def test_personal_data_in_an_events_summary_and_place_is_redacted_as_everywhere_else(koping):
    from trygg.reports.privacy import redacted_report_text

    # A municipality-level event whose `name` ends in a place carrying a registration number.
    at_koping = {"name": "Köping", "gps": KOPING_CENTROID}
    cases = {
        "70": ("Ring 070-123 45 67.", "Bil ABC 123"),
        "71": ("Inget.", "Bil ABC 123"),
        "72": ("Inget.", "Köping"),
    }
    _run(
        koping,
        [
            _event(int(k), place, summary=summary, location=at_koping)
            for k, (summary, place) in cases.items()
        ],
    )
    stored = _reports(koping)
    for key, (summary, place) in cases.items():
        report = stored[key]
        assert {
            "description_redacted": report.description_redacted,
            "place_name_redacted": report.place_name_redacted,
            "personal_data_found": report.personal_data_found,
        } == redacted_report_text(description=summary, place_name=place)
    found = {k: r.personal_data_found for k, r in stored.items()}
    assert found == {"70": {"telefon": 1, "regnummer": 1}, "71": {"regnummer": 1}, "72": {}}


# --- the bulk insert under the import ----------------------------------------------------


def test_bulk_insert_gives_each_row_its_own_columns_and_the_defaults_for_the_rest(koping):
    from trygg.reports.imports import bulk_insert_reports
    from trygg.reports.models import Category

    with scopes_disabled():
        category = Category.objects.filter(municipality=koping, code="stold").get()
    when = datetime(2026, 6, 28, 12, 0, tzinfo=STOCKHOLM)
    base = {
        "municipality_id": koping.pk,
        "category_id": category.pk,
        "occurred_at": when,
        "reported_at": when,
        "created_at": when,
        "updated_at": when,
    }
    rows = [
        {**base, "external_id": "a", "precision": "kommun", "personal_data_found": {"telefon": 1}},
        {**base, "external_id": "b", "precision": "kommun", "personal_data_found": {}},
        # Other keys in another order: the slow path of the same COPY.
        {"status": "avslutad", "external_id": "c", **base, "lat": 59.5, "lon": 16.0},
    ]
    with scopes_disabled():
        bulk_insert_reports(rows)
        stored = {
            r.external_id: (r.status, r.kind, r.precision, r.personal_data_found, r.lat)
            for r in Report.objects.filter(municipality=koping)
        }
    assert stored == {
        "a": ("ny", "handelse", "kommun", {"telefon": 1}, None),
        "b": ("ny", "handelse", "kommun", {}, None),
        "c": ("avslutad", "handelse", "punkt", {}, 59.5),
    }


def test_a_chunk_stored_directly_with_a_repeated_id_stores_it_once_in_its_newest_version(koping):
    from trygg.reports import polisen
    from trygg.reports.imports import police_events_store
    from trygg.reports.models import Category

    feed = [
        _event(80, "Köping", published="2026-06-28 14:00:00 +02:00", summary="Ny."),
        _event(80, "Köping", published="2026-06-28 13:00:00 +02:00", summary="Gammal."),
    ]
    events, _errors = polisen.parse_feed(json.dumps(feed))
    with scopes_disabled():
        categories = {c.code: c for c in Category.objects.filter(municipality=koping)}
        counts = police_events_store(
            municipality=koping, events=events, categories=categories, organisation=None
        )
    assert counts == (1, 0, 0)
    assert [(k, r.description) for k, r in _reports(koping).items()] == [("80", "Ny.")]
