"""Importing reports from CSV and Excel files: reading, column mapping and row validation.

Three steps, all pure: `read_table` turns the uploaded bytes into text cells, `suggest_mapping`
proposes which column holds which field, and `validate_rows` checks every row and returns
typed values or Swedish error messages. Nothing is stored here, so running the steps without
saving is the dry run. Row numbers are the ones a spreadsheet shows: the header is row 1.
"""

import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation

from trygg.locale_sv import STOCKHOLM

from .categories import SEED

# Larger files are split by the user rather than held in memory and shown as one long list.
MAX_ROWS = 50_000


class TabularError(ValueError):
    """The whole file cannot be used; the message is Swedish and shown to the user."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    required: bool
    help: str
    # Header names that suggest_mapping recognises (compared after normalising).
    aliases: tuple[str, ...] = ()
    max_length: int | None = None


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "external_id", "Extern id", True,
        "Radens id i ursprungssystemet; samma id importeras inte två gånger.",
        ("id", "extern id", "externt id", "external id", "ärende", "ärendenummer", "ärende id",
         "ärendenr", "löpnummer", "referens", "referensnummer", "nr"),
        max_length=100,
    ),
    FieldSpec(
        "occurred_at", "Datum", True,
        "När det hände: ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM, svensk tid.",
        ("datum", "tidpunkt", "datum och tid", "datum tid", "händelsedatum", "inträffade",
         "inträffat", "datum inträffat", "date", "datetime", "occurred at", "occurred",
         "timestamp", "tid"),
    ),
    FieldSpec(
        "occurred_time", "Klockslag", False,
        "Klockslaget (TT:MM) när datum och tid står i olika kolumner.",
        ("klockslag", "kl", "tid", "klockan", "time"),
    ),
    FieldSpec(
        "category", "Kategori", True,
        "Kategorins kod eller namn, t.ex. klotter eller Skadegörelse.",
        ("kategori", "category", "typ", "händelsetyp", "brottstyp", "ärendetyp", "type"),
    ),
    FieldSpec(
        "description", "Beskrivning", False, "Fritext om händelsen.",
        ("beskrivning", "description", "text", "händelse", "kommentar", "notering",
         "anteckning", "fritext"),
    ),
    FieldSpec(
        "lat", "Latitud", False, "WGS 84 i decimala grader, t.ex. 59,5140.",
        ("lat", "latitud", "latitude", "lat wgs84", "latitud wgs84"),
    ),
    FieldSpec(
        "lon", "Longitud", False, "WGS 84 i decimala grader, t.ex. 15,9926.",
        ("lon", "lng", "long", "longitud", "longitude", "lon wgs84", "longitud wgs84"),
    ),
    FieldSpec(
        "place_name", "Plats", False, "Adress eller platsens namn.",
        ("plats", "platsnamn", "adress", "place", "location", "gata", "område", "ort"),
        max_length=200,
    ),
    FieldSpec(
        "cost_sek", "Kostnad (kr)", False, "Uppskattad kostnad i kronor, t.ex. 1 500,50.",
        ("kostnad", "kostnad sek", "kostnad kr", "kostnad i kr", "kostnad i kronor",
         "skadekostnad", "belopp", "cost", "cost sek", "kr", "sek"),
    ),
    FieldSpec(
        "police_report_number", "Polisens diarienummer", False,
        "Polisanmälans nummer, t.ex. 5000-K123456-24.",
        ("diarienummer", "polisens diarienummer", "dnr", "polisanmälan", "anmälningsnummer",
         "k nummer", "polisens ärendenummer", "police report number"),
        max_length=40,
    ),
    FieldSpec(
        "people_count", "Antal personer", False, "Antal inblandade personer (heltal).",
        ("antal personer", "antal", "personer", "antal inblandade", "inblandade", "people",
         "people count"),
    ),
    FieldSpec(
        "youth_involved", "Unga inblandade", False, "ja, nej eller tomt.",
        ("unga inblandade", "ungdomar inblandade", "ungdomar", "ungdom", "unga", "youth",
         "youth involved"),
    ),
)  # fmt: skip
FIELD_BY_NAME = {f.name: f for f in FIELDS}


@dataclass(frozen=True)
class Table:
    headers: list[str]
    # Every data row (blank ones kept so numbering matches the spreadsheet), padded or cut
    # to the width of the header row.
    rows: list[list[str]]


@dataclass(frozen=True)
class RowOk:
    row_number: int
    values: dict


@dataclass(frozen=True)
class RowError:
    row_number: int
    field: str | None
    message: str


# --- reading ----------------------------------------------------------------------------


def read_table(raw: bytes, filename: str) -> Table:
    """The first sheet of an .xlsx file, or a CSV file (UTF-8 with or without BOM, UTF-16 or
    Windows-1252; separator `,`, `;` or tab), as text cells; raises TabularError otherwise."""
    if not raw:
        raise TabularError("Filen är tom.")
    name = filename.lower()
    if raw.startswith(b"PK\x03\x04"):
        if name.endswith(".ods"):
            raise TabularError(
                "OpenDocument-filer (.ods) stöds inte; spara filen som .xlsx eller CSV."
            )
        cells = _read_xlsx(raw)
    elif raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise TabularError("Gamla Excelfiler (.xls) stöds inte; spara filen som .xlsx eller CSV.")
    elif name.endswith((".xlsx", ".xlsm")):
        raise TabularError("Filen är inte en giltig Excelfil (.xlsx).")
    else:
        cells = _read_csv(raw)
    return _table(cells)


def _read_xlsx(raw: bytes) -> list[list[str]]:
    import openpyxl  # only needed for Excel files; keeps CSV-only callers light

    from trygg.core.uploads import UploadRejected, check_zip

    try:
        # Before openpyxl sees it: its shared strings are read whole into memory.
        check_zip(raw)
    except UploadRejected as exc:
        raise TabularError(str(exc)) from None
    rows: list[list[str]] = []
    try:
        # data_only: a formula's last computed value, which is what the user sees.
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:
        # openpyxl signals a damaged file with whatever zipfile, XML or its own code raised.
        raise TabularError("Excelfilen kunde inte läsas; den kan vara skadad.") from None
    try:
        if not workbook.worksheets:
            raise TabularError("Excelfilen har inga blad.")
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in values])
            if len(rows) > MAX_ROWS + 1:
                raise TabularError(f"Filen har fler än {MAX_ROWS} rader; dela upp den.")
    except TabularError:
        raise
    except Exception:
        raise TabularError("Excelfilen kunde inte läsas; den kan vara skadad.") from None
    finally:
        workbook.close()
    return rows


def _cell_text(value) -> str:
    """An Excel cell as the text a user would type for it (dates as ISO 8601)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, float):
        # Excel stores every number as a float; an id typed as 17 must come back as "17".
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export.
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        try:
            # What Excel on Swedish Windows writes for "CSV (semikolonavgränsad)".
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise TabularError("Filens teckenkodning känns inte igen; spara den som CSV UTF-8.")


