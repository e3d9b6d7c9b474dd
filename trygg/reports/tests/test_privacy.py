"""Personal data in citizen free text: what is found, what is left alone, and how it is
replaced. Every case is a sentence of the kind a citizen writes."""

import pytest

from trygg.reports.privacy import (
    EPOST,
    MARKERS,
    PERSONNUMMER,
    REGNUMMER,
    TELEFON,
    Finding,
    find_personal_data,
    redact,
)

# (sentence, kind, the exact characters that must be found)
FOUND = [
    # personnummer: every written form, Luhn-valid, plausible date
    ("Mannen uppgav personnummer 811218-9876 till vakten.", PERSONNUMMER, "811218-9876"),
    ("Hennes personnummer är 19811218-9876 enligt henne själv.", PERSONNUMMER, "19811218-9876"),
    ("På lappen stod 198112189876 med blyerts.", PERSONNUMMER, "198112189876"),
    ("Han är född 811218+9876, alltså över hundra år.", PERSONNUMMER, "811218+9876"),
    ("Numret 811218 9876 skrevs med mellanslag.", PERSONNUMMER, "811218 9876"),
    ("Numret 19811218 9876 skrevs med mellanslag.", PERSONNUMMER, "19811218 9876"),
    ("Kvittot hade 8112189876 längst ner.", PERSONNUMMER, "8112189876"),
    ("Tolvan Tolvansson, 121212-1212, bor i huset.", PERSONNUMMER, "121212-1212"),
    ("(19121212-1212)", PERSONNUMMER, "19121212-1212"),
    ("Skottdagsbarnet har 000229-1235 som nummer.", PERSONNUMMER, "000229-1235"),
    ("Han uppgav 850101–1236 med tankstreck.", PERSONNUMMER, "850101–1236"),
    # samordningsnummer: the day plus 60
    ("Samordningsnummer 811278-9873 stod i papperen.", PERSONNUMMER, "811278-9873"),
    ("Samordningsnummer 19811278-9873 stod i papperen.", PERSONNUMMER, "19811278-9873"),
    ("Samordningsnumret 850171-1231 hittades.", PERSONNUMMER, "850171-1231"),
    # A Luhn-valid ten-digit number starting with 07 is a personnummer (born 2007), not a phone.
    ("Numret 0701234569 skrevs på väggen.", PERSONNUMMER, "0701234569"),
    # telephone numbers, Swedish mobile and landline forms
    ("Ring mig på 070-123 45 67 efter fem.", TELEFON, "070-123 45 67"),
    ("Mitt nummer: 0701234567", TELEFON, "0701234567"),
    ("Nå mig på 070 123 45 67 i kväll.", TELEFON, "070 123 45 67"),
    ("Nå mig på 070-1234567 i kväll.", TELEFON, "070-1234567"),
    ("Nå mig på 070 - 123 45 67 i kväll.", TELEFON, "070 - 123 45 67"),
    ("Min mobil är +46 70 123 45 67.", TELEFON, "+46 70 123 45 67"),
    ("Min mobil är +46701234567.", TELEFON, "+46701234567"),
    ("Min mobil är 0046701234567.", TELEFON, "0046701234567"),
    ("Min mobil är +46 (0)70-123 45 67.", TELEFON, "+46 (0)70-123 45 67"),
    ("Kontoret har 08-123 456 78 som växel.", TELEFON, "08-123 456 78"),
    ("Kontoret har 08-123 45 67 som växel.", TELEFON, "08-123 45 67"),
    ("Ring Västerås på 021-12 34 56 om det händer igen.", TELEFON, "021-12 34 56"),
    ("Köpingsnumret 0221-123 45 gick inte fram.", TELEFON, "0221-123 45"),
    ("Han lämnade 073-987 65 43, sedan gick han.", TELEFON, "073-987 65 43"),
    (
        "Med hårt mellanslag: 070\u00a0123\u00a045\u00a067 i texten.",
        TELEFON,
        "070\u00a0123\u00a045\u00a067",
    ),
    ("tel:0739876543", TELEFON, "0739876543"),
    ("Min finska kollega har +358 40 123 4567.", TELEFON, "+358 40 123 4567"),
    # e-mail
    ("Skriv till anna.svensson@koping.se så svarar jag.", EPOST, "anna.svensson@koping.se"),
    ("Mejla kalle_92+trygg@exempel.com.", EPOST, "kalle_92+trygg@exempel.com"),
    ("Kontakt: ANNA@KOPING.SE", EPOST, "ANNA@KOPING.SE"),
    ("Skriv till anna(at)koping.se om du såg något.", EPOST, "anna(at)koping.se"),
    ("Skriv till anna [at] koping.se om du såg något.", EPOST, "anna [at] koping.se"),
    ("Adressen åsa.öberg@räksmörgås.se fungerar.", EPOST, "åsa.öberg@räksmörgås.se"),
    ("Svara på ola@mail.koping.se, tack!", EPOST, "ola@mail.koping.se"),
    # The digits inside an address belong to the address, not to a phone number.
    ("Skriv till anna0701234567@example.se i stället.", EPOST, "anna0701234567@example.se"),
    # vehicle registration numbers
    ("En vit Volvo med reg.nr ABC 123 körde iväg.", REGNUMMER, "ABC 123"),
    ("Bilen ABC123 stod parkerad hela natten.", REGNUMMER, "ABC123"),
    ("Mopeden hade skylten XYZ 12A.", REGNUMMER, "XYZ 12A"),
    ("Regnummer: GHT-456.", REGNUMMER, "GHT-456"),
    ("Bilen (FLK 33P) backade in i staketet.", REGNUMMER, "FLK 33P"),
    ("En bil med nummer abc 123 sågs vid skolan.", REGNUMMER, "abc 123"),
    ("Skylten var wxy 45b och smutsig.", REGNUMMER, "wxy 45b"),
    # Written in capitals, a common word is taken for a plate: people write plates that way.
    ("Bilen hade skylten MED 123.", REGNUMMER, "MED 123"),
    ("BUS 123 stod på skylten.", REGNUMMER, "BUS 123"),
]

