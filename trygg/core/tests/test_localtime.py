"""Local day, weekday and hour computed by the database agree with Python's zoneinfo, on
either database, across both DST changes and at the edges of a day."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django_scopes import scopes_disabled

from tests.helpers import make_report
from trygg.core.localtime import (
    STOCKHOLM,
    day_number,
    local_day_number,
    local_hour,
    local_weekday,
    offset_changes,
)
from trygg.reports.models import Report

LO = datetime(2026, 1, 1, tzinfo=STOCKHOLM)
HI = datetime(2027, 1, 1, tzinfo=STOCKHOLM)


def test_offset_changes_are_the_two_dst_changes_of_2026():
    changes, last = offset_changes(LO, HI)
    assert changes == (
        (datetime(2026, 3, 29, 1, tzinfo=UTC), 3600),
        (datetime(2026, 10, 25, 1, tzinfo=UTC), 7200),
    )
    assert last == 3600


def test_a_window_without_a_change_is_one_offset():
    lo = datetime(2026, 6, 1, tzinfo=STOCKHOLM)
    assert offset_changes(lo, lo + timedelta(days=14)) == ((), 7200)


def _instants():
    """Around both changes hour by hour, the last microsecond of local days, a leap day."""
    out = []
    for change in (datetime(2026, 3, 29, 1, tzinfo=UTC), datetime(2026, 10, 25, 1, tzinfo=UTC)):
        out += [change + timedelta(minutes=30 * i) for i in range(-8, 9)]
    for d in (date(2026, 1, 1), date(2026, 3, 28), date(2026, 7, 4), date(2026, 12, 30)):
        midnight = datetime(d.year, d.month, d.day, tzinfo=STOCKHOLM) + timedelta(days=1)
        out += [midnight - timedelta(microseconds=1), midnight, midnight - timedelta(hours=1)]
    out.append(LO)
    return out


@pytest.mark.django_db
def test_database_agrees_with_zoneinfo(koping):
    instants = _instants()
    for t in instants:
        make_report(koping, when=t)
    with scopes_disabled():
        rows = list(
            Report.objects.filter(occurred_at__gte=LO, occurred_at__lt=HI)
            .annotate(
                d=local_day_number("occurred_at", LO, HI),
                wd=local_weekday("occurred_at", LO, HI),
                hr=local_hour("occurred_at", LO, HI),
            )
            .values_list("occurred_at", "d", "wd", "hr")
        )
    assert len(rows) == len(instants)
    for occurred, d, wd, hr in rows:
        local = occurred.astimezone(STOCKHOLM)
        assert (d, wd, hr) == (day_number(local.date()), local.weekday(), local.hour), local


def test_a_window_starting_or_ending_on_a_change():
    spring = datetime(2026, 3, 29, 1, tzinfo=UTC)
    assert offset_changes(spring, spring + timedelta(days=2)) == ((), 7200)
    assert offset_changes(spring - timedelta(days=2), spring) == ((), 3600)
    assert offset_changes(spring - timedelta(hours=1), spring + timedelta(hours=1)) == (
        ((spring, 3600),),
        7200,
    )


def test_five_years_have_ten_changes_in_order():
    changes, last = offset_changes(
        datetime(2022, 1, 1, tzinfo=STOCKHOLM), datetime(2027, 1, 1, tzinfo=STOCKHOLM)
    )
    assert len(changes) == 10 and last == 3600
    assert [o for _, o in changes] == [3600, 7200] * 5
    assert all(a < b for (a, _), (b, _) in zip(changes, changes[1:], strict=False))
