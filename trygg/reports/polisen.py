"""Reading the Swedish Police Authority's public events feed (polisen.se/api/events).

The feed's quirks, all seen in real data: the publication time has an unpadded hour
("2024-01-05 8:03:12 +01:00"); the incident time exists only in `name` ("28 juni 11.49, ...",
before November 2023 "09 november 10:40, ..."), without a year; `type` may contain commas, so
the place is what follows the last comma of `name` and may be empty; `location.gps` is a
"lat,lon" string for the centroid of a municipality or county, never the incident spot; since
February 2026 `location.name` is always a county ("X län") and the municipality survives only as
the `name` suffix; municipality names come in case variants ("Upplands väsby"); `type` may
carry a trailing space; the `type` in `name` can differ from the `type` field after an edit (the
field is used); `url` is relative to https://polisen.se.

`datetime` is the time of the version: a later download of an edited event carries a later
one, and consecutive downloads overlap, so a file may hold the same id twice
(latest_versions keeps the newest).
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from trygg.locale_sv import STOCKHOLM

POLISEN_BASE_URL = "https://polisen.se"

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "januari", "februari", "mars", "april", "maj", "juni",
            "juli", "augusti", "september", "oktober", "november", "december",
        ),
        start=1,
    )
}  # fmt: skip

# Every `type` in the sample archive, mapped to a seeded category code (categories.SEED).
# None marks notices that are not single incidents (summaries of a night, updates to an
# earlier event, general information) and would be counted twice or not at all otherwise.
TYPE_TO_CATEGORY: dict[str, str | None] = {
    "Alkohollagen": "ordningsstorning",
    "Anträffad död": "ovrigt",
    "Anträffat gods": "ovrigt",
    "Arbetsplatsolycka": "ovrigt",
    "Bedrägeri": "ovrigt",
    "Bombhot": "hot_vald",
    "Brand": "brand",
    "Bråk": "ordningsstorning",
    # Detonations and explosions at doors and stairwells are, in Sweden, mostly attacks.
    "Detonation": "hot_vald",
    "Djur": "ovrigt",
    "Efterlyst person": "ovrigt",
    "Ekobrott": "ovrigt",
    "Explosion": "hot_vald",
    "Farligt föremål, misstänkt": "ovrigt",
    "Fjällräddning": "ovrigt",
    "Fylleri": "ordningsstorning",
    "Fylleri/LOB": "ordningsstorning",
    "Förfalskningsbrott": "ovrigt",
    "Försvunnen person": "ovrigt",
    "Hemfridsbrott": "stold_inbrott",
    "Häleri": "stold_inbrott",
    "Inbrott": "inbrott",
    "Inbrott, försök": "inbrott",
    "Information": None,
    "Knivlagen": "hot_vald",
    "Kontroll": "ovrigt",
    "Kontroll person/fordon": "ovrigt",
    "Lagen om hundar och katter": "ovrigt",
    "Larm Inbrott": "inbrott",
    "Larm Överfall": "hot_vald",
    "Luftfartslagen": "ovrigt",
    "Miljöbrott": "ovrigt",
    "Missbruk av urkund": "ovrigt",
    "Misshandel": "hot_vald",
    "Misshandel, grov": "hot_vald",
    "Mord/dråp": "hot_vald",
    "Mord/dråp, försök": "hot_vald",
    "Mordbrand": "anlagd_brand",
    "Motorfordon, anträffat stulet": "stold",
    "Motorfordon, stöld": "stold",
    "Narkotikabrott": "narkotika",
    # Harassment of a person; the sensitive category keeps possible victims out of view.
    "Ofredande/förargelse": "hot_vald",
    "Olaga frihetsberövande/människorov": "hot_vald",
    "Olaga hot": "hot_vald",
    "Olaga intrång": "stold_inbrott",
    "Olovlig körning": "trafik",
    "Ordningslagen": "ordningsstorning",
    "Polisinsats/kommendering": "ovrigt",
    "Rattfylleri": "trafik",
    "Räddningsinsats": "ovrigt",
    "Rån": "hot_vald",
    "Rån väpnat": "hot_vald",
    "Rån övrigt": "hot_vald",
    "Rån, försök": "hot_vald",
    "Sabotage mot blåljusverksamhet": "hot_vald",
    "Sammanfattning kväll och natt": None,
    "Sammanfattning natt": None,
    "Sedlighetsbrott": "hot_vald",
    "Sexualbrott": "hot_vald",
    "Sjukdom/olycksfall": "ovrigt",
    "Sjölagen": "ovrigt",
    "Skadegörelse": "annan_skadegorelse",
    "Skottlossning": "hot_vald",
    "Skottlossning, misstänkt": "hot_vald",
    "Skyddslagen": "ovrigt",
    # Fireworks and bangers: a public-order matter.
    "Smällar": "ordningsstorning",
    "Spridning smitta/kemikalier": "ovrigt",
    "Stöld": "stold",
    "Stöld, försök": "stold",
    "Stöld/inbrott": "stold_inbrott",
    "Trafikbrott": "trafik",
    "Trafikhinder": "trafik",
    "Trafikkontroll": "trafik",
    "Trafikolycka": "trafik",
    "Trafikolycka, personskada": "trafik",
    "Trafikolycka, singel": "trafik",
    "Trafikolycka, smitning från": "trafik",
    "Trafikolycka, vilt": "trafik",
    "Uppdatering": None,
    "Upphittat föremål": "ovrigt",
    "Utlänningslagen": "ovrigt",
    "Vapenlagen": "hot_vald",
    "Våld/hot mot tjänsteman": "hot_vald",
    "Våldtäkt": "hot_vald",
    "Våldtäkt, försök": "hot_vald",
    "Vållande till kroppsskada": "ovrigt",
    "Åldringsbrott": "ovrigt",
    "Övrigt": "ovrigt",
}

_TYPES_FOLDED = {key.casefold(): value for key, value in TYPE_TO_CATEGORY.items()}

_DATETIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[ T](\d{1,2}):(\d\d):(\d\d)(?:\.\d+)? ?(?:([+-])(\d\d):?(\d\d)|Z)"
)
_NAME_TIME = re.compile(r"\s*(\d{1,2})\s+([^\W\d_]+)\s+(\d{1,2})[.:](\d\d)(?!\d)")
# Police ids are six or seven digits; 18 keeps every id inside a 64-bit integer and far below
# the column's 100 characters, where SQLite would store anything and PostgreSQL fail the chunk.
_ID = re.compile(r"[0-9]{1,18}")
# An incident time up to this much after publication is the two clocks disagreeing: in the
# sample 151 of 174 such events lie within 44 minutes, the rest between 1.6 and 23 hours.
CLOCK_SLACK = timedelta(hours=1)
_GPS = re.compile(r"\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*")


class PoliceFeedError(ValueError):
    """A feed or an event that cannot be read; the message is Swedish and shown to users."""


@dataclass(frozen=True)
class PoliceEvent:
    external_id: str
    published_at: datetime
    occurred_at: datetime
    type: str
    category_code: str | None
    place: str
    location_name: str
    county_level: bool
    lat: float
    lon: float
    summary: str
    url: str


def category_for_type(type_: str) -> str | None:
    """The category code for a police event type: the table's entry (ignoring case and
    surrounding spaces), None for any "Sammanfattning …" summary, otherwise "ovrigt"."""
    key = type_.strip().casefold()
    if key in _TYPES_FOLDED:
        return _TYPES_FOLDED[key]
    if key.startswith("sammanfattning"):
        return None
    return "ovrigt"


def _shown(value, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _required(obj: dict, key: str):
    if key not in obj or obj[key] is None:
        raise PoliceFeedError(f"Fältet '{key}' saknas.")
    return obj[key]


def _no_nul(value: str, key: str) -> str:
    # PostgreSQL refuses NUL in text (and would fail the whole chunk); SQLite stores it.
    if "\x00" in value:
        raise PoliceFeedError(f"Fältet '{key}' innehåller ett otillåtet tecken (NUL).")
    return value


def _text(obj: dict, key: str) -> str:
    value = _required(obj, key)
    if not isinstance(value, str):
        raise PoliceFeedError(f"Fältet '{key}' måste vara text.")
    return _no_nul(value, key)


def _parse_published(value: str) -> datetime:
    m = _DATETIME.fullmatch(value.strip())
    if not m:
        raise PoliceFeedError(f"Tidpunkten i 'datetime' har okänt format: '{_shown(value)}'.")
    year, month, day, hour, minute, second, sign, off_h, off_m = m.groups()
    if sign:
        offset = timedelta(hours=int(off_h), minutes=int(off_m))
        tz = timezone(-offset if sign == "-" else offset)
    else:
        tz = UTC
    try:
        if not 1900 <= int(year) <= 2999:  # keeps the time arithmetic below from overflowing
            raise ValueError
        naive = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        raise PoliceFeedError(
            f"Tidpunkten i 'datetime' är inte ett giltigt datum: '{_shown(value)}'."
        ) from None
    return naive.replace(tzinfo=tz).astimezone(STOCKHOLM)


def _parse_occurred(name: str, published_at: datetime) -> datetime:
    """The incident time from `name`, in the latest year that does not put it more than a day
    after publication (the name has no year); published_at if the name cannot be read. A time
    later than the publication (beyond CLOCK_SLACK) on the publication's own date means the
    previous day: the name carries the publication date with the incident's time (604460,
    published 29 September 00.06 as "29 september 23.21", happened on the 28th)."""
    m = _NAME_TIME.match(name)
    if not m:
        return published_at
    day, month_name, hour, minute = m.groups()
    month = MONTHS.get(month_name.casefold())
    if month is None or int(hour) > 23 or int(minute) > 59:
        return published_at
    # A day of slack: the two clocks are not the same and events near midnight are common.
    latest = published_at + timedelta(days=1)
    local_year = published_at.astimezone(STOCKHOLM).year
    for year in (local_year + 1, local_year, local_year - 1):
        try:
            candidate = datetime(year, month, int(day), int(hour), int(minute), tzinfo=STOCKHOLM)
        except ValueError:  # 29 February outside a leap year, or 31 April
            continue
        if candidate > latest:
            continue
        published_local = published_at.astimezone(STOCKHOLM)
        if candidate > published_at + CLOCK_SLACK and candidate.date() == published_local.date():
            # Wall-clock arithmetic on the date, so a DST change keeps the named time of day.
            before = candidate.date() - timedelta(days=1)
            candidate = candidate.replace(year=before.year, month=before.month, day=before.day)
        return candidate
    return published_at


def _parse_location(value) -> tuple[str, float, float]:
    if not isinstance(value, dict):
        raise PoliceFeedError("Fältet 'location' måste vara ett objekt med 'name' och 'gps'.")
    name = value.get("name")
    gps = value.get("gps")
    if not isinstance(name, str) or not isinstance(gps, str):
        raise PoliceFeedError("Fältet 'location' måste ha 'name' och 'gps' som text.")
    _no_nul(name, "location.name")
    _no_nul(gps, "location.gps")
    m = _GPS.fullmatch(gps)
    if not m:
        raise PoliceFeedError(f"Koordinaterna i 'location.gps' kan inte tolkas: '{_shown(gps)}'.")
    lat, lon = float(m.group(1)), float(m.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise PoliceFeedError(
            f"Koordinaterna i 'location.gps' ligger utanför jordklotet: '{_shown(gps)}'."
        )
    return name.strip(), lat, lon


def _absolute_url(url: str) -> str:
    # Only links into polisen.se are kept: the URL ends up in an href, and anything else
    # (another host, "javascript:") would let a forged feed put a foreign link in the app.
    if url.startswith("/") and not url.startswith("//"):
        return POLISEN_BASE_URL + url
    if url.startswith(POLISEN_BASE_URL + "/"):
        return url
    raise PoliceFeedError(f"Fältet 'url' pekar inte på polisen.se: '{_shown(url)}'.")


def parse_event(obj: dict) -> PoliceEvent:
    """One feed object as a PoliceEvent with aware times and an absolute polisen.se URL;
    raises PoliceFeedError with a Swedish reason for anything malformed."""
    if not isinstance(obj, dict):
        raise PoliceFeedError("Händelsen är inte ett JSON-objekt.")
    raw_id = _required(obj, "id")
    if isinstance(raw_id, str):
        _no_nul(raw_id, "id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, int | str):
        raise PoliceFeedError(f"Fältet 'id' måste vara ett heltal, inte '{_shown(raw_id)}'.")
    external_id = str(raw_id).strip()
    if not _ID.fullmatch(external_id):
        if external_id.isascii() and external_id.isdigit():
            raise PoliceFeedError(
                f"Fältet 'id' är för långt ({len(external_id)} siffror, högst 18 tillåts)."
            )
        raise PoliceFeedError(f"Fältet 'id' måste vara ett heltal, inte '{_shown(raw_id)}'.")
    published_at = _parse_published(_text(obj, "datetime"))
    name = _text(obj, "name")
    type_ = _text(obj, "type").strip()
    if not type_:
        raise PoliceFeedError("Fältet 'type' är tomt.")
    location_name, lat, lon = _parse_location(_required(obj, "location"))
    summary = obj.get("summary")
    if summary is not None and not isinstance(summary, str):
        raise PoliceFeedError("Fältet 'summary' måste vara text.")
    _no_nul(summary or "", "summary")
    return PoliceEvent(
        external_id=external_id,
        published_at=published_at,
        occurred_at=_parse_occurred(name, published_at),
        type=type_,
        category_code=category_for_type(type_),
        place=name.rsplit(",", 1)[1].strip() if "," in name else "",
        location_name=location_name,
        county_level=location_name.casefold().endswith(" län"),
        lat=lat,
        lon=lon,
        summary=(summary or "").strip(),
        url=_absolute_url(_text(obj, "url").strip()),
    )


def parse_feed(raw: bytes | str) -> tuple[list[PoliceEvent], list[tuple[int, str]]]:
    """The events of a feed file plus (0-based index, Swedish reason) for every object that
    could not be read; raises PoliceFeedError only when the file is not a JSON list."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PoliceFeedError("Filen är inte UTF-8-kodad text.") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise PoliceFeedError(
            f"Filen är inte giltig JSON (rad {e.lineno}, kolumn {e.colno})."
        ) from None
    if not isinstance(data, list):
        raise PoliceFeedError("Filen måste innehålla en JSON-lista med händelser.")
    events: list[PoliceEvent] = []
    errors: list[tuple[int, str]] = []
    for index, obj in enumerate(data):
        try:
            events.append(parse_event(obj))
        except PoliceFeedError as e:
            errors.append((index, str(e)))
    return events, errors


