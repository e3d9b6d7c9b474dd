"""Finding and redacting personal data in free text written by citizens.

Four kinds are looked for: Swedish personal identity numbers (personnummer and
samordningsnummer, also with a wrong check digit, since a mistyped number is still somebody's),
telephone numbers, e-mail addresses and Swedish vehicle registration numbers. The detectors
lean towards redacting too much: a false positive costs a few words of an incident
description, a false negative publishes somebody's personal data. Where a pattern is
ambiguous the choice is documented next to it. Everything outside a finding is kept exactly.

Every free text a citizen or an import fills is redacted when stored (the description and
the place; see redacted_report_text). Contact details are personal data by definition and are
shown only with the originals.
"""

import bisect
import calendar
import re
from dataclasses import dataclass, field

PERSONNUMMER = "personnummer"
TELEFON = "telefon"
EPOST = "epost"
REGNUMMER = "regnummer"
KINDS = (PERSONNUMMER, TELEFON, EPOST, REGNUMMER)

MARKERS = {
    PERSONNUMMER: "[personnummer borttaget]",
    TELEFON: "[telefonnummer borttaget]",
    EPOST: "[e-postadress borttagen]",
    REGNUMMER: "[registreringsnummer borttaget]",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Redaction:
    text: str
    # Only the kinds that were found, so an empty dict means "nothing found".
    counts: dict[str, int] = field(default_factory=dict)


# Spaces and hyphens as people type them, including what word processors and phones insert.
_SPACE = "[ \u00a0\u2009\u202f]"
_DASH = "[-\u2010\u2011\u2013]"
_SEP = f"(?:{_SPACE}?{_DASH}{_SPACE}?|{_SPACE})"

# --- personnummer -----------------------------------------------------------------------

# Between the date and the last four digits: "-" or "+" (the century marker) with or without
# spaces around it ("811218 - 9876"), or a single space.
_PNR_TAIL_SEP = rf"(?:{_SPACE}?(?:{_DASH}|\+){_SPACE}?|{_SPACE})"
_PERSONNUMMER = re.compile(
    r"(?<![\w+\-\u2013])"
    r"(?:"
    # The date written as one run of digits: 811218-9876, 19811218 9876, 8112189876.
    r"(?P<century>18|19|20)?(?P<yy>\d\d)(?P<mm>\d\d)(?P<dd>\d\d)"
    rf"(?P<sep>{_PNR_TAIL_SEP})?"
    r"|"
    # The date with its parts separated, the same way twice: 81.12.18-9876, 1981.12.18-9876.
    # The four digits must then follow a dash or plus directly: a separated date followed by
    # a space and four digits is a date and a time ("2026-11-25 2230"), and one followed by a
    # spaced dash a period ("2024-01-01 - 2025").
    r"(?P<century2>18|19|20)?(?P<yy2>\d\d)(?P<ds>[.\- ])(?P<mm2>\d\d)(?P=ds)(?P<dd2>\d\d)"
    rf"(?:{_DASH}|\+)"
    r")"
    r"(?P<tail>\d{4})"
    # A longer digit run (an account or case number) is not a personnummer.
    rf"(?!\w|{_DASH}\d|[.,]\d)"
)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


# Public for other checks of Swedish numbers with a Luhn digit (organisation numbers).
luhn_ok = _luhn_ok


def _plausible_date(century: str | None, yy: str, mm: str, dd: str) -> bool:
    month, day = int(mm), int(dd)
    if day > 60:  # samordningsnummer: the day plus 60
        day -= 60
    if not 1 <= month <= 12 or day < 1:
        return False
    if century:
        year = int(century + yy)
    else:
        # The century is unknown; 2000 stands for every year divisible by four so 29 February
        # is accepted in any year that could have one.
        year = 2000 + int(yy)
    return day <= calendar.monthrange(year, month)[1]


def _personnummer_candidates(text: str):
    """(match, Luhn check passed, could be a date and a time) for every personnummer-shaped
    number with a real date."""
    for m in _PERSONNUMMER.finditer(text):
        g = m.groupdict()
        if g["yy"] is not None:
            century, yy, mm, dd = g["century"], g["yy"], g["mm"], g["dd"]
        else:
            century, yy, mm, dd = g["century2"], g["yy2"], g["mm2"], g["dd2"]
        if _plausible_date(century, yy, mm, dd):
            # "20261125 2230": a full year, a space and four digits.
            timestamp = bool(century) and bool(g["sep"]) and not g["sep"].strip()
            yield m, _luhn_ok(yy + mm + dd + g["tail"]), timestamp


def _personnummer(text: str):
    for m, luhn_ok, _ in _personnummer_candidates(text):
        if luhn_ok:
            yield Finding(PERSONNUMMER, m.start(), m.end())


# A personnummer with a wrong check digit is still somebody's number mistyped (or written
# down wrongly by the citizen), so it is redacted too; the date check alone keeps ordinary
# figures out: amounts, years, postcodes and case numbers never have six or eight digits
# forming a real date followed by four more. What remains are order and invoice numbers that
# happen to start with a date ("200315-1234"); redacting those costs a few characters. A
# full date, a space and four digits without a valid check digit is taken for a date and a
# time ("20261125 2230"). It runs after the telephone detector, so a mobile number such as
# 0701234567 (a real date, 2007-01-23, but no valid check digit) stays a telephone number.
def _personnummer_mistyped(text: str):
    for m, luhn_ok, timestamp in _personnummer_candidates(text):
        if not luhn_ok and not timestamp:
            yield Finding(PERSONNUMMER, m.start(), m.end())


# --- telephone numbers ------------------------------------------------------------------

# A Swedish number has 8-10 digits counting the leading 0 (070-123 45 67, 08-123 456 78,
# 021-12 34 56, 0221-123 45); written internationally the 0 is replaced by +46 or 0046,
# optionally keeping it as "(0)". Requiring the leading 0 or country code is what keeps years,
# amounts ("1 500 kr"), dates, postcodes and police case numbers out: none of them start
# with 0 followed by eight or more digits. Numbers written without the area code ("12 34 56")
# cannot be told apart from other figures and are not looked for.
_PHONE_SE = re.compile(
    # Not the second half of a date range ("2024-01-01–2024-12-31").
    r"(?<![\w+])(?<!\d[-\u2010\u2011\u2013.])"
    rf"(?:(?:\+|00)46{_SEP}?(?:\(0\){_SEP}?)?[1-9]|0[1-9])"
    rf"(?:{_SEP}?\d){{6,8}}"
    rf"(?!\d|{_DASH}\d|[.,]\d)"
)
# The area code in brackets: "(070) 123 45 67", "(08) 123 456 78".
_PHONE_BRACKETS = re.compile(
    r"(?<![\w+(])"
    rf"\(0[1-9]\d{{0,3}}\){_SEP}?\d(?:{_SEP}?\d){{3,8}}"
    rf"(?!\d|{_DASH}\d|[.,]\d)"
)
# Dots as the only separator: "070.123.45.67", "08.123.456.78". Requiring dots throughout
# keeps opening hours ("08.00-17.00") and times out; day-first dates are excluded below.
_PHONE_DOTS = re.compile(r"(?<![\w+.])0[1-9]\d{0,3}(?:\.\d{2,7})+(?![\w]|[.,]\d)")
# Foreign numbers are only recognised with a leading "+", which ordinary figures never have.
_PHONE_INTL = re.compile(
    r"(?<![\w+])"
    rf"\+(?!46)[1-9]\d{{0,2}}{_SEP}?(?:\(0\){_SEP}?)?\d(?:{_SEP}?\d){{5,11}}"
    rf"(?!\d|{_DASH}\d|[.,]\d)"
)
# Dates written day first ("08-11-2025", "01 02 2026", "08.11.2025") have the right shape
# for a landline.
_DAY_FIRST_DATE = re.compile(rf"[0-3]\d(?:{_SEP}|\.)[01]\d(?:{_SEP}|\.)(?:19|20)\d\d")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _telefon(text: str):
    for m in _PHONE_SE.finditer(text):
        if not _DAY_FIRST_DATE.fullmatch(m.group()):
            yield Finding(TELEFON, m.start(), m.end())
    for pattern in (_PHONE_BRACKETS, _PHONE_DOTS):
        for m in pattern.finditer(text):
            if 8 <= _digits(m.group()) <= 10 and not _DAY_FIRST_DATE.fullmatch(m.group()):
                yield Finding(TELEFON, m.start(), m.end())
    for m in _PHONE_INTL.finditer(text):
        yield Finding(TELEFON, m.start(), m.end())


# --- e-mail -----------------------------------------------------------------------------

# Besides "@", the spellings "(at)" and "[at]" that people use to dodge address harvesters.
_EMAIL = re.compile(
    r"(?<![\w.%+-])"
    r"[\w.%+-]+"
    r"(?:@|\s?\((?:at|snabel-a)\)\s?|\s?\[(?:at|snabel-a)\]\s?)"
    r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}"
    r"(?![\w-])",
    re.IGNORECASE,
)


