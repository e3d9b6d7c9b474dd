"""Swedish dates in the documents (numbers and kronor are tested in tests/test_locale_sv.py;
the comparison phrases in trygg/lagesbild/tests/test_comparison_phrases.py)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from trygg.documents.formatting import (
    format_datetime,
    format_period,
    reports,
    xml_safe,
)

NB = "\u00a0"


def test_numbers_and_dates():
    assert format_period(date(2025, 3, 1), date(2025, 3, 14)) == "2025-03-01–2025-03-14"
    utc = datetime(2025, 7, 1, 12, 0, tzinfo=ZoneInfo("UTC"))
    assert format_datetime(utc) == "2025-07-01 kl. 14.00"  # summer time in Stockholm
    assert reports(1) == "1 rapport" and reports(1500) == f"1{NB}500 rapporter"


def test_xml_safe():
    assert xml_safe("a\x00b\x0bc\td\ne") == "abc\td\ne"