# Sentences with nothing to redact.
NOT_FOUND = [
    # personnummer that fail the checks (the three bad dates pass the Luhn check)
    "Numret 811218-9875 har fel kontrollsiffra.",
    "Numret 850230-1230 har ett datum som inte finns.",
    "Numret 851301-1232 har månad 13.",
    "Numret 850192-1236 har dag 92.",
    "Kontonumret 8112189876123 är för långt.",
    "Ordernummer 123456-7890 på fakturan.",
    "Numret 19811218-98761 har en siffra för mycket.",
    # things that look like phone numbers to a naive pattern
    "Det hände 2026-11-25 vid 22.30 på torget.",
    "Skadan kostade 1 500 kr att laga.",
    "Kostnaden blev 12 500 000 kronor totalt.",
    "Polisens diarienummer är 5000-K123456-24.",
    "Det var 123456 besökare i år.",
    "Ärendet har nummer 4711 och 98765.",
    "Under 2024 och 2025 ökade klottret.",
    "Mellan klockan 22:30 och 23:45 var det stökigt.",
    "Postadressen är 731 30 Köping.",
    "Datumet 08-11-2025 står på lappen.",
    "Datumet 01 02 2026 står på lappen.",
    "Öppet 08.00-17.00 på vardagar.",
    "Det kostade 0,50 kr per styck.",
    "Ärende 2026-0045 registrerades i går.",
    "Det var 20-30 ungdomar på plats.",
    "Temperaturen var -5 grader i natt.",
    "Vi har 0 anmälningar och 12 ärenden.",
    "Ring 112 vid fara och 114 14 annars.",
    "Inbrottet skedde natten mot 1/12.",
    "Koordinaterna var 59.5140, 15.9926 ungefär.",
    "Mellan 06 och 08 var det lugnt.",
    # not e-mail addresses
    "Vi ses @ torget kl 18.",
    "Följ oss på @trygg_koping i sociala medier.",
    "Skriv till anna@ så fort du kan.",
    # not registration numbers
    "Det kom ungefär 30 barn och 150 vuxna.",
    "Det var och 123 personer där.",
    "Det hände för den 123:e gången.",
    "Skriv till Box 123 i Köping.",
    "Beloppet var SEK 500 totalt.",
    "Det kostade EUR 150 per natt.",
    "Tre 100-lappar låg på marken.",
    "Se kap 123 i lagen.",
    "Skylten AIK 123 har ett I.",
    "Skylten VVS 123 har ett V.",
    "Skylten QRS 123 har ett Q.",
    "Skylten ÅÄÖ 123 har svenska bokstäver.",
    "Skylten ABC 12O slutar på O.",
    "Koden XABC 123 har fyra bokstäver.",
    "Koden ABC 1234 har fyra siffror.",
    "Priset ABC 123,50 är ett belopp.",
    "Modellen ABC-123-X är en produkt.",
]


