"""Swedish formatting of dates for the documents; numbers, kronor and the time zone come from
the one locale module, so a document and the page agree."""

import re
from datetime import date, datetime

from trygg.locale_sv import count_text, local

# Characters XML 1.0 forbids outright: Word files cannot hold them, so they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the control characters that XML (and so DOCX) cannot carry."""
    return _NOT_XML.sub("", text)


def format_date(d: date) -> str:
    """ISO 8601 `2025-03-14`, the Swedish standard form."""
    return d.isoformat()


def format_period(start: date, end: date) -> str:
    """`2025-03-01–2025-03-14` with an en dash."""
    return f"{format_date(start)}\u2013{format_date(end)}"


def format_datetime(dt: datetime) -> str:
    """`2025-03-17 kl. 13.30` in Swedish local time."""
    dt = local(dt)
    return f"{dt:%Y-%m-%d} kl. {dt:%H.%M}"


def reports(n: int) -> str:
    """`1 rapport`, `1 234 rapporter`."""
    return count_text(n, "rapport", "rapporter")
