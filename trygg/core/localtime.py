"""Local (Europe/Stockholm) calendar arithmetic inside the database, the same SQL on SQLite
and PostgreSQL, for GROUP BYs by local day, week, weekday and hour.

Django's Extract/Trunc with `tzinfo` are native on PostgreSQL but a Python function called
per row on SQLite, and `AT TIME ZONE` costs PostgreSQL about 2 µs a row: the lägesbild's
52-week trend for a large city reads 190,000 rows. Here local time is the epoch seconds plus
Stockholm's UTC offset, which is constant between DST changes, so it is a CASE over the few
changes inside the queried window; integer division then gives the local day, weekday and
hour. Callers must filter the rows to the same window, or the offset is wrong outside it.
"""

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from django.db.models import BigIntegerField, Case, ExpressionWrapper, F, Func, Value, When

from trygg.locale_sv import STOCKHOLM

DAY = 86_400
EPOCH_DATE = date(1970, 1, 1)
# 1970-01-01 was a Thursday: day number + 3, modulo 7, is the weekday with Monday = 0.
THURSDAY = 3


class EpochSeconds(Func):
    """Whole seconds since 1970-01-01 UTC of an aware datetime column (floored, so a time
    just before midnight never rounds into the next day)."""

    output_field = BigIntegerField()
    # date_part() is a double (exact to the microsecond for centuries); EXTRACT() returns
    # numeric since PostgreSQL 14, which is several times slower per row.
    template = "CAST(FLOOR(DATE_PART('epoch', %(expressions)s)) AS BIGINT)"

    def as_sqlite(self, compiler, connection, **extra):
        # Django stores datetimes as UTC text 'YYYY-MM-DD HH:MM:SS.ffffff'. SQLite parses to
        # whole milliseconds, rounding 23:59:59.9999 into the next day, so the fraction is cut
        # off first; julianday() works on every SQLite (unixepoch() needs 3.38) and ROUND
        # takes away its floating-point error on whole seconds.
        return self.as_sql(
            compiler,
            connection,
            template=(
                "CAST(ROUND((julianday(substr(%(expressions)s, 1, 19)) - 2440587.5) * 86400) "
                "AS INTEGER)"
            ),
            **extra,
        )


@lru_cache(maxsize=256)
def offset_changes(lo: datetime, hi: datetime) -> tuple[tuple[tuple[datetime, int], ...], int]:
    """Stockholm's UTC offset over [lo, hi): ((change instant, offset before it), …) and the
    offset after the last change, in seconds. A change at lo is already the first offset and
    one at hi is outside. Found day by day, then hour by hour inside a day whose last instant
    has another offset than its start (changes fall on whole UTC hours)."""
    lo_utc, hi_utc = lo.astimezone(UTC), hi.astimezone(UTC)
    hour, tick = timedelta(hours=1), timedelta(microseconds=1)

    def offset_at(t: datetime) -> int:
        return int(t.astimezone(STOCKHOLM).utcoffset().total_seconds())

    changes = []
    current = offset_at(lo_utc)
    day = lo_utc
    while day < hi_utc:
        next_day = min(day + timedelta(days=1), hi_utc)
        if offset_at(next_day - tick) != current:
            t = day.replace(minute=0, second=0, microsecond=0)
            if t < day or t == lo_utc:
                t += hour
            while t < next_day:
                o = offset_at(t)
                if o != current:
                    changes.append((t, current))
                    current = o
                t += hour
        day = next_day
    return tuple(changes), current


def local_seconds(field: str, lo: datetime, hi: datetime):
    """Expression: the local wall-clock time of `field` as seconds since 1970-01-01, for rows
    whose `field` lies in [lo, hi)."""
    changes, last = offset_changes(lo, hi)
    if changes:
        offset = Case(
            *(When(**{f"{field}__lt": at}, then=Value(o)) for at, o in changes),
            default=Value(last),
            output_field=BigIntegerField(),
        )
    else:
        offset = Value(last, output_field=BigIntegerField())
    return ExpressionWrapper(EpochSeconds(F(field)) + offset, output_field=BigIntegerField())


def local_day_number(field: str, lo: datetime, hi: datetime):
    """Expression: the local date of `field` as days since 1970-01-01."""
    return ExpressionWrapper(local_seconds(field, lo, hi) / DAY, output_field=BigIntegerField())


def local_weekday(field: str, lo: datetime, hi: datetime):
    """Expression: the local weekday of `field`, Monday = 0 … Sunday = 6."""
    return ExpressionWrapper(
        (local_day_number(field, lo, hi) + THURSDAY) % 7, output_field=BigIntegerField()
    )


def local_hour(field: str, lo: datetime, hi: datetime):
    """Expression: the local hour of `field`, 0–23."""
    return ExpressionWrapper(
        (local_seconds(field, lo, hi) % DAY) / 3600, output_field=BigIntegerField()
    )


def day_number(d: date) -> int:
    return (d - EPOCH_DATE).days
