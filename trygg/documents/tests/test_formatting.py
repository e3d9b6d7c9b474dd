"""Swedish dates and comparison phrases in the documents (numbers and kronor are tested in
tests/test_locale_sv.py)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from trygg.analytics.compare import compare_counts
from trygg.documents.formatting import (
    format_datetime,
    format_period,
    reports,
    short_change,
    signed,
    xml_safe,
)

NB = "\u00a0"


def test_numbers_and_dates():
    assert signed(2.5) == "+2,5" and signed(-3) == "\u22123" and signed(0) == "0"
    assert format_period(date(2025, 3, 1), date(2025, 3, 14)) == "2025-03-01–2025-03-14"
    utc = datetime(2025, 7, 1, 12, 0, tzinfo=ZoneInfo("UTC"))
    assert format_datetime(utc) == "2025-07-01 kl. 14.00"  # summer time in Stockholm
    assert reports(1) == "1 rapport" and reports(1500) == f"1{NB}500 rapporter"


def test_short_change():
    assert short_change(compare_counts(0, 0)) == "Inga händelser"
    assert short_change(compare_counts(40, 10)).startswith("+30: säkerställd ökning (p")
    assert short_change(compare_counts(10, 40)).startswith("\u221230: säkerställd minskning")
    assert short_change(compare_counts(5, 4)) == "+1: ingen säkerställd förändring (p = 1,00)"


def test_xml_safe():
    assert xml_safe("a\x00b\x0bc\td\ne") == "abc\td\ne"