@pytest.mark.parametrize(("sentence", "kind", "expected"), FOUND)
def test_finds_personal_data(sentence, kind, expected):
    start = sentence.index(expected)
    assert find_personal_data(sentence) == [Finding(kind, start, start + len(expected))]


@pytest.mark.parametrize(("sentence", "kind", "expected"), FOUND)
def test_redaction_keeps_surrounding_text_exactly(sentence, kind, expected):
    result = redact(sentence)
    assert result.text == sentence.replace(expected, MARKERS[kind], 1)
    assert result.counts == {kind: 1}


@pytest.mark.parametrize("sentence", NOT_FOUND)
def test_leaves_ordinary_text_alone(sentence):
    assert find_personal_data(sentence) == []
    assert redact(sentence).text == sentence
    assert redact(sentence).counts == {}


def test_markers_are_swedish():
    assert MARKERS == {
        PERSONNUMMER: "[personnummer borttaget]",
        TELEFON: "[telefonnummer borttaget]",
        EPOST: "[e-postadress borttagen]",
        REGNUMMER: "[registreringsnummer borttaget]",
    }


def test_several_findings_sorted_and_counted():
    text = (
        "Jag heter Anna, 811218-9876, nås på 070-123 45 67 eller anna@koping.se.\n"
        "Bilen ABC 123 och bilen DEF 456 stod där. Ring 08-123 45 67 vid frågor."
    )
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == [
        PERSONNUMMER, TELEFON, EPOST, REGNUMMER, REGNUMMER, TELEFON,
    ]  # fmt: skip
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))
    result = redact(text)
    assert result.counts == {PERSONNUMMER: 1, TELEFON: 2, EPOST: 1, REGNUMMER: 2}
    assert result.text == (
        "Jag heter Anna, [personnummer borttaget], nås på [telefonnummer borttaget] eller "
        "[e-postadress borttagen].\nBilen [registreringsnummer borttaget] och bilen "
        "[registreringsnummer borttaget] stod där. Ring [telefonnummer borttaget] vid frågor."
    )


def test_a_luhn_invalid_mobile_number_is_still_a_phone_number():
    assert [f.kind for f in find_personal_data("Ring 0701234567 nu.")] == [TELEFON]
    assert [f.kind for f in find_personal_data("Ring 0701234569 nu.")] == [PERSONNUMMER]


def test_redaction_is_idempotent_and_keeps_whitespace():
    text = "  Ring 070-123 45 67\t\n\nTack!  "
    once = redact(text)
    assert once.text == "  Ring [telefonnummer borttaget]\t\n\nTack!  "
    assert redact(once.text).text == once.text
    assert redact(once.text).counts == {}


def test_empty_text():
    assert find_personal_data("") == []
    assert redact("").text == ""
    assert redact("").counts == {}


def test_finding_at_both_ends_of_the_text():
    text = "811218-9876 och ABC 123"
    assert redact(text).text == "[personnummer borttaget] och [registreringsnummer borttaget]"
