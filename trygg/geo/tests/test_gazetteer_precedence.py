"""Gazetteer precedence (issue 15): one name across layers is one place, the smallest
polygon carrying it wins, and a report there counts in every area that holds that polygon."""

import pytest
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area
from trygg.geo.gazetteer.selectors import PlaceStatus, place_lookup, place_suggestions
from trygg.geo.models import Area, PlaceName


def _ids(*areas):
    return {a.pk for a in areas}


@pytest.mark.parametrize(
    "layers, winner",
    [
        # (kind, half-width in degrees) per layer carrying the name; the smallest wins.
        ([("stadsdel", 0.05), ("tatort", 0.02)], "tatort"),
        ([("tatort", 0.02), ("stadsdel", 0.05)], "tatort"),
        ([("kommundel", 0.08), ("stadsdel", 0.05)], "stadsdel"),
        ([("kommundel", 0.08), ("stadsdel", 0.05), ("tatort", 0.02)], "tatort"),
        ([("deso", 0.01), ("stadsdel", 0.05), ("egen", 0.03)], "deso"),
        ([("stadsdel", 0.05)], "stadsdel"),
    ],
)
def test_the_smallest_polygon_carrying_a_name_wins(koping, layers, winner):
    made = {
        kind: make_area(koping, "Kolsva", kind=kind, lon=15.84, lat=59.60, d=d)
        for kind, d in layers
    }
    with scope(municipality=koping):
        match = place_lookup(municipality=koping, text="Kolsva")
    assert match.status == PlaceStatus.OMRADE
    assert match.area_ids[0] == made[winner].pk
    # Every larger layer holds the winner, so the report counts there too.
    assert set(match.area_ids) == _ids(*made.values())


def test_a_place_counts_in_the_areas_that_hold_it_but_not_in_those_it_only_touches(koping):
    boundary = make_area(koping, "Köping", kind="kommungrans", lon=16.0, lat=59.5, d=0.5)
    district = make_area(koping, "Nibblesbacke", lon=16.0, lat=59.5, d=0.05)
    make_area(koping, "1983C1050", kind="deso", lon=16.0, lat=59.5, d=0.01)
    neighbour = make_area(koping, "Skogsborg", lon=16.1, lat=59.5, d=0.05)
    with scope(municipality=koping):
        match = place_lookup(municipality=koping, text="Nibblesbacke")
    assert match.area_ids == (district.pk, boundary.pk)
    assert neighbour.pk not in match.area_ids


def test_the_municipality_itself_and_deso_codes_are_no_places(koping):
    make_area(koping, "Köping", kind="kommungrans", lon=16.0, lat=59.5, d=0.5)
    deso = make_area(koping, "1983C1050", kind="deso", lon=16.0, lat=59.5, d=0.01)
    with scopes_disabled():
        Area.objects.filter(pk=deso.pk).update(code="1983C1050")
    with scope(municipality=koping):
        # Nothing to check a name against yet: the forms store any text at once.
        assert place_lookup(municipality=koping, text="Köping").status == PlaceStatus.TOM
    make_area(koping, "Nibblesbacke", lon=16.0, lat=59.5, d=0.05)
    with scope(municipality=koping):
        assert place_lookup(municipality=koping, text="Köping").status == PlaceStatus.INGEN
        assert place_lookup(municipality=koping, text="1983C1050").status == PlaceStatus.INGEN
        assert place_suggestions(municipality=koping, text="Kö") == []


def test_a_police_place_name_with_an_area_of_the_same_name_is_that_area(koping):
    district = make_area(koping, "Nibblesbacke", lon=16.0, lat=59.5, d=0.05)
    with scope(municipality=koping):
        PlaceName.objects.create(municipality=koping, name="Nibblesbacke", kind="ort")
        PlaceName.objects.create(municipality=koping, name="Ringvägen", kind="gata")
        assert place_lookup(municipality=koping, text="Nibblesbacke").area_ids == (district.pk,)
        # A street without coordinates is a suggestion only, never a position.
        ring = place_lookup(municipality=koping, text="Ringvägen")
        assert (ring.status, ring.area_ids) == (PlaceStatus.OKAND_PLATS, ())
        assert place_suggestions(municipality=koping, text="Ni") == [
            {"label": "Nibblesbacke", "kind": "Stadsdel"}
        ]
        assert place_suggestions(municipality=koping, text="ring") == [
            {"label": "Ringvägen", "kind": "Gata eller väg"}
        ]
