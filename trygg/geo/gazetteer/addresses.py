"""Reading an address register: a CSV as Lantmäteriet delivers address points (street,
number, letter, postcode, town and SWEREF 99 TM or WGS 84 coordinates) or OpenStreetMap
`addr:*` points as GeoJSON. Pure functions: bytes in, rows out; a file with any bad row is
refused whole, with the first problems named in Swedish."""

import csv
import io
import json
import re
from dataclasses import dataclass

from pyproj import Transformer

from ..geojson import SWEDEN_BOUNDS, SWEREF99TM, WGS84, GeoJSONError, crs_from_name
from .text import normalise

MAX_ROWS = 500_000
MAX_PROBLEMS = 20
_to_wgs84 = Transformer.from_crs(SWEREF99TM, WGS84, always_xy=True)
_NUMBER = re.compile(r"^\s*(\d{1,4})\s*([A-Za-zÅÄÖåäö]?)\s*$")
_POSTCODE = re.compile(r"^\d{3}\s?\d{2}$")

# Header names per column, compared normalised (case, spacing and punctuation ignored).
HEADERS = {
    "street": ("gata", "gatunamn", "gatuadress", "adressomrade", "adressområde", "street"),
    "number": ("nummer", "gatunummer", "husnummer", "adressplatsnummer", "number", "nr"),
    "letter": ("bokstav", "bokstavstillagg", "bokstavstillägg", "littera", "letter"),
    "postcode": ("postnummer", "postnr", "postcode"),
    "town": ("postort", "ort", "town", "city"),
    "lat": ("lat", "latitud", "latitude", "wgs84 lat"),
    "lon": ("lon", "lng", "longitud", "longitude", "wgs84 lon"),
    "north": ("n", "nord", "northing", "sweref99tm n", "sweref 99 tm n", "n sweref99tm"),
    "east": ("e", "ost", "öst", "easting", "sweref99tm e", "sweref 99 tm e", "e sweref99tm"),
    "x": ("x",),
    "y": ("y",),
}


class AddressFileError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class AddressRow:
    street: str
    number: str
    letter: str
    postcode: str
    town: str
    lat: float
    lon: float


@dataclass(frozen=True)
class ParsedAddresses:
    crs: str
    rows: list[AddressRow]
    duplicates: int


def _decode(raw: bytes | str) -> str:
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older exports from Swedish systems are Windows-1252; a file that is neither fails
        # on its first bad row instead of importing mojibake.
        return raw.decode("cp1252", errors="strict")


def _columns(headers: list[str]) -> dict[str, int]:
    wanted = {normalise(name): key for key, names in HEADERS.items() for name in names}
    found: dict[str, int] = {}
    for i, header in enumerate(headers):
        key = wanted.get(normalise(header))
        if key is not None and key not in found:
            found[key] = i
    return found


def _csv_crs(cols: dict[str, int], crs: str | None) -> str:
    if crs is None:
        if "lat" in cols and "lon" in cols:
            return WGS84
        if ("north" in cols and "east" in cols) or ("x" in cols and "y" in cols):
            return SWEREF99TM
        raise AddressFileError(
            [
                "Filen saknar koordinatkolumner: ange lat och lon (WGS 84) eller N och E "
                "(SWEREF 99 TM) i rubrikraden."
            ]
        )
    return crs


def _number(value: str, letter: str) -> tuple[str, str] | None:
    match = _NUMBER.match(value or "")
    if match is None:
        return None
    digits, own_letter = match.groups()
    letter = (letter or "").strip() or own_letter
    if len(letter) > 1:
        return None
    return digits.lstrip("0") or "0", letter.upper()


def _point(crs: str, a: str, b: str) -> tuple[float, float] | None:
    """(lat, lon) from the two coordinate cells (lat/lon, or N/E in SWEREF 99 TM)."""
    try:
        first, second = float(a.replace(",", ".")), float(b.replace(",", "."))
    except ValueError:
        return None
    if crs == SWEREF99TM:
        # Swedish surveyors call the northing X and the easting Y; either way a northing in
        # Sweden is above 6 million and an easting below 1 million, so the larger is north.
        north, east = max(first, second), min(first, second)
        lon, lat = _to_wgs84.transform(east, north)
    else:
        lat, lon = first, second
    min_lon, min_lat, max_lon, max_lat = SWEDEN_BOUNDS
    if not (min_lat <= lat <= max_lat and min_lon <= lon <= max_lon):
        return None
    return round(lat, 7), round(lon, 7)