def latest_versions(events: list[PoliceEvent]) -> tuple[list[PoliceEvent], int]:
    """Every event once, in its newest version (the latest `datetime`; of equal ones the
    later in the file), in the order ids first appear; plus how many copies were dropped."""
    newest: dict[str, PoliceEvent] = {}
    for event in events:
        seen = newest.get(event.external_id)
        if seen is None or event.published_at >= seen.published_at:
            newest[event.external_id] = event
    return list(newest.values()), len(events) - len(newest)


def _folded(name: str) -> str:
    # The feed spells some municipalities "Upplands väsby", "Upplands-bro", "Dals-ed".
    text = unicodedata.normalize("NFC", name).casefold().replace("-", " ")
    return " ".join(text.split())


# The counties with a single municipality, whose county-level events ("…, Gotlands län")
# belong to it: Gotland is Sweden's only one (county 09, municipality 0980).
SINGLE_MUNICIPALITY_COUNTIES = {"gotlands län": "gotland"}


def _municipality_key(name: str) -> str:
    # Gotland's municipality calls itself "Region Gotland"; the feed says "Gotland".
    return _folded(name).removeprefix("region ")


def municipality_matches(event: PoliceEvent, municipality_name: str) -> bool:
    """True when the event's location or its `name` suffix is the municipality, ignoring
    case, hyphens and spacing (so county-level events ending ", Köping" are found); an
    event of a whole county belongs to the county's only municipality where it has one."""
    wanted = _municipality_key(municipality_name)
    if not wanted:
        return False
    for name in (event.location_name, event.place):
        folded = _folded(name)
        if wanted in (folded, SINGLE_MUNICIPALITY_COUNTIES.get(folded)):
            return True
    return False
