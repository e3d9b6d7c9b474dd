"""Run by bench_basemap in its own process (SQLite in a scratch TRYGG_VAR_DIR). Builds the
demo basemap for Köping, lists every tile's byte range in the archive, writes the same tile
bytes as static files z/x/y.mvt, then times, through Django's full middleware stack
(django.test.Client, in process, no network):

- the Range view: GET /omraden/bakgrundskarta/koping/<etag>.pmtiles with `Range: bytes=a-b`
  for each tile, as the map's PMTiles reader asks;
- the reference: the same bytes from django.views.static.serve (a plain static file view
  over one file per tile, as an XYZ tile folder is served).

Prints one JSON line with the figures last."""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench._basemap_settings"
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django_scopes import scope  # noqa: E402
from pmtiles.reader import all_tiles  # noqa: E402

from trygg.core.models import Municipality  # noqa: E402
from trygg.demo.basemap import load_demo_basemap  # noqa: E402
from trygg.geo.basemap import basemap_file, basemap_get  # noqa: E402


def main(rounds: int) -> None:
    call_command("migrate", verbosity=0)
    koping = Municipality.objects.create(
        name="Köping", kommunkod="1983", county_code="19", slug="koping"
    )
    started = time.perf_counter()
    load_demo_basemap(koping)
    build_s = time.perf_counter() - started
    with scope(municipality=koping):
        basemap = basemap_get(koping)
    data = basemap_file(basemap).read_bytes()
    calls = []

    def get_bytes(offset, length):
        calls.append((offset, length))
        return data[offset : offset + length]

    folder = Path(os.environ["BENCH_TILE_DIR"])
    tiles = []
    for (z, x, y), tile in all_tiles(get_bytes):
        offset, length = calls[-1]  # the read that returned this tile
        path = folder / str(z) / str(x) / f"{y}.mvt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(tile)
        tiles.append((f"bytes={offset}-{offset + length - 1}", f"/bench/tiles/{z}/{x}/{y}.mvt"))
    client = Client()
    url = f"/omraden/bakgrundskarta/koping/{basemap.offline_etag}.pmtiles"
    # A check that both serve the same bytes, outside the timing.
    for header, static in tiles[:20]:
        ranged = client.get(url, HTTP_RANGE=header)
        plain = client.get(static)
        assert ranged.status_code == 206, ranged.status_code
        assert ranged.content == b"".join(plain.streaming_content)
    timings = {"range": 0.0, "static": 0.0}
    for _ in range(rounds):  # interleaved, so a load spike hits both
        t = time.perf_counter()
        for header, _static in tiles:
            client.get(url, HTTP_RANGE=header).content  # noqa: B018
        timings["range"] += time.perf_counter() - t
        t = time.perf_counter()
        for _header, static in tiles:
            b"".join(client.get(static).streaming_content)
        timings["static"] += time.perf_counter() - t
    n = len(tiles) * rounds
    print(json.dumps({"tiles": len(tiles), "requests": n, "bytes": len(data),
                      "build_s": build_s, **{f"{k}_s": v for k, v in timings.items()}}))  # noqa: T201  # fmt: skip


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tile_dir:
        os.environ["BENCH_TILE_DIR"] = tile_dir
        main(int(sys.argv[1]))
