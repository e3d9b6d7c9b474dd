"""The public youth-activities page (issue 19) on the demo against the public start page,
measured side by side in one run, SQLite and PostgreSQL: the activities page unfiltered and
filtered by age and weekday, the parent-support calendar and its iCal feed, each as a ratio
of the start page's time (bench/_activities_worker.py, one process per database)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from bench.bench_intake import load_average
from bench.pg import pg_server
from bench.server import ROOT


def _measure(label: str, env: dict):
    var = tempfile.mkdtemp(prefix="trygg-bench-activities-")
    full_env = {
        **os.environ,
        "TRYGG_VAR_DIR": var,
        "TRYGG_ENV": "development",
        "TRYGG_DEBUG": "0",
        "TRYGG_ALLOWED_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "trygg.settings",
        **env,
    }
    before = load_average()
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv
            [sys.executable, "-m", "bench._activities_worker"],
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
    home = r["home_s"]
    parts = [
        f"{name} {r[f'{name}_s'] * 1000:,.1f} ms ({r[f'{name}_queries']} queries) = "
        f"{r[f'{name}_s'] / home:.2f}× start page"
        for name in ("activities", "filtered", "calendar", "ical")
    ]
    yield (
        f"{label}: public start page {home * 1000:,.1f} ms ({r['home_queries']} queries); "
        + "; ".join(parts)
        + f" (load average {before} → {load_average()})"
    )


def run(quick: bool = False):
    yield from _measure("SQLite (WAL)", {})
    if not quick:
        with pg_server() as pg:
            yield from _measure("PostgreSQL", {"TRYGG_DATABASE_URL": pg.url()})
