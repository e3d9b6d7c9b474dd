"""Offline basemap: PMTiles tile requests per second through the Range view against the same
bytes from a plain static file view, in the same run.

In process (bench/_basemap_worker.py, SQLite): Köping's demo basemap is built as the demo
loader builds it; every tile of the archive is then requested once per round as the map's
PMTiles reader asks for it (`Range: bytes=a-b` on the one file), and the same tile bytes as
one static file each (django.views.static.serve, as an XYZ folder would be served). Both go
through Django's whole middleware stack (sessions, CSRF, CSP, the municipality); no network.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from bench.bench_intake import load_average
from bench.server import ROOT


def run(quick: bool = False):
    rounds = 2 if quick else 10
    var = tempfile.mkdtemp(prefix="trygg-bench-basemap-")
    env = {**os.environ, "TRYGG_VAR_DIR": var, "TRYGG_ENV": "development", "TRYGG_DEBUG": "0"}
    before = load_average()
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv
            [sys.executable, "-m", "bench._basemap_worker", str(rounds)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(f"worker failed:\n{done.stderr[-3000:]}")
    finally:
        shutil.rmtree(var, ignore_errors=True)
    r = json.loads(done.stdout.strip().splitlines()[-1])
    ranged, static = r["requests"] / r["range_s"], r["requests"] / r["static_s"]
    yield (
        f"demo basemap: {r['tiles']:,} tiles, {r['bytes'] / 2**10:,.0f} KiB, built in "
        f"{r['build_s']:.1f} s (tippecanoe)"
    )
    yield (
        f"Range view {ranged:,.0f} tiles/s vs static file view {static:,.0f} tiles/s "
        f"({r['requests']:,} requests each) = {100 * ranged / static:.0f} % "
        f"(ratio {ranged / static:.2f}; load average {before} → {load_average()})"
    )
