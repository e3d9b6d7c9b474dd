"""The scan of what staff write from a dialogue: the project's four kinds, a redaction marker
left in a stored text, and a name-like pair of capitalised words inside a sentence."""

import pytest

from trygg.dialog.textscan import redact_note, scan


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("Det är mörkt i gångtunneln.", []),
        ("Vid Stortorget är det stökigt.", []),  # a sentence's first word is capitalised
        ("Det är mörkt. Kolsva Centrum är tomt.", []),  # so is the first after a full stop
        ("Deltagare A höll med.", []),
        ("Köpings kommun borde lyssna.", []),
        ("Jag pratade med Anna Berg om det.", ["namn"]),
        ("Hon heter Eva-Lena Ström och bor där.", ["namn"]),
        ("Ring [telefonnummer borttaget] i stället.", ["telefon"]),
        ("Mejla kim@example.se, fråga efter Anna Berg", ["epost", "namn"]),
        ("Bilen ABC 123 och 811218-9876", ["personnummer", "regnummer"]),
    ],
)
def test_the_scan_finds_what_a_quote_must_not_carry(text, kinds):
    assert scan(text).kinds == kinds


def test_the_reason_names_every_kind_found_in_swedish():
    assert scan("Mejla kim@example.se, fråga efter Anna Berg").reason() == (
        "Texten innehåller en e-postadress och något som ser ut som ett namn. "
        "Skriv om den utan personuppgifter."
    )


def test_a_note_is_redacted_of_the_four_kinds_but_keeps_names_and_places():
    text, counts = redact_note("Anna Berg på Stortorget gav oss 070-123 45 67.")
    assert text == "Anna Berg på Stortorget gav oss [telefonnummer borttaget]."
    assert counts == {"telefon": 1}
