"""Parsing one cell's text into a typed value, with the Swedish message when it cannot be."""

import functools
import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation

from trygg.locale_sv import STOCKHOLM


class _Invalid(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _shown(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


_DATE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[ T]+|\s+kl\.?\s*)(\d{1,2})[:.](\d\d)(?:[:.](\d\d)(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d\d:?\d\d)?",
    re.IGNORECASE,
)
_TIME = re.compile(r"(?:kl\.?\s*)?(\d{1,2})[:.](\d\d)(?:[:.](\d\d))?", re.IGNORECASE)
# Compiled once: re's own cache lookup cost more than the match (measured: 0.75 s of a
# 50,000-row import's coordinate and number parsing).
_THOUSANDS = re.compile(r"[ \u00a0\u2009\u202f]")
_DECIMAL = re.compile(r"[+-]?\d+(?:\.\d+)?")
_CURRENCY = re.compile(r"(?i)\s*(?:kr\.?|sek|:-)$")
_NEGATIVE = re.compile(r"-\d+")
_WHOLE = re.compile(r"\+?\d+")


def _parse_datetime(value: str) -> tuple[datetime, bool]:
    """The aware datetime and whether a time of day was given."""
    m = _DATE.fullmatch(value)
    if not m:
        raise _Invalid(
            f"datumet '{_shown(value)}' kunde inte tolkas; skriv det som ÅÅÅÅ-MM-DD "
            "eller ÅÅÅÅ-MM-DD TT:MM."
        )
    year, month, day, hour, minute, second, offset = m.groups()
    try:
        day_value = date(int(year), int(month), int(day))
    except ValueError:
        raise _Invalid(f"datumet '{_shown(value)}' är inte ett giltigt datum.") from None
    # Bounded here so the time-zone arithmetic below cannot overflow.
    if day_value.year < 1900:
        # Excel's empty date is 1899-12-30 or 1900-01-00.
        raise _Invalid(f"datumet '{_shown(value)}' ligger före år 1900.")
    if day_value.year > 2999:
        raise _Invalid(f"datumet '{_shown(value)}' ligger i framtiden.")
    try:
        clock = time(int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        raise _Invalid(f"klockslaget i '{_shown(value)}' är inte giltigt.") from None
    if offset:
        # An explicit offset is honoured; the result is still expressed in Swedish time.
        if offset.upper() == "Z":
            tz = UTC
        else:
            sign = -1 if offset[0] == "-" else 1
            delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[-2:]))
            if delta >= timedelta(hours=24):
                raise _Invalid(f"tidszonen i '{_shown(value)}' är inte giltig.")
            tz = timezone(sign * delta)
        moment = datetime.combine(day_value, clock, tzinfo=tz).astimezone(STOCKHOLM)
    else:
        moment = swedish_time(day_value, clock, value)
    return moment, hour is not None


def swedish_time(day_value: date, clock: time, shown: str) -> datetime:
    """The Swedish wall-clock time as an aware datetime. A time the clocks skip (02:00–02:59
    on the last Sunday of March) is refused: zoneinfo would silently make 02:30 into 03:30.
    A time that occurs twice (02:00–02:59 on the last Sunday of October) is taken as its
    first occurrence, still summer time (fold=0): a file of local times cannot tell them
    apart, and the field's help says so."""
    moment = datetime.combine(day_value, clock, tzinfo=STOCKHOLM)
    if not _changes_clock(day_value):
        return moment
    # A time that exists survives the round trip through UTC unchanged.
    if moment.astimezone(UTC).astimezone(STOCKHOLM).replace(tzinfo=None) != moment.replace(
        tzinfo=None
    ):
        raise _Invalid(
            f"klockslaget i '{_shown(shown)}' finns inte: klockan ställdes fram en timme den "
            "natten (sommartid). Kontrollera tiden i ursprungssystemet."
        )
    return moment


@functools.lru_cache(maxsize=8192)
def _changes_clock(day_value: date) -> bool:
    """Whether Swedish clocks change on this day: only then can a wall-clock time be skipped
    or repeated, so only then is the round trip through UTC needed (two of ~365 days; the
    check per row cost more than parsing the date)."""
    start = datetime.combine(day_value, time(), tzinfo=STOCKHOLM)
    end = datetime.combine(day_value, time(23, 59, 59), tzinfo=STOCKHOLM)
    return start.utcoffset() != end.utcoffset()


def _parse_time(value: str) -> time:
    m = _TIME.fullmatch(value)
    try:
        if not m:
            raise ValueError
        return time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    except ValueError:
        raise _Invalid(
            f"klockslaget '{_shown(value)}' kunde inte tolkas; skriv det som TT:MM."
        ) from None


def _parse_number(value: str) -> Decimal:
    text = value.replace("\u2212", "-")
    # Thousands separators: ordinary, non-breaking and thin spaces.
    text = _THOUSANDS.sub("", text)
    if "," in text and "." in text:
        raise ValueError
    text = text.replace(",", ".")
    if not _DECIMAL.fullmatch(text):
        raise ValueError
    return Decimal(text)


def _parse_cost(value: str) -> Decimal:
    text = _CURRENCY.sub("", value)
    try:
        amount = _parse_number(text)
    except (ValueError, InvalidOperation):
        raise _Invalid(f"kostnaden '{_shown(value)}' är inte ett belopp i kronor.") from None
    if amount < 0:
        raise _Invalid(f"kostnaden '{_shown(value)}' får inte vara negativ.")
    if -amount.as_tuple().exponent > 2:
        # "1.500" is a thousand in some habits and one and a half in others.
        raise _Invalid(
            f"kostnaden '{_shown(value)}' har fler än två decimaler; använd mellanslag "
            "som tusentalsavgränsare och komma för ören."
        )
    return amount


def _parse_coordinate(value: str, label: str, limit: int) -> float:
    text = value.replace(",", ".").replace("\u2212", "-").strip().rstrip("°")
    if not _DECIMAL.fullmatch(text):
        raise _Invalid(f"{label.lower()} '{_shown(value)}' är inte ett decimaltal.")
    number = float(text)
    if not -limit <= number <= limit:
        raise _Invalid(
            f"{label.lower()} '{_shown(value)}' ligger utanför −{limit}…{limit}; koordinaterna "
            "ska anges i WGS 84 med decimala grader."
        )
    return number


def _parse_count(value: str) -> int:
    text = _THOUSANDS.sub("", value).replace("\u2212", "-")
    if _NEGATIVE.fullmatch(text):
        raise _Invalid(f"antalet personer '{_shown(value)}' får inte vara negativt.")
    if not _WHOLE.fullmatch(text):
        raise _Invalid(f"antalet personer '{_shown(value)}' måste vara ett heltal.")
    return int(text)


_TRUE = frozenset({"ja", "j", "yes", "y", "true", "sant", "1", "x"})
_FALSE = frozenset({"nej", "n", "no", "false", "falskt", "0"})
_UNKNOWN = frozenset({"", "tom", "okänt", "vet ej", "-"})


def _parse_bool(value: str) -> bool | None:
    key = value.strip().casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    if key in _UNKNOWN:
        return None
    raise _Invalid(f"värdet '{_shown(value)}' för unga inblandade ska vara ja, nej eller tomt.")
