"""The PII scan of what staff write down from a dialogue: notes, quotes and survey free text.

The project's scan (reports.privacy) finds personnummer, telephone numbers, e-mail addresses
and registration numbers. A quote from an interview adds a risk a citizen's report rarely has:
the speaker names a neighbour or a youth worker. So a quote is also checked for a name-like
pattern — two capitalised words in a row that do not start a sentence ("… sa Anna Berg att") —
leaning, as the scan does, towards refusing too much: a refused quote is rewritten in a
minute, a published name cannot be taken back. The scan itself lives in reports.privacy so
that apps below dialog (welfare) refuse text by the same rules; it is re-exported here."""

from trygg.reports.privacy import KIND_LABELS, NAMN, Scan, redact, scan

__all__ = ["KIND_LABELS", "NAMN", "Scan", "redact_note", "scan"]


def redact_note(text: str) -> tuple[str, dict[str, int]]:
    """A note's text with the four kinds the project's scan finds replaced by their markers,
    and the counts of what was replaced (empty when nothing was)."""
    result = redact(text)
    return result.text, result.counts
