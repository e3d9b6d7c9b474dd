"""The PII scan of what staff write down from a dialogue: notes, quotes and survey free text.

The project's scan (reports.privacy) finds personnummer, telephone numbers, e-mail addresses
and registration numbers. A quote from an interview adds a risk a citizen's report rarely has:
the speaker names a neighbour or a youth worker. So a quote is also checked for a name-like
pattern — two capitalised words in a row that do not start a sentence ("… sa Anna Berg att") —
leaning, as the scan does, towards refusing too much: a refused quote is rewritten in a
minute, a published name cannot be taken back."""

import re
from dataclasses import dataclass

from trygg.reports.privacy import MARKERS, find_personal_data, redact

NAMN = "namn"
KIND_LABELS = {
    "personnummer": "ett personnummer",
    "telefon": "ett telefonnummer",
    "epost": "en e-postadress",
    "regnummer": "ett registreringsnummer",
    NAMN: "något som ser ut som ett namn",
}

_WORD = r"[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
# Two capitalised words in a row, the first not at the start of the text or a sentence.
_NAME_LIKE = re.compile(rf"(?<![.!?:]\s)(?<!^)(?<=\s)({_WORD})\s+({_WORD})\b")
# The pseudonyms themselves are not names ("Deltagare A" is one capital word and a letter).
_MARKER_TEXTS = tuple(MARKERS.values())


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


def scan(text: str, *, names: bool = True) -> Scan:
    """What personal data `text` holds. A text already redacted (it carries a marker such as
    "[telefonnummer borttaget]") counts as holding that kind: it was somebody's."""
    found = {f.kind for f in find_personal_data(text)}
    for kind, marker in MARKERS.items():
        if marker in text:
            found.add(kind)
    if names and _NAME_LIKE.search(text):
        found.add(NAMN)
    return Scan([k for k in KIND_LABELS if k in found])


def redact_note(text: str) -> tuple[str, dict[str, int]]:
    """A note's text with the four kinds the project's scan finds replaced by their markers,
    and the counts of what was replaced (empty when nothing was)."""
    result = redact(text)
    return result.text, result.counts