def _epost(text: str):
    for m in _EMAIL.finditer(text):
        yield Finding(EPOST, m.start(), m.end())


# --- vehicle registration numbers -------------------------------------------------------

# Transportstyrelsen never uses I, Q, V, Å, Ä or Ö; the final position of the newer
# ABC 12A format may be a letter but not O (mistaken for zero). Spelled out rather than using
# re.IGNORECASE, which would also let the Kelvin sign and the long s through.
_PLATE_LETTER = "A-HJ-PR-UW-Za-hj-pr-uw-z"
_PLATE_LAST = "A-HJ-NPR-UW-Za-hj-npr-uw-z"
_PLATE = re.compile(
    r"(?<![\w\-])"
    rf"(?P<letters>[{_PLATE_LETTER}]{{3}})"
    r"[ \u00a0\-]?"
    rf"\d\d[\d{_PLATE_LAST}]"
    r"(?!\w|[.,:]\d|-\w)"
)
# Currency codes are written in capitals and followed by amounts ("SEK 500").
_NEVER_PLATES = frozenset({"sek", "eur", "usd", "nok", "dkk", "gbp", "chf"})
# Common words followed by a three-digit number ("och 150 personer", "Box 123", "kap 2"). They
# are only skipped when not written in capitals, because people write plates in capitals: a
# citizen typing "MED 123" most likely means a car. The list holds only words that fit the
# letter rules; words with i, v, å, ä or ö can never match anyway.
_WORDS = frozenset(
    """
    och att det den som med men har kan han hon man ett tre sex fem per mer sen nya
    far mor bor bra hur nog fel ute upp ner tog dag ggr kap sid rum hus bil tel tfn
    mob fax kod mot jag dom oss era ska kom box lgh nej ref dnr org art ort nat the
    and for are not has all any our out see you one two new top max
    """.split()
)


