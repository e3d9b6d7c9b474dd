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
    # spaces around the dash, and the date's parts separated by dots or dashes
    ("Han uppgav 811218 - 9876 till vakten.", PERSONNUMMER, "811218 - 9876"),
    ("Han uppgav 19811218 - 9876 till vakten.", PERSONNUMMER, "19811218 - 9876"),
    ("Han uppgav 811218 -9876 till vakten.", PERSONNUMMER, "811218 -9876"),
    ("Han uppgav 811218 + 9876, född på 1800-talet.", PERSONNUMMER, "811218 + 9876"),
    ("På kvittot: 81.12.18-9876.", PERSONNUMMER, "81.12.18-9876"),
    ("På kvittot: 1981.12.18-9876.", PERSONNUMMER, "1981.12.18-9876"),
    ("På kvittot: 1981-12-18-9876.", PERSONNUMMER, "1981-12-18-9876"),
    ("På kvittot: 81 12 18-9876.", PERSONNUMMER, "81 12 18-9876"),
    ("Samordningsnummer 81.12.78-9873 fanns i plånboken.", PERSONNUMMER, "81.12.78-9873"),
    # A wrong check digit is still somebody's number, mistyped (the date must be real).
    ("Numret 811218-9875 har fel kontrollsiffra.", PERSONNUMMER, "811218-9875"),
    ("Hon skrev 19811218-9871 på lappen.", PERSONNUMMER, "19811218-9871"),
    ("Hon skrev 8112189870 på lappen.", PERSONNUMMER, "8112189870"),
    ("Hon skrev 198112189870 på lappen.", PERSONNUMMER, "198112189870"),
    ("Hon skrev 811218 9870 på lappen.", PERSONNUMMER, "811218 9870"),
    ("Hon skrev 81.12.18-9870 på lappen.", PERSONNUMMER, "81.12.18-9870"),
    ("Hon skrev 811218 - 9870 på lappen.", PERSONNUMMER, "811218 - 9870"),
    ("Samordningsnumret 811278-9870 var fel skrivet.", PERSONNUMMER, "811278-9870"),
    # An order number starting with a real date is redacted too (documented in privacy.py).
    ("Ordernummer 200315-1234 på fakturan.", PERSONNUMMER, "200315-1234"),
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
    # the area code in brackets, and dots between the groups
    ("Ring (070) 123 45 67 om du ser dem.", TELEFON, "(070) 123 45 67"),
    ("Ring (070)123 45 67 om du ser dem.", TELEFON, "(070)123 45 67"),
    ("Ring (070) 123-45-67 om du ser dem.", TELEFON, "(070) 123-45-67"),
    ("Växeln (08) 123 456 78 svarar dygnet runt.", TELEFON, "(08) 123 456 78"),
    ("Ring (0221) 123 45 i Köping.", TELEFON, "(0221) 123 45"),
    ("Ring 070.123.45.67 om du ser dem.", TELEFON, "070.123.45.67"),
    ("Ring 08.123.456.78 om du ser dem.", TELEFON, "08.123.456.78"),
    ("Ring 070.1234567 om du ser dem.", TELEFON, "070.1234567"),
    ("Ring 0221.123.45 om du ser dem.", TELEFON, "0221.123.45"),
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
    # personnummer-shaped numbers without a real date (the first three pass the Luhn check)
    "Numret 850230-1230 har ett datum som inte finns.",
    "Numret 851301-1232 har månad 13.",
    "Numret 850192-1236 har dag 92.",
    "Kontonumret 8112189876123 är för långt.",
    "Ordernummer 123456-7890 på fakturan.",
    "Numret 19811218-98761 har en siffra för mycket.",
    "Numret 851301-1231 har månad 13 och fel kontrollsiffra.",
    "Numret 810230-9870 har 30 februari och fel kontrollsiffra.",
    "Numret 81.13.18-9870 har månad 13.",
    "Numret 811200-9870 har dag 0.",
    # dates, times, periods and amounts next to four digits
    "Den 2026-11-25 2230 larmade vakten.",
    "Den 20261125 2230 larmade vakten.",
    "Under perioden 2024-01-01 - 2025 ökade klottret.",
    "Perioden 2024-01-01–2024-12-31 jämförs med året innan.",
    "Den 18.12.81 hände det, kl 22.30.",
    "Den 25.11.2026 kl. 14.05 kom polisen.",
    "Tidsstämpeln 2026-11-25T22:30:00 finns i loggen.",
    "Det kostade 811 218 kr.",
    "Det kostade 811218 kr.",
    "Fakturan på 1 234 567,89 kr betalades.",
    "Skadan uppgick till 12 345,00 kronor.",
    "Priset var 2 499:- styck.",
    "Beloppet 201 512,50 kr betalades 2026.",
    # case numbers, postcodes and other identifiers
    "Polisens ärende 5000-K1234567-26 gäller samma sak.",
    "Diarienummer KS 2026/123 och KS 2026/1234.",
    "Dnr 2026-000123 hos kommunen.",
    "Postadress: SE-731 30 Köping.",
    "Postnumret 73130 gäller Köping.",
    "Objektnummer 1983-0123 i registret.",
    "Fastigheten Köping Rådmannen 12:3 ligger där.",
    # times and opening hours
    "Kl 06.30-07.45 och 16.00-18.30 är det mest trafik.",
    "Mellan 22:00 och 04:00 var det oroligt.",
    "Öppet 08.00.00-17.00.00 enligt skylten.",
    "Versionen 0.12.3 av appen användes.",
    "Datumet 08.11.2025 står på lappen.",
    "Koordinaterna 59.51401, 15.99262 stämmer.",
    "Ring (0) om inget annat hjälper.",
    "Antalet (12) 345 var fel.",
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
