"""Police events placed by the gazetteer's names in their text (issue 15): at area
precision at most, since the Police's own point is a centroid; a notice that names no
place, or two that do not nest, keeps municipality precision."""

import pytest
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area
from trygg.geo.models import PlaceName

from .test_police_import_cases import KOPING_CENTROID, _event, _reports, _run


@pytest.fixture
def areas(koping):
    boundary = make_area(koping, "Köping", kind="kommungrans", lon=16.0, lat=59.5, d=0.5)
    kolsva = make_area(koping, "Kolsva", lon=15.84, lat=59.60, d=0.05)
    kolsva_ort = make_area(koping, "Kolsva", kind="tatort", lon=15.84, lat=59.60, d=0.02)
    nibbles = make_area(koping, "Nibblesbacke", lon=16.0, lat=59.5, d=0.05)
    with scope(municipality=koping):
        PlaceName.objects.create(municipality=koping, name="Ringvägen", kind="gata")
    return {"boundary": boundary, "kolsva": kolsva, "ort": kolsva_ort, "nibbles": nibbles}


def _placed(koping):
    with scopes_disabled():
        return {
            ext: (r.precision, r.lat, sorted(r.areas.values_list("pk", flat=True)))
            for ext, r in _reports(koping).items()
        }


@pytest.mark.parametrize(
    ("summary", "precision", "where"),
    [
        ("Bråk i Kolsva har resulterat i anmälan om grov misshandel.", "omrade", "kolsva"),
        ("Explosion i en industrilokal i KOLSVA.", "omrade", "kolsva"),
        ("Inbrott på Kolsvavägen i natten.", "kommun", None),  # a word, not a part of one
        ("Misshandel i Nibblesbacke.", "omrade", "nibbles"),
        ("Person påbackad vid parkering i Köping.", "kommun", None),  # the municipality
        ("Stöld på Ringvägen.", "kommun", None),  # a street without coordinates
        ("Bråk mellan Kolsva och Nibblesbacke.", "kommun", None),  # two places
    ],
)
def test_a_notice_naming_one_place_counts_in_its_areas_without_a_point(
    koping, areas, summary, precision, where
):
    _run(koping, [_event(1, "Köping", summary=summary)])
    expected = {
        "kolsva": sorted([areas["ort"].pk, areas["kolsva"].pk, areas["boundary"].pk]),
        "nibbles": sorted([areas["nibbles"].pk, areas["boundary"].pk]),
        None: [],
    }[where]
    stored_precision, lat, area_ids = _placed(koping)["1"]
    assert (stored_precision, area_ids) == (precision, expected)
    if precision == "omrade":
        assert lat is None


def test_a_newer_version_that_names_another_place_moves_the_event(koping, areas):
    _run(koping, [_event(2, "Köping", summary="Bråk i Kolsva.")])
    _run(
        koping,
        [
            _event(
                2,
                "Köping",
                published="2026-06-28 20:00:00 +02:00",
                summary="Bråk i Nibblesbacke, inte där först angavs.",
                location={"name": "Köping", "gps": KOPING_CENTROID},
            )
        ],
    )
    assert _placed(koping)["2"] == (
        "omrade",
        None,
        sorted([areas["nibbles"].pk, areas["boundary"].pk]),
    )
    _run(
        koping,
        [
            _event(
                2,
                "Köping",
                published="2026-06-29 08:00:00 +02:00",
                summary="Bråk, platsen okänd.",
                location={"name": "Köping", "gps": KOPING_CENTROID},
            )
        ],
    )
    precision, lat, area_ids = _placed(koping)["2"]
    assert (precision, area_ids) == ("kommun", [])
    assert lat is not None  # the municipality's centroid again, as before the gazetteer
