"""The Swedish locale module: one rounding rule for every figure, local day and year bounds
across both DST changes and New Year, and no Django inside."""

import ast
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from trygg.analytics.compare import format_number as analytics_number
from trygg.locale_sv import (
    STOCKHOLM,
    day_bounds,
    day_start,
    format_kronor,
    format_number,
    local,
    round_half_up,
    year_bounds,
)

NB = "\u00a0"
MINUS = "\u2212"
MODULE = Path(__file__).resolve().parent.parent / "trygg" / "locale_sv.py"


@pytest.mark.parametrize(
    ("amount", "decimals", "text"),
    [
        (0, 0, f"0{NB}kr"),
        (Decimal("0"), 0, f"0{NB}kr"),
        (0.5, 0, f"1{NB}kr"),
        (Decimal("0.5"), 0, f"1{NB}kr"),
        # Banker's rounding would give 2 for both 1,5 and 2,5; half up gives 2 and 3.
        (1.5, 0, f"2{NB}kr"),
        (2.5, 0, f"3{NB}kr"),
        (Decimal("2.5"), 0, f"3{NB}kr"),
        (Decimal("2.49"), 0, f"2{NB}kr"),
        (Decimal("184350.50"), 0, f"184{NB}351{NB}kr"),
        (184350.50, 0, f"184{NB}351{NB}kr"),
        (Decimal("184350.49"), 0, f"184{NB}350{NB}kr"),
        # Half away from zero: a credit shows the same kronor as the charge.
        (Decimal("-184350.50"), 0, f"{MINUS}184{NB}351{NB}kr"),
        (-0.5, 0, f"{MINUS}1{NB}kr"),
        (Decimal("-0.4"), 0, f"0{NB}kr"),
        (None, 0, "–"),
        ("", 0, "–"),
        ("1500.50", 0, f"1{NB}501{NB}kr"),
        (950, 0, f"950{NB}kr"),
        (12000, 0, f"12{NB}000{NB}kr"),
        (Decimal("1234567.49"), 0, f"1{NB}234{NB}567{NB}kr"),
        (Decimal("999999999999.50"), 0, f"1{NB}000{NB}000{NB}000{NB}000{NB}kr"),
        (10**15, 0, f"1{NB}000{NB}000{NB}000{NB}000{NB}000{NB}kr"),
        # Past the 28 digits of the default decimal context: no digit is lost.
        (
            Decimal("123456789012345678901234567890.5"),
            0,
            NB.join(["123", "456", "789", "012", "345", "678", "901", "234", "567", "891"])
            + f"{NB}kr",
        ),
        (np.float64(184350.5), 0, f"184{NB}351{NB}kr"),
        (np.int64(1500), 0, f"1{NB}500{NB}kr"),
        # Öre where a page asks for them (the report's own recorded cost).
        (Decimal("1500.5"), 2, f"1{NB}500,50{NB}kr"),
        (Decimal("184350.50"), 2, f"184{NB}350,50{NB}kr"),
        # A float is rounded as written, not as its binary value 2.67499999…
        (2.675, 2, f"2,68{NB}kr"),
        (Decimal("0.005"), 2, f"0,01{NB}kr"),
    ],
)
def test_kronor_are_rounded_half_up_with_swedish_grouping(amount, decimals, text):
    assert format_kronor(amount, decimals) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (0, 0, "0"),
        (1234, 0, f"1{NB}234"),
        (-5, 0, f"{MINUS}5"),
        (999, 0, "999"),
        (1000, 0, f"1{NB}000"),
        (2.5, 0, "3"),
        (30.5, 0, "31"),
        (1234.5, 1, f"1{NB}234,5"),
        (2.25, 1, "2,3"),
        (Decimal("-0.04"), 1, "0,0"),
        (Decimal("-1234567.891"), 2, f"{MINUS}1{NB}234{NB}567,89"),
        (None, 0, "–"),
    ],
)
def test_numbers_have_swedish_grouping_decimal_comma_and_minus_sign(value, decimals, text):
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(3.0, "3"), (2.25, "2,3"), (2.95, "3"), (1234.5, f"1{NB}234,5"), (0.04, "0")],
)
def test_analytics_counts_follow_the_same_rule(value, text):
    assert analytics_number(value) == text


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (True, TypeError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        ("tio", ValueError),
    ],
)
def test_what_is_not_an_amount_is_refused(value, error):
    with pytest.raises(error):
        format_kronor(value)