_SEP_LINE = re.compile(r'"?sep=(.)"?')


def _read_csv(raw: bytes) -> list[list[str]]:
    text = _decode(raw)
    if "\x00" in text:
        raise TabularError("Filen verkar inte vara en textfil; välj en CSV- eller .xlsx-fil.")
    first, _, rest = text.partition("\n")
    hint = _SEP_LINE.fullmatch(first.strip())
    if hint:
        # Excel's own hint line; Excel does not show it as a row, so neither do we.
        delimiter, text = hint.group(1), rest
    else:
        delimiter = _sniff_delimiter(text)
    try:
        rows = []
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise TabularError(f"Filen har fler än {MAX_ROWS} rader; dela upp den.")
    except csv.Error as e:
        raise TabularError(f"CSV-filen kunde inte läsas: {e}.") from None
    return rows


def _sniff_delimiter(text: str) -> str:
    """The candidate that splits the first lines into the same number (> 1) of columns most
    consistently; ties go to the wider split, then to `;` (Swedish Excel's choice)."""
    sample = "\n".join(text.splitlines()[:50])
    best, best_score = ",", (0.0, 0)
    for delimiter in (";", ",", "\t"):
        try:
            rows = [
                r
                for r in csv.reader(io.StringIO(sample), delimiter=delimiter)
                if any(c.strip() for c in r)
            ]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(len(r) == width for r in rows) / len(rows), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _table(cells: list[list[str]]) -> Table:
    while cells and not any(c.strip() for c in cells[-1]):
        cells.pop()
    if not cells:
        raise TabularError("Filen är tom.")
    header_cells = [c.replace("\ufeff", "").strip() for c in cells[0]]
    if not any(header_cells):
        raise TabularError("Första raden måste innehålla kolumnrubriker.")
    # Formatted but empty columns to the right of the data are common in spreadsheets.
    width = max(i for i, h in enumerate(header_cells) if h) + 1
    headers: list[str] = []
    for i, header in enumerate(header_cells[:width]):
        header = header or f"Kolumn {i + 1}"
        unique, n = header, 2
        while unique in headers:
            unique, n = f"{header} ({n})", n + 1
        headers.append(unique)
    rows = [(row + [""] * width)[:width] for row in cells[1:]]
    if len(rows) > MAX_ROWS:
        raise TabularError(f"Filen har fler än {MAX_ROWS} rader; dela upp den.")
    return Table(headers=headers, rows=rows)