def _regnummer(text: str):
    for m in _PLATE.finditer(text):
        letters = m.group("letters")
        key = letters.lower()
        if key in _NEVER_PLATES or (key in _WORDS and not letters.isupper()):
            continue
        yield Finding(REGNUMMER, m.start(), m.end())


# E-mail first so the digits in "anna0701234567@example.se" stay part of the address, and
# personnummer before telephone so a Luhn-valid "0701234567" counts as a personnummer; a
# mistyped personnummer only after telephone (see _personnummer_mistyped).
_DETECTORS = (_epost, _personnummer, _telefon, _personnummer_mistyped, _regnummer)


# Every kind needs a digit or an e-mail's "@" (or its spelled-out forms): text without any
# (most place names, many descriptions) skips the detectors. Measured on the Police's 12,000
# sample events (summary and place; 10,027 summaries have neither): 85 → 16 µs an event.
_MAYBE = re.compile(r"\d|@|[(\[](?:at|snabel-a)[)\]]", re.IGNORECASE)


def find_personal_data(text: str) -> list[Finding]:
    """All personal data in `text`, sorted by position and never overlapping; where two
    detectors claim the same characters the earlier one in _DETECTORS wins."""
    if not _MAYBE.search(text):
        return []
    # Kept sorted by start so each check only looks at the neighbours (long texts can hold
    # thousands of findings).
    starts: list[int] = []
    taken: list[Finding] = []
    for detector in _DETECTORS:
        for finding in detector(text):
            i = bisect.bisect_left(starts, finding.start)
            if i > 0 and taken[i - 1].end > finding.start:
                continue
            if i < len(taken) and taken[i].start < finding.end:
                continue
            starts.insert(i, finding.start)
            taken.insert(i, finding)
    return taken


