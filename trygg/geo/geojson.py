"""Reading area polygons from GeoJSON in WGS 84 or SWEREF 99 TM, with Swedish errors.

Pure functions: bytes in, validated WGS 84 shapely geometries out. Nothing is stored here.
"""

import json
from dataclasses import dataclass, field

import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.validation import explain_validity

WGS84 = "EPSG:4326"
SWEREF99TM = "EPSG:3006"

_CRS_NAMES = {
    "urn:ogc:def:crs:ogc:1.3:crs84": WGS84,
    "urn:ogc:def:crs:ogc::crs84": WGS84,
    "crs84": WGS84,
    "epsg:4326": WGS84,
    "urn:ogc:def:crs:epsg::4326": WGS84,
    "urn:ogc:def:crs:epsg:6.6:4326": WGS84,
    "epsg:3006": SWEREF99TM,
    "urn:ogc:def:crs:epsg::3006": SWEREF99TM,
    "urn:ogc:def:crs:epsg:6.6:3006": SWEREF99TM,
}

# Sweden's extent with a margin for the sea border (lon/lat).
SWEDEN_BOUNDS = (10.0, 55.0, 24.5, 69.2)

NAME_KEYS = ("name", "namn", "regso", "tatort", "Namn", "Label", "kommunnamn", "kom_namn", "deso")
CODE_KEYS = ("code", "kod", "deso", "desokod", "regsokod", "kommunkod", "id")

_transformer = Transformer.from_crs(SWEREF99TM, WGS84, always_xy=True)


class GeoJSONError(ValueError):
    """A problem with the whole file or with named features; `problems` lists each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class ParsedArea:
    name: str
    code: str
    geometry: Polygon | MultiPolygon
    properties: dict = field(default_factory=dict)

    @property
    def geojson(self) -> dict:
        return mapping(self.geometry)


@dataclass
class ParsedFile:
    crs: str
    areas: list[ParsedArea]


def crs_from_name(name: str) -> str:
    found = _CRS_NAMES.get(name.strip().lower())
    if found is None:
        raise GeoJSONError(
            [
                f"Okänt koordinatsystem: {name}. Trygg läser WGS 84 (EPSG:4326) och "
                "SWEREF 99 TM (EPSG:3006)."
            ]
        )
    return found


def parse(
    raw: bytes | str,
    *,
    crs: str | None = None,
    name_property: str = "",
    code_property: str = "",
) -> ParsedFile:
    """Parses a FeatureCollection, a Feature or a bare (Multi)Polygon.

    The CRS is, in order: the `crs` argument, the file's `crs` member, or (RFC 7946) WGS 84 —
    except that coordinates far outside lon/lat ranges are read as SWEREF 99 TM.
    """
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise GeoJSONError([f"Filen är inte giltig JSON ({exc})."]) from None
    if not isinstance(doc, dict) or "type" not in doc:
        raise GeoJSONError(["Filen är inte GeoJSON: ett objekt med fältet 'type' saknas."])

    if crs is None:
        member = doc.get("crs")
        if member is not None:
            name = (
                (member.get("properties") or {}).get("name") if isinstance(member, dict) else None
            )
            if not isinstance(name, str):
                raise GeoJSONError(["Fältet 'crs' saknar ett namn på koordinatsystemet."])
            crs = crs_from_name(name)

    features = _features(doc)
    if not features:
        raise GeoJSONError(["Filen innehåller inga objekt med geometri."])

    problems: list[str] = []
    areas: list[ParsedArea] = []
    detected = crs
    for index, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        name = _pick(props, name_property, NAME_KEYS) or f"Område {index}"
        label = f"Objekt {index} ({name})"
        try:
            geometry = shape(feature.get("geometry") or {})
        except Exception:  # noqa: BLE001 - shapely raises many types for malformed input
            problems.append(f"{label}: geometrin kan inte läsas.")
            continue
        if not isinstance(geometry, Polygon | MultiPolygon):
            problems.append(
                f"{label}: geometrin är av typen {geometry.geom_type}; bara Polygon och "
                "MultiPolygon kan bli områden."
            )
            continue
        if geometry.is_empty:
            problems.append(f"{label}: geometrin är tom.")
            continue
        if not geometry.is_valid:
            problems.append(f"{label}: ogiltig geometri ({explain_validity(geometry)}).")
            continue
        this_crs = detected or _guess_crs(geometry)
        detected = detected or this_crs
        if this_crs == SWEREF99TM:
            geometry = shapely.transform(geometry, _to_wgs84, interleaved=False)
        problem = _outside_sweden(geometry)
        if problem:
            problems.append(f"{label}: {problem}")
            continue
        code = _pick(props, code_property, CODE_KEYS)
        areas.append(
            ParsedArea(name=name[:200], code=code[:20], geometry=geometry, properties=props)
        )
    if problems:
        raise GeoJSONError(problems)
    return ParsedFile(crs=detected or WGS84, areas=areas)


def _to_wgs84(x, y):
    return _transformer.transform(x, y)


def _features(doc: dict) -> list[dict]:
    kind = doc.get("type")
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise GeoJSONError(["FeatureCollection saknar listan 'features'."])
        return [f for f in features if isinstance(f, dict)]
    if kind == "Feature":
        return [doc]
    if kind in ("Polygon", "MultiPolygon"):
        return [{"type": "Feature", "properties": {}, "geometry": doc}]
    raise GeoJSONError([f"GeoJSON-typen {kind!r} kan inte importeras som områden."])


def _pick(props: dict, explicit: str, keys: tuple[str, ...]) -> str:
    if explicit:
        value = props.get(explicit)
        return "" if value is None else str(value).strip()
    for key in keys:
        value = props.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _guess_crs(geometry) -> str:
    min_x, min_y, max_x, max_y = geometry.bounds
    if -180 <= min_x and max_x <= 180 and -90 <= min_y and max_y <= 90:
        return WGS84
    # SWEREF 99 TM covers Sweden with eastings 200 000–1 000 000 m, northings 6.1–7.7 million m.
    if 100_000 <= min_x and max_x <= 1_100_000 and 6_000_000 <= min_y and max_y <= 7_800_000:
        return SWEREF99TM
    raise GeoJSONError(
        [
            "Koordinaterna är varken longitud/latitud (WGS 84) eller SWEREF 99 TM. Ange "
            "koordinatsystemet i filens 'crs'-fält."
        ]
    )


def _outside_sweden(geometry) -> str:
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    s_min_lon, s_min_lat, s_max_lon, s_max_lat = SWEDEN_BOUNDS
    if min_lon < s_min_lon or max_lon > s_max_lon or min_lat < s_min_lat or max_lat > s_max_lat:
        return (
            "området ligger utanför Sverige. Kontrollera koordinatsystemet och att "
            "koordinaterna står i ordningen longitud, latitud."
        )
    return ""