# --- mapping ----------------------------------------------------------------------------

_ASCII = str.maketrans("åäöéü", "aaoeu")


def _normalise_header(header: str) -> str:
    text = unicodedata.normalize("NFC", header).casefold().translate(_ASCII)
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())


def suggest_mapping(headers: Iterable[str]) -> dict[str, str]:
    """A proposed field → header mapping: each header used at most once, exact matches of
    known Swedish and English names first, then headers that begin with such a name."""
    headers = list(headers)
    normalised = [_normalise_header(h) for h in headers]
    mapping: dict[str, str] = {}
    used: set[int] = set()

    def take(field_name: str, predicate) -> None:
        if field_name in mapping:
            return
        spec = FIELD_BY_NAME[field_name]
        aliases = [_normalise_header(a) for a in (*spec.aliases, spec.name, spec.label)]
        # Aliases are tried in order of preference, so "datum" beats "tid" for the date.
        for alias in aliases:
            for i, header in enumerate(normalised):
                if i not in used and header and predicate(header, alias):
                    mapping[field_name] = headers[i]
                    used.add(i)
                    return

    exact = lambda header, alias: header == alias  # noqa: E731
    prefix = lambda header, alias: len(alias) >= 4 and header.startswith(alias + " ")  # noqa: E731
    for predicate in (exact, prefix):
        for spec in FIELDS:
            take(spec.name, predicate)
    return mapping


# --- validation -------------------------------------------------------------------------


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
        moment = datetime.combine(day_value, clock, tzinfo=STOCKHOLM)
    return moment, hour is not None


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
    text = re.sub(r"[ \u00a0\u2009\u202f]", "", text)
    if "," in text and "." in text:
        raise ValueError
    text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(?:\.\d+)?", text):
        raise ValueError
    return Decimal(text)


def _parse_cost(value: str) -> Decimal:
    text = re.sub(r"(?i)\s*(?:kr\.?|sek|:-)$", "", value)
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
    if not re.fullmatch(r"[+-]?\d+(?:\.\d+)?", text):
        raise _Invalid(f"{label.lower()} '{_shown(value)}' är inte ett decimaltal.")
    number = float(text)
    if not -limit <= number <= limit:
        raise _Invalid(
            f"{label.lower()} '{_shown(value)}' ligger utanför −{limit}…{limit}; koordinaterna "
            "ska anges i WGS 84 med decimala grader."
        )
    return number


def _parse_count(value: str) -> int:
    text = re.sub(r"[ \u00a0\u2009\u202f]", "", value).replace("\u2212", "-")
    if re.fullmatch(r"-\d+", text):
        raise _Invalid(f"antalet personer '{_shown(value)}' får inte vara negativt.")
    if not re.fullmatch(r"\+?\d+", text):
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


def _columns(table: Table, mapping: dict[str, str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for field_name, header in mapping.items():
        if field_name not in FIELD_BY_NAME:
            raise TabularError(f"Okänt fält '{field_name}' i kolumnvalet.")
        if not header:
            continue  # forms send "" for "no column"
        if header not in table.headers:
            raise TabularError(f"Kolumnen '{header}' finns inte i filen.")
        columns[field_name] = table.headers.index(header)
    missing = [f.label for f in FIELDS if f.required and f.name not in columns]
    if missing:
        raise TabularError(
            "Välj en kolumn för de obligatoriska fälten: " + ", ".join(missing) + "."
        )
    if ("lat" in columns) != ("lon" in columns):
        raise TabularError("Latitud och longitud måste väljas tillsammans.")
    return columns


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
            moment = datetime.combine(moment.date(), clock, tzinfo=STOCKHOLM)
        if moment > now:
            raise _Invalid(f"datumet '{_shown(raw)}' ligger i framtiden.")
    except _Invalid as e:
        e.field = e.field or "occurred_at"
        problems.append(e)
        return
    values["occurred_at"] = moment


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
