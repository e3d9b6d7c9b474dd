"""Bounds for values taken from query strings and API bodies, with their Swedish messages.

Python and the databases store wider values than anyone reports: a date in year 1 or 9999
overflows when moved from Stockholm time to UTC, an integer past 2⁶³ − 1 cannot be bound as a
parameter on SQLite, and PostgreSQL refuses NUL in text. Checking at the edge turns each of
these into a message next to the field instead of a 500 deep in a query."""

from datetime import date, datetime

from django.core.exceptions import ValidationError

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
DATE_MESSAGE = f"Ange ett datum mellan {EARLIEST.isoformat()} och {LATEST.isoformat()}."
DATETIME_MESSAGE = f"Ange en tidpunkt mellan år {EARLIEST.year} och {LATEST.year}."
YEAR_MESSAGE = f"Ange ett år mellan {EARLIEST.year} och {LATEST.year}."
NUL_MESSAGE = "Texten får inte innehålla NUL-tecken."
# The largest primary key and integer column value both databases store (a BigAutoField).
INT_MAX = 2**63 - 1


def date_in_range(value: date) -> bool:
    return EARLIEST <= value <= LATEST


def datetime_in_range(value: datetime) -> bool:
    return EARLIEST.year <= value.year <= LATEST.year


def validate_date(value: date) -> None:
    """A form-field validator: dates the whole app can do arithmetic on in local time."""
    if value is not None and not date_in_range(value):
        raise ValidationError(DATE_MESSAGE, code="date_range")


def year_in_range(value: int) -> bool:
    return EARLIEST.year <= value <= LATEST.year


def id_in_range(value: int) -> bool:
    """A value that can be a primary key: positive and within a 64-bit column."""
    return 1 <= value <= INT_MAX


def has_nul(value: str) -> bool:
    return "\x00" in value


def bad_request_page(request, problems, *, back: str = ""):
    """The 400 page for a query string that cannot be used, with its reasons in Swedish."""
    from django.shortcuts import render

    return render(request, "400.html", {"problems": list(problems), "back": back}, status=400)