def test_rounding_returns_a_decimal_without_a_negative_zero():
    assert round_half_up(Decimal("-0.4")) == 0 and str(round_half_up(Decimal("-0.4"))) == "0"
    assert round_half_up(Decimal("-2.5")) == Decimal(-3)
    assert round_half_up(0.125, 2) == Decimal("0.13")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("first", "last", "lo", "hi", "hours"),
    [
        # Winter time, UTC+1.
        (date(2026, 1, 15), None, utc(2026, 1, 14, 23), utc(2026, 1, 15, 23), 24),
        # Summer time begins at 02:00 on the last Sunday of March: a 23-hour day.
        (date(2026, 3, 29), None, utc(2026, 3, 28, 23), utc(2026, 3, 29, 22), 23),
        (date(2026, 3, 28), date(2026, 3, 30), utc(2026, 3, 27, 23), utc(2026, 3, 30, 22), 71),
        # Summer time, UTC+2.
        (date(2026, 7, 1), None, utc(2026, 6, 30, 22), utc(2026, 7, 1, 22), 24),
        # Summer time ends at 03:00 on the last Sunday of October: a 25-hour day.
        (date(2026, 10, 25), None, utc(2026, 10, 24, 22), utc(2026, 10, 25, 23), 25),
        (date(2026, 10, 24), date(2026, 10, 26), utc(2026, 10, 23, 22), utc(2026, 10, 26, 23), 73),
        # New Year's Eve and New Year's Day, and the days around them.
        (date(2026, 12, 31), None, utc(2026, 12, 30, 23), utc(2026, 12, 31, 23), 24),
        (date(2027, 1, 1), None, utc(2026, 12, 31, 23), utc(2027, 1, 1, 23), 24),
        (date(2026, 12, 31), date(2027, 1, 1), utc(2026, 12, 30, 23), utc(2027, 1, 1, 23), 48),
    ],
)
def test_local_days_become_utc_instants_across_dst_and_new_year(first, last, lo, hi, hours):
    bounds = day_bounds(first, last)
    assert bounds == (lo, hi)
    assert all(b.utcoffset() == timedelta(0) for b in bounds)
    assert (bounds[1] - bounds[0]) == timedelta(hours=hours)


@pytest.mark.parametrize(
    ("year", "lo", "hi"),
    [
        (2026, utc(2025, 12, 31, 23), utc(2026, 12, 31, 23)),
        (2027, utc(2026, 12, 31, 23), utc(2027, 12, 31, 23)),
        (2028, utc(2027, 12, 31, 23), utc(2028, 12, 31, 23)),  # a leap year
    ],
)
def test_a_local_year_runs_from_new_year_to_new_year_in_stockholm(year, lo, hi):
    assert year_bounds(year) == (lo, hi)


def test_consecutive_days_meet_without_gap_or_overlap_through_a_whole_year():
    d = date(2026, 1, 1)
    while d.year == 2026:
        assert day_bounds(d)[1] == day_start(d + timedelta(days=1))
        assert local(day_start(d)).date() == d and local(day_start(d)).hour == 0
        d += timedelta(days=1)
    assert day_start(date(2026, 1, 1)) == year_bounds(2026)[0]


def test_local_time_of_an_aware_and_a_naive_datetime():
    assert local(utc(2026, 7, 1, 12)) == datetime(2026, 7, 1, 14, tzinfo=STOCKHOLM)
    assert local(datetime(2026, 7, 1, 14)) == datetime(2026, 7, 1, 14, tzinfo=STOCKHOLM)


def test_the_locale_module_imports_nothing_but_the_standard_library():
    tree = ast.parse(MODULE.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "a relative import reaches into the project"
            imported.add(node.module.split(".")[0])
    assert "django" not in imported and "trygg" not in imported
    assert imported == {"datetime", "decimal", "numbers", "zoneinfo"}
