"""Copies the demo basemap's layers, clipped to Köping and its surroundings, from
../shared/data into trygg/demo/data/basemap/ (see SOURCES.md there). Run once by a developer
when the shared data changes; the demo loader reads only the copies.

    .venv/bin/python scripts/demo_basemap_layers.py
"""

import csv
import json
import logging
from pathlib import Path

from shapely.geometry import box, mapping, shape

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "trygg" / "demo" / "data" / "basemap"
# Köping's boundary (15.70–16.26 E, 59.36–59.72 N) and about 10 km around it.
AREA = box(15.52, 59.27, 16.44, 59.81)
log = logging.getLogger("demo_basemap_layers")


def _rounded(geometry, places=5):
    def walk(c):
        return (
            [round(c[0], places), round(c[1], places)]
            if isinstance(c[0], float)
            else [walk(x) for x in c]
        )

    g = mapping(geometry)
    return {"type": g["type"], "coordinates": walk(json.loads(json.dumps(g["coordinates"])))}


def polygons(source, name_of, keep=lambda p: True, extra=lambda p: {}, simplify=0.0):
    features = []
    for f in json.loads((SHARED / "geo" / source).read_text())["features"]:
        props = f["properties"]
        geom = shape(f["geometry"])
        if not keep(props) or not geom.intersects(AREA):
            continue
        clipped = geom.intersection(AREA)
        if simplify:
            clipped = clipped.simplify(simplify, preserve_topology=True)
        name = name_of(props)
        props_out = {**({"name": name} if name else {}), **extra(props)}
        features.append({"type": "Feature", "geometry": _rounded(clipped), "properties": props_out})
    return features


def points(source, name_field, extra=lambda r: {}):
    features = []
    with (SHARED / "ref" / source).open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lat, lon = float(row["lat"]), float(row["lon"])
            if AREA.contains(shape({"type": "Point", "coordinates": [lon, lat]})):
                point = {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
                props = {"name": row[name_field], **extra(row)}
                features.append({"type": "Feature", "geometry": point, "properties": props})
    return features


LAYERS = {
    "kommuner": lambda: polygons(
        "kommuner-vastmanland-from-deso.geojson", lambda p: p["kommunnamn"], simplify=0.0003
    ),
    "tatorter": lambda: polygons(
        "tatorter-vastmanland.geojson",
        lambda p: p["tatort"],
        extra=lambda p: {"befolkning": int(p["befolkning_2023"] or 0)},
        simplify=0.0001,
    ),
    "regso": lambda: polygons(
        "regso-koping.geojson",
        lambda p: p["regso"],
        extra=lambda p: {"kod": p["regsokod"]},
        simplify=0.0001,
    ),
    "deso": lambda: polygons("deso-koping.geojson", lambda p: p["deso"], simplify=0.0001),
    "rutor": lambda: polygons(
        "befolkning-1km-rutor-vastmanland-2024.geojson",
        lambda p: "",
        extra=lambda p: {"befolkning": int(p["befolkning"])},
    ),
    "kommundelar": lambda: polygons(
        "kommundelar-lhu-vastmanland.geojson",
        lambda p: p["Namn"],
        keep=lambda p: p["Namn"].startswith("Köping"),
        simplify=0.0002,
    ),
    "orter": lambda: points("orter-vastmanland-2023.csv", "namn", lambda r: {"kind": r["typ"]}),
    "vardcentraler": lambda: points("vardcentraler-vastmanland.csv", "namn"),
}

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    OUT.mkdir(parents=True, exist_ok=True)
    for layer, build in LAYERS.items():
        features = build()
        (OUT / f"{layer}.geojson").write_text(
            json.dumps(
                {"type": "FeatureCollection", "features": features},
                ensure_ascii=False,
                separators=(",", ":"),
            )
            + "\n",
            encoding="utf-8",  # fmt: skip
        )
        log.info("%s: %d features", layer, len(features))
