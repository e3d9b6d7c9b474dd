"""How typed place text is compared: case, spacing and foreign accents never matter, the
Swedish letters do, and folding them is an explicit fallback that needs one answer."""

import pytest
from django_scopes import scope

from tests.helpers import make_area
from trygg.geo.gazetteer.selectors import PlaceStatus, place_lookup
from trygg.geo.gazetteer.text import normalise, parse_address
from trygg.geo.models import Address


@pytest.mark.parametrize(
    "typed, key",
    [
        ("Nibblesbacke", "nibblesbacke"),
        ("  NIBBLESBACKE ", "nibblesbacke"),
        ("Östanås-Johannisdal", "östanås johannisdal"),
        ("Östanås – Johannisdal", "östanås johannisdal"),
        ("Stora  Kyrkogatan.", "stora kyrkogatan"),
        ("Café Bön", "cafe bön"),
        ("Köping", "köping"),
        ("Koping", "koping"),
    ],
)
def test_normalised_keys_ignore_case_spacing_and_foreign_accents_but_keep_swedish_letters(
    typed, key
):
    assert normalise(typed) == key


@pytest.mark.parametrize(
    "typed, parts",
    [
        ("Storgatan 3", ("storgatan", "3", "", "", "")),
        ("Storgatan 3B", ("storgatan", "3", "b", "", "")),
        ("storgatan 3 b, Köping", ("storgatan", "3", "b", "", "köping")),
        ("Glasgatan 7, 731 30 Köping", ("glasgatan", "7", "", "73130", "köping")),
        ("Stora Kyrkogatan 012", ("stora kyrkogatan", "12", "", "", "")),
        ("Nibblesbacke", None),
        ("Ringvägen", None),
    ],
)
def test_addresses_are_split_into_street_number_letter_postcode_and_town(typed, parts):
    found = parse_address(typed)
    assert (found and (found.street, found.number, found.letter, found.postcode, found.town)) == (
        parts
    )


@pytest.fixture
def places(koping):
    make_area(koping, "Nibblesbacke", lon=16.00, lat=59.50, d=0.01)
    make_area(koping, "Åsen", lon=16.05, lat=59.50, d=0.01)
    make_area(koping, "Asen", lon=16.10, lat=59.50, d=0.01)
    make_area(koping, "Öhagen", lon=16.15, lat=59.50, d=0.01)
    with scope(municipality=koping):
        for street, number, letter, town, lat in (
            ("Storgatan", "3", "", "Köping", 59.501),
            ("Storgatan", "3", "B", "Köping", 59.502),
            ("Glasgatan", "7", "", "Köping", 59.503),
            ("Glasgatan", "7", "", "Kolsva", 59.504),
            ("Östra Långgatan", "1", "", "Köping", 59.505),
        ):
            Address.objects.create(
                municipality=koping,
                street=street,
                number=number,
                letter=letter,
                town=town,
                lat=lat,
                lon=16.0,
            )
    return koping


@pytest.mark.parametrize(
    "typed, status, label",
    [
        ("Nibblesbacke", PlaceStatus.OMRADE, "Nibblesbacke"),
        ("nibblesbacke, Köping", PlaceStatus.OMRADE, "Nibblesbacke"),
        ("NIBBLESBACKE", PlaceStatus.OMRADE, "Nibblesbacke"),
        # å/ä/ö are letters: "Asen" is its own place, not "Åsen".
        ("Asen", PlaceStatus.OMRADE, "Asen"),
        ("Åsen", PlaceStatus.OMRADE, "Åsen"),
        # The fallback folds them only when that gives one answer …
        ("Ohagen", PlaceStatus.OMRADE, "Öhagen"),
        ("Ostra Langgatan 1", PlaceStatus.ADRESS, "Östra Långgatan 1, Köping"),
        # … and says so when it gives two ("Äsen" is neither Åsen nor Asen exactly).
        ("Äsen", PlaceStatus.FLERA, ""),
        ("Storgatan 3", PlaceStatus.ADRESS, "Storgatan 3, Köping"),
        ("storgatan 3b", PlaceStatus.ADRESS, "Storgatan 3B, Köping"),
        ("Storgatan 3 B, Köping", PlaceStatus.ADRESS, "Storgatan 3B, Köping"),
        ("Storgatan 4", PlaceStatus.INGEN, ""),
        # Two towns have a Glasgatan 7: the town decides, without it the person chooses.
        ("Glasgatan 7", PlaceStatus.FLERA, ""),
        ("Glasgatan 7, Kolsva", PlaceStatus.ADRESS, "Glasgatan 7, Kolsva"),
        ("Storgatan", PlaceStatus.OMRADE, "Storgatan"),
        ("Atlantis", PlaceStatus.INGEN, ""),
        ("", PlaceStatus.INGEN, ""),
    ],
)
def test_typed_places_match_an_address_a_place_several_or_nothing(places, typed, status, label):
    with scope(municipality=places):
        match = place_lookup(municipality=places, text=typed)
    assert (match.status, match.label) == (status, label)


def test_an_address_match_carries_its_point_and_a_place_match_only_its_areas(places):
    with scope(municipality=places):
        address = place_lookup(municipality=places, text="Glasgatan 7, Kolsva")
        place = place_lookup(municipality=places, text="Nibblesbacke")
    assert (address.lat, address.lon) == (59.504, 16.0)
    assert (place.lat, place.lon, len(place.area_ids)) == (None, None, 1)


def test_another_municipalitys_places_are_not_found(places, arboga):
    make_area(arboga, "Centrum", lon=15.84, lat=59.39)
    with scope(municipality=places):
        assert place_lookup(municipality=places, text="Centrum").status == PlaceStatus.INGEN
    with scope(municipality=arboga):
        assert place_lookup(municipality=arboga, text="Nibblesbacke").status == PlaceStatus.INGEN