def redact(text: str) -> Redaction:
    """`text` with every finding replaced by its Swedish marker (all other characters kept as
    they were) and the number of findings per kind, listing only kinds that occurred."""
    parts: list[str] = []
    counts: dict[str, int] = {}
    pos = 0
    for finding in find_personal_data(text):
        parts.append(text[pos : finding.start])
        parts.append(MARKERS[finding.kind])
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
        pos = finding.end
    parts.append(text[pos:])
    return Redaction("".join(parts), counts)


def redacted_report_text(*, description: str, place_name: str) -> dict:
    """The stored redacted versions of a report's free text, as Report field values: what
    everyone but the roles allowed to read originals sees, and the counts of what was found.
    Contact fields are not redacted: they are only ever shown with the originals."""
    found: dict[str, int] = {}
    texts = {}
    for name, text in (("description", description), ("place_name", place_name)):
        result = redact(text)
        texts[f"{name}_redacted"] = result.text
        for kind, n in result.counts.items():
            found[kind] = found.get(kind, 0) + n
    return {**texts, "personal_data_found": found}


# --- Refusing free text that holds personal data ----------------------------------------
# Moved here from trygg.dialog.textscan (which re-exports it) so that apps below dialog, such
# as welfare, can refuse text with the same rules and the same Swedish reason.

NAMN = "namn"
SAMORDNINGSNUMMER = "samordningsnummer"
KIND_LABELS = {
    PERSONNUMMER: "ett personnummer",
    SAMORDNINGSNUMMER: "ett samordningsnummer",
    TELEFON: "ett telefonnummer",
    EPOST: "en e-postadress",
    REGNUMMER: "ett registreringsnummer",
    NAMN: "något som ser ut som ett namn",
}

_WORD = r"[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
# Two capitalised words in a row, the first not at the start of the text or a sentence.
_NAME_LIKE = re.compile(rf"(?<![.!?:]\s)(?<!^)(?<=\s)({_WORD})\s+({_WORD})\b")


@dataclass(frozen=True)
class Scan:
    kinds: list[str]  # what was found, in KIND_LABELS' order, each once

    @property
    def clean(self) -> bool:
        return not self.kinds

    def reason(self) -> str:
        """A Swedish sentence naming what was found."""
        labels = [KIND_LABELS[k] for k in self.kinds]
        found = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " och " + labels[-1]
        return f"Texten innehåller {found}. Skriv om den utan personuppgifter."


def _is_samordningsnummer(number: str) -> bool:
    # A samordningsnummer is a personnummer whose day has 60 added (folkbokföringslagen).
    digits = re.sub(r"\D", "", number)[-10:]
    return len(digits) == 10 and int(digits[4:6]) > 60


def scan(text: str, *, names: bool = True) -> Scan:
    """What personal data `text` holds. A text already redacted (it carries a marker such as
    "[telefonnummer borttaget]") counts as holding that kind: it was somebody's."""
    found = set()
    for f in find_personal_data(text):
        if f.kind == PERSONNUMMER and _is_samordningsnummer(text[f.start : f.end]):
            found.add(SAMORDNINGSNUMMER)
        else:
            found.add(f.kind)
    for kind, marker in MARKERS.items():
        if marker in text:
            found.add(kind)
    if names and _NAME_LIKE.search(text):
        found.add(NAMN)
    return Scan([k for k in KIND_LABELS if k in found])
