"""The welfare register's aggregates (issue 20): `year_aggregates` — counts, kronor, the
median days to police report, the share of high-risk regelverk analysed and the overdue
controls, six queries — against a bare COUNT of the same year's cases, side by side in one
run on SQLite and PostgreSQL, at a municipality's size (200 cases a year) and at 20,000.

Each size in its own process on a scratch database (bench/_welfare_worker.py)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from bench.bench_intake import load_average
from bench.pg import pg_server
from bench.server import ROOT


def _measure(label: str, env: dict, n: int):
    var = tempfile.mkdtemp(prefix="trygg-bench-welfare-")
    full_env = {
        **os.environ,
        "TRYGG_VAR_DIR": var,
        "TRYGG_ENV": "development",
        "TRYGG_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "trygg.settings",
        **env,
    }
    before = load_average()
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv
            [sys.executable, "-m", "bench._welfare_worker", str(n)],
            cwd=ROOT,
            env=full_env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(f"worker failed:\n{done.stderr[-3000:]}")
    finally:
        shutil.rmtree(var, ignore_errors=True)
    r = json.loads(done.stdout.strip().splitlines()[-1])
    yield (
        f"{label}, {n:,} cases: aggregates {r['aggregates_s'] * 1000:,.2f} ms = "
        f"{r['aggregates_s'] / r['count_s']:.1f}× a bare count ({r['count_s'] * 1000:,.2f} ms) "
        f"(load average {before} → {load_average()})"
    )


def run(quick: bool = False):
    sizes = (200,) if quick else (200, 20_000)
    for n in sizes:
        yield from _measure("SQLite", {}, n)
    for n in sizes:
        # A fresh server per size: each worker migrates and fills an empty database.
        with pg_server() as pg:
            yield from _measure("PostgreSQL", {"TRYGG_DATABASE_URL": pg.url()}, n)
