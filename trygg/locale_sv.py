"""Swedish locale for every layer: the Stockholm time zone, local day and year bounds, and
numbers and kronor as Swedish text.

Pure Python (no Django, nothing from the project), so analytics and documents may use it as
well as the apps; a test parses this module and fails on any django import. One rounding rule
for every figure a user reads, on the page, in the PDF and in the DOCX: Decimal arithmetic,
half away from zero (184 350,50 kr → 184 351 kr, as in Swedish accounting). Python's round()
on floats rounds half to even and on the binary value (2.675 → 2.67), so it is never used.
Exports keep raw numbers and do not come here.
"""

import numbers
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# A no-break space groups thousands and keeps "kr" with its number: Swedish typography, what
# the templates and documents already used, and every font and Word have the glyph (the
# narrow U+202F is missing from many).
NBSP = "\u00a0"
# A real minus sign, as the documents print it; a hyphen breaks lines and reads as a dash.
MINUS = "\u2212"
# Shown where there is no figure (no cost recorded, no statistics for the year).
NO_VALUE = "–"

Number = Decimal | int | float | str


def local(dt: datetime) -> datetime:
    """`dt` in Swedish local time; a naive datetime is taken to be local already."""
    return dt.astimezone(STOCKHOLM) if dt.tzinfo else dt.replace(tzinfo=STOCKHOLM)


def day_start(d: date) -> datetime:
    """The instant (aware, in UTC) when local day `d` begins. Midnight exists on every
    Swedish day: the clocks change at 02:00 and 03:00."""
    return datetime.combine(d, time.min, tzinfo=STOCKHOLM).astimezone(UTC)


def day_bounds(start: date, end: date | None = None) -> tuple[datetime, datetime]:
    """Local days [start, end] (one day when `end` is left out) as UTC instants [from, to):
    a query filters `field__gte=from, field__lt=to`, so the last microsecond of `end` is in
    and the next midnight is not. A day with a DST change is 23 or 25 hours long."""
    return day_start(start), day_start((end or start) + timedelta(days=1))


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """Local calendar year `year` as UTC instants [from, to): from 1 January 00:00 Swedish
    time (23:00 UTC the day before) to the next New Year."""
    return day_start(date(year, 1, 1)), day_start(date(year + 1, 1, 1))


def _decimal(value: Number) -> Decimal:
    if isinstance(value, bool):
        raise TypeError("a truth value is not an amount")
    if isinstance(value, numbers.Integral):  # numpy's integers too
        value = int(value)
    elif isinstance(value, numbers.Real) and not isinstance(value, Decimal):
        # str() is the shortest text that reads back as the same float: 0.5 stays 0.5 and
        # 2.675 is rounded as the 2.675 the user sees, not as 2.67499999… in binary.
        value = str(float(value))
    elif isinstance(value, str):
        value = value.strip()
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def round_half_up(value: Number, decimals: int = 0) -> Decimal:
    """`value` rounded to `decimals` places, half away from zero (0,5 → 1; −0,5 → −1)."""
    number = _decimal(value)
    with localcontext() as ctx:
        # quantize() fails when the result has more digits than the context holds (28).
        ctx.prec = max(28, number.adjusted() + decimals + 2)
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    # −0,4 rounds to −0: shown as 0, a sign without a value only confuses.
    return rounded.copy_abs() if rounded.is_zero() else rounded


def format_number(value: Number | None, decimals: int = 0) -> str:
    """`12 345`, `−5`, `1 234,5`: rounded half up to `decimals` places, a no-break space
    between thousands, a decimal comma and a real minus sign; `–` for no value."""
    if value is None or value == "":
        return NO_VALUE
    rounded = round_half_up(value, decimals)
    # After quantize() the digits are the amount in units of the last decimal, exactly;
    # integer arithmetic from here on, as Decimal's format() would round a long number again.
    units = int("".join(map(str, rounded.as_tuple().digits)))
    whole, fraction = divmod(units, 10**decimals)
    text = f"{whole:,}".replace(",", NBSP)
    if decimals:
        text += "," + f"{fraction:0{decimals}d}"
    return (MINUS if rounded < 0 else "") + text


def format_kronor(value: Number | None, decimals: int = 0) -> str:
    """`184 351 kr` for 184 350,50 (whole kronor unless `decimals` asks for öre); `–` for
    no value. The page, the PDF and the DOCX all show an amount through this."""
    if value is None or value == "":
        return NO_VALUE
    return f"{format_number(value, decimals)}{NBSP}kr"


# A name ending in a vowel or in s, x or z takes no genitive s (Arboga kommun, Vännäs kommun,
# Kalix kommun); others take one (Köpings kommun). Falu kommun and the cities named "stad"
# are the exceptions an administrator writes in by hand.
_NO_GENITIVE_S = set("aeiouyåäöéAEIOUYÅÄÖÉsxzSXZ")


def municipality_official_name(name: str) -> str:
    """ "Köpings kommun" for "Köping", "Arboga kommun" for "Arboga": the name as the
    municipality writes it in text, by the Swedish genitive rule (a starting value; the
    municipality's stored form wins)."""
    name = name.strip()
    if not name:
        return ""
    return f"{name} kommun" if name[-1] in _NO_GENITIVE_S else f"{name}s kommun"


def municipality_boundary(official_name: str) -> str:
    """ "Köpings kommungräns", "Arboga kommungräns", "Stockholms stads gräns": the boundary
    of a municipality by its stored name in text."""
    if official_name.endswith(" kommun"):
        return f"{official_name}gräns"
    return f"{official_name}s gräns"


def count_text(n: Number, singular: str, plural: str, decimals: int = 0) -> str:
    """`1 rapport`, `0 rapporter`, `12 345 rapporter`, `1,5 timmar`: the number as
    format_number writes it and the noun in the singular only for exactly one (as Swedish
    says "0 rapporter" and "−1 grad" but "1,0 grader")."""
    text = format_number(n, decimals)
    one = text in ("1", MINUS + "1")
    return f"{text} {singular if one else plural}"
