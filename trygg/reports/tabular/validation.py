"""Row validation: every row of a mapped table as typed values or Swedish errors."""

import difflib
import unicodedata
from collections.abc import Iterable
from datetime import datetime, time, timedelta

from trygg.locale_sv import STOCKHOLM

from ..categories import SEED
from .fields import FIELD_BY_NAME, RowError, RowOk, Table
from .mapping import _columns
from .parsing import (
    _Invalid,
    _parse_bool,
    _parse_coordinate,
    _parse_cost,
    _parse_count,
    _parse_datetime,
    _parse_time,
    _shown,
    swedish_time,
)


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class _Categories:
    def __init__(self, categories: Iterable):
        self.by_key: dict[str, str] = {}
        self.names: list[str] = []
        for category in categories:
            self.names.append(category.name)
            for key in (category.code, category.name):
                self.by_key.setdefault(_key(key), category.code)
        self.display = {_key(name): name for name in self.names}

    def code(self, value: str) -> str:
        key = _key(value)
        if key in self.by_key:
            return self.by_key[key]
        close = difflib.get_close_matches(key, list(self.display), n=1, cutoff=0.75)
        hint = f" Menade du '{self.display[close[0]]}'?" if close else ""
        examples = ", ".join(self.names[:5])
        raise _Invalid(
            f"kategorin '{_shown(value)}' finns inte.{hint} Giltiga kategorier är t.ex. {examples}."
        )


def validate_rows(
    table: Table,
    mapping: dict[str, str],
    *,
    now: datetime,
    categories: Iterable | None = None,
) -> tuple[list[RowOk], list[RowError]]:
    """Every non-blank row either as typed values (only the mapped fields) or as one or more
    Swedish errors; raises TabularError if a required field or a mapped column is missing.

    `categories` are objects with `code` and `name` (the municipality's own); the seed if None.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    columns = _columns(table, mapping)
    lookup = _Categories(SEED if categories is None else categories)
    seen_ids: dict[str, int] = {}
    ok: list[RowOk] = []
    errors: list[RowError] = []
    for index, row in enumerate(table.rows):
        number = index + 2
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: row[i].strip() if i < len(row) else "" for name, i in columns.items()}
        values, problems = _validate_row(cells, number, now, lookup, seen_ids)
        if problems:
            errors.extend(RowError(number, p.field, f"Rad {number}: {p.message}") for p in problems)
        else:
            ok.append(RowOk(number, values))
    return ok, errors


def _validate_row(cells, number, now, lookup, seen_ids):
    values: dict = {}
    problems: list[_Invalid] = []

    def check(field_name, parse):
        if field_name not in cells:
            return
        spec = FIELD_BY_NAME[field_name]
        raw = cells[field_name]
        if spec.required and not raw:
            problems.append(_Invalid(f"{spec.label} saknas.", field_name))
            return
        if spec.max_length and len(raw) > spec.max_length:
            problems.append(
                _Invalid(
                    f"{spec.label} är för lång ({len(raw)} tecken, högst {spec.max_length}).",
                    field_name,
                )
            )
            return
        try:
            values[field_name] = parse(raw) if raw else None
        except _Invalid as e:
            e.field = e.field or field_name
            problems.append(e)

    def external_id(raw):
        if raw in seen_ids:
            raise _Invalid(f"extern id '{_shown(raw)}' finns redan på rad {seen_ids[raw]}.")
        seen_ids[raw] = number
        return raw

    check("external_id", external_id)
    _check_occurred(cells, now, values, problems)
    check("category", lookup.code)
    for name in ("description", "place_name", "police_report_number"):
        check(name, str)
        if name in values and values[name] is None:
            values[name] = ""  # text fields are blank, never null, in the models
    check("lat", lambda raw: _parse_coordinate(raw, "Latitud", 90))
    check("lon", lambda raw: _parse_coordinate(raw, "Longitud", 180))
    check("cost_sek", _parse_cost)
    check("people_count", _parse_count)
    check("youth_involved", _parse_bool)
    _check_coordinates(cells, values, problems)
    return values, problems


def _check_occurred(cells, now, values, problems):
    raw = cells["occurred_at"]
    raw_time = cells.get("occurred_time", "")
    if not raw:
        problems.append(_Invalid(f"{FIELD_BY_NAME['occurred_at'].label} saknas.", "occurred_at"))
        return
    try:
        moment, has_time = _parse_datetime(raw)
        if raw_time:
            try:
                clock = _parse_time(raw_time)
            except _Invalid as e:
                e.field = "occurred_time"
                raise
            if has_time and moment.timetz().replace(tzinfo=None) != clock:
                raise _Invalid(
                    f"datumet '{_shown(raw)}' har ett annat klockslag än '{_shown(raw_time)}'."
                )
            moment = swedish_time(moment.date(), clock, f"{raw} {raw_time}")
            has_time = True
        if moment > now:
            raise _Invalid(f"datumet '{_shown(raw)}' ligger i framtiden.")
    except _Invalid as e:
        e.field = e.field or "occurred_at"
        problems.append(e)
        return
    values["occurred_at"] = moment
    if not has_time:
        # A date alone is the whole day, not midnight: stored as the day's interval, it
        # stays out of hour-of-day figures (reports.selectors.with_time_of_day).
        next_day = datetime.combine(moment.date() + timedelta(days=1), time(), tzinfo=STOCKHOLM)
        values["occurred_until"] = next_day - timedelta(microseconds=1)


def _check_coordinates(cells, values, problems):
    if "lat" not in cells:
        return
    lat, lon = cells["lat"], cells["lon"]
    if lat and not lon:
        problems.append(_Invalid("latitud är ifylld men longitud saknas.", "lon"))
    elif lon and not lat:
        problems.append(_Invalid("longitud är ifylld men latitud saknas.", "lat"))
    elif values.get("lat") is not None and values.get("lon") is not None:
        # Sweden lies at 55-69 °N and 11-24 °E, so the two are easy to tell apart.
        if 10 <= values["lat"] <= 25 and 55 <= values["lon"] <= 70:
            problems.append(
                _Invalid("latitud och longitud verkar ha bytt plats (latitud ska vara 55–69).")
            )
