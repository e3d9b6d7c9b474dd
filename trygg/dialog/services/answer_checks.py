"""Each question kind's check of one raw answer from the public form: the value to store or
a Swedish message. Pure of the database except for the map question, which asks geo where a
point, an area or a typed place lies."""

from __future__ import annotations

from dataclasses import dataclass, field

from trygg.core.text import strip_control_characters
from trygg.geo.gazetteer.selectors import PlaceStatus, place_lookup
from trygg.geo.h3cells import cells_for_point
from trygg.geo.selectors import AreaKind, area_get, area_index, areas_at_point
from trygg.reports.privacy import redact

from ..models import Question

REQUIRED = "Svara på frågan."
BAD_OPTION = "Välj ett av svarsalternativen."
BAD_NUMBER = "Skriv ett tal, t.ex. 3."
REASON_MAX = 300
TOO_LONG = "Svaret är för långt: högst {limit} tecken."
NO_PLACE = "Markera platsen på kartan, välj ett område eller skriv ett platsnamn."
UNKNOWN_AREA = "Välj ett område i listan."
BAD_POINT = "Platsen på kartan kunde inte läsas. Välj ett område i stället."
OUTSIDE = "Platsen ligger utanför kommunen. Välj en plats i kommunen."

# The map question's "when": parts of the day people name, not clock times (which, with a
# place, could tell who answered).
TIMES_OF_DAY = (
    ("morgon", "Morgon (06–09)"),
    ("dag", "Dag (09–17)"),
    ("kvall", "Kväll (17–22)"),
    ("natt", "Natt (22–06)"),
)
TIME_VALUES = {value for value, _label in TIMES_OF_DAY}


class AnswerError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Checked:
    """One answer's stored values (Answer's field names), and where the text was redacted."""

    values: dict = field(default_factory=dict)
    redacted: int = 0


def is_blank(kind: str, raw) -> bool:
    if kind == Question.Kind.MULTIPLE:
        return not [v for v in (raw or []) if str(v).strip()]
    if kind == Question.Kind.MAP:
        raw = raw or {}
        return not any(str(raw.get(k) or "").strip() for k in ("lat", "lon", "area", "place"))
    return not str(raw or "").strip()


def option_values(question: Question) -> list[str]:
    return [str(o.get("value")) for o in (question.options or [])]


def _text(value: str, limit: int) -> tuple[str, int]:
    value = strip_control_characters(str(value or "")).strip()
    if len(value) > limit:
        raise AnswerError(TOO_LONG.format(limit=limit))
    result = redact(value)
    return result.text, sum(result.counts.values())


def check(question: Question, raw, *, municipality) -> Checked:
    """The stored form of `raw` (already known not to be blank) for `question`, or raises
    AnswerError with the message to show beside it."""
    kind = question.kind
    if kind in (Question.Kind.SINGLE, Question.Kind.LIKERT):
        value = str(raw).strip()
        if value not in option_values(question):
            raise AnswerError(BAD_OPTION)
        return Checked({"choice": value})
    if kind == Question.Kind.MULTIPLE:
        allowed = option_values(question)
        chosen = list(dict.fromkeys(str(v).strip() for v in raw if str(v).strip()))
        if any(v not in allowed for v in chosen):
            raise AnswerError(BAD_OPTION)
        return Checked({"choices": chosen})
    if kind == Question.Kind.NUMBER:
        return Checked({"number": _number(question, raw)})
    if kind == Question.Kind.TEXT:
        text, found = _text(raw, question.max_length)
        return Checked({"text": text}, found)
    if kind == Question.Kind.MAP:
        return _map(question, raw, municipality)
    raise AnswerError(BAD_OPTION)


def _number(question: Question, raw) -> float:
    text = str(raw).strip().replace(",", ".").replace("\u2212", "-").replace(" ", "")
    try:
        value = float(text)
    except ValueError:
        raise AnswerError(BAD_NUMBER) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise AnswerError(BAD_NUMBER)
    low, high = question.min_value, question.max_value
    if low is not None and high is not None and not low <= value <= high:
        raise AnswerError(f"Skriv ett tal mellan {low} och {high}.")
    if low is not None and value < low:
        raise AnswerError(f"Skriv ett tal som är minst {low}.")
    if high is not None and value > high:
        raise AnswerError(f"Skriv ett tal som är högst {high}.")
    return value


def _float(value) -> float | None:
    text = str(value or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise AnswerError(BAD_POINT) from None
    if number != number or abs(number) > 180:
        raise AnswerError(BAD_POINT)
    return number


def _preferred_area(areas):
    """The area a point is filed under: its DeSO (the results' unit) when it has one."""
    areas = [a for a in areas if a.kind != AreaKind.KOMMUNGRANS]
    for area in areas:
        if area.kind == AreaKind.DESO:
            return area
    return areas[0] if areas else None


def _map(question: Question, raw: dict, municipality) -> Checked:
    """A point on the map, or its alternatives: a named area from the list, or a typed place
    the gazetteer knows. A point outside the municipality is refused, never moved."""
    lat, lon = _float(raw.get("lat")), _float(raw.get("lon"))
    area_pk = str(raw.get("area") or "").strip()
    place = strip_control_characters(str(raw.get("place") or "")).strip()
    values: dict = {}
    if lat is not None and lon is not None:
        inside = area_index(municipality).inside_municipality(lat, lon)
        if inside is False:
            raise AnswerError(OUTSIDE)
        cells = cells_for_point(lat, lon)
        values.update(
            lat=round(lat, 6),
            lon=round(lon, 6),
            h3_8=cells[8],
            h3_9=cells[9],
            area=_preferred_area(areas_at_point(municipality=municipality, lat=lat, lon=lon)),
        )
    elif area_pk:
        area = area_get(municipality=municipality, pk=int(area_pk)) if area_pk.isdigit() else None
        if area is None:
            raise AnswerError(UNKNOWN_AREA)
        values["area"] = area
    elif place:
        match = place_lookup(municipality=municipality, text=place)
        if match.status == PlaceStatus.ADRESS and match.lat is not None:
            # An address is a point: kept as its H3 cells and area, like a map click.
            return _map(question, {**raw, "lat": match.lat, "lon": match.lon}, municipality)
        if match.status == PlaceStatus.OMRADE and match.area_ids:
            values["area"] = area_get(municipality=municipality, pk=match.area_ids[0])
        else:
            raise AnswerError(NO_PLACE)
    else:
        raise AnswerError(NO_PLACE)
    found = 0
    if question.map_time_of_day:
        when = str(raw.get("time") or "").strip()
        if when and when not in TIME_VALUES:
            raise AnswerError("Välj en tid på dygnet i listan.")
        values["time_of_day"] = when
    if question.map_reason:
        values["reason"], found = _text(raw.get("reason") or "", REASON_MAX)
    return Checked(values, found)