def parse_csv(raw: bytes | str, *, crs: str | None = None) -> ParsedAddresses:
    """Every row of the CSV as an address, or AddressFileError for the whole file. `crs`
    overrides what the headers say (EPSG:3006 or EPSG:4326)."""
    try:
        text = _decode(raw)
    except UnicodeDecodeError:
        raise AddressFileError(["Filen är inte text i UTF-8 eller Windows-1252."]) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    if "\t" in sample.partition("\n")[0]:
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    headers = next(reader, None)
    if not headers:
        raise AddressFileError(["Filen är tom."])
    cols = _columns(headers)
    missing = [
        label for key, label in (("street", "gata"), ("number", "nummer")) if key not in cols
    ]
    if missing:
        raise AddressFileError([f"Kolumnen för {' och '.join(missing)} saknas i rubrikraden."])
    crs = _csv_crs(cols, crs)
    if crs == WGS84:
        if "lat" not in cols or "lon" not in cols:
            raise AddressFileError(["WGS 84 kräver kolumnerna lat och lon."])
        coord_cols = (cols["lat"], cols["lon"])
    else:
        pair = ("north", "east") if "north" in cols and "east" in cols else ("x", "y")
        if pair[0] not in cols or pair[1] not in cols:
            raise AddressFileError(["SWEREF 99 TM kräver kolumnerna N och E (eller X och Y)."])
        coord_cols = (cols[pair[0]], cols[pair[1]])

    def cell(row, key):
        i = cols.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    items = []
    for line, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue
        values = {
            "street": cell(row, "street"),
            "number": cell(row, "number"),
            "letter": cell(row, "letter"),
            "postcode": cell(row, "postcode"),
            "town": cell(row, "town"),
            "a": row[coord_cols[0]] if coord_cols[0] < len(row) else "",
            "b": row[coord_cols[1]] if coord_cols[1] < len(row) else "",
        }
        items.append((f"Rad {line}", values))
    return _rows(items, crs)


def parse_geojson(raw: bytes | str) -> ParsedAddresses:
    """OpenStreetMap address points (`addr:street`, `addr:housenumber`, `addr:postcode`,
    `addr:city`) as addresses; a point without a street or number is a problem of the file,
    as in the CSV, so nothing is imported half."""
    try:
        data = json.loads(_decode(raw))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AddressFileError([f"Filen är inte giltig GeoJSON: {exc}"]) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise AddressFileError(["Filen ska vara en GeoJSON FeatureCollection med punkter."])
    crs = WGS84
    name = ((data.get("crs") or {}).get("properties") or {}).get("name")
    if name:
        try:
            crs = crs_from_name(name)
        except GeoJSONError as exc:
            raise AddressFileError(exc.problems) from None
    items = []
    for i, feature in enumerate(data.get("features") or [], start=1):
        label = f"Objekt {i}"
        geometry = (feature or {}).get("geometry") or {}
        props = (feature or {}).get("properties") or {}
        coords = geometry.get("coordinates") if geometry.get("type") == "Point" else None
        if not isinstance(coords, list) or len(coords) < 2:
            items.append((label, {"error": "är ingen punkt."}))
            continue
        x, y = str(coords[0]), str(coords[1])
        items.append(
            (
                label,
                {
                    "street": str(props.get("addr:street") or "").strip(),
                    "number": str(props.get("addr:housenumber") or "").strip(),
                    "letter": "",
                    "postcode": str(props.get("addr:postcode") or "").strip(),
                    "town": str(props.get("addr:city") or "").strip(),
                    # GeoJSON is x (lon/east) first; the CSV path takes lat/north first.
                    "a": y,
                    "b": x,
                },
            )
        )
    return _rows(items, crs)


def _rows(items, crs) -> ParsedAddresses:
    if not items:
        raise AddressFileError(["Filen har inga adresser."])
    if len(items) > MAX_ROWS:
        raise AddressFileError([f"Filen har fler än {MAX_ROWS:,} adresser.".replace(",", " ")])
    problems: list[str] = []
    rows: list[AddressRow] = []
    seen: set[tuple] = set()
    duplicates = 0

    def problem(text):
        if len(problems) < MAX_PROBLEMS:
            problems.append(text)

    for label, v in items:
        if "error" in v:
            problem(f"{label} {v['error']}")
            continue
        if not v["street"]:
            problem(f"{label}: gatunamnet saknas.")
            continue
        number = _number(v["number"], v["letter"])
        if number is None:
            problem(f"{label}: ”{v['number']}” är inget husnummer (t.ex. 3 eller 3B).")
            continue
        if v["postcode"] and not _POSTCODE.match(v["postcode"]):
            problem(f"{label}: ”{v['postcode']}” är inget postnummer (fem siffror).")
            continue
        point = _point(crs, v["a"], v["b"])
        if point is None:
            problem(f"{label}: koordinaterna saknas eller ligger utanför Sverige.")
            continue
        key = (normalise(v["street"]), *number, normalise(v["town"]))
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        rows.append(
            AddressRow(
                street=v["street"][:200],
                number=number[0],
                letter=number[1],
                postcode=v["postcode"].replace(" ", ""),
                town=v["town"][:100],
                lat=point[0],
                lon=point[1],
            )
        )
    if problems:
        total = sum(1 for _label, v in items) - len(rows) - duplicates
        more = total - len(problems)
        if more > 0:
            problems.append(f"… och {more} rader till med fel.")
        raise AddressFileError(["Filen importerades inte. Rätta felen och försök igen.", *problems])
    return ParsedAddresses(crs=crs, rows=rows, duplicates=duplicates)
