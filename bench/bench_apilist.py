"""API list of 1,000 reports (GET /api/reports?limit=1000) against the same SQL on a bare
cursor, SQLite and PostgreSQL.

In process: Django's test Client with DEBUG off, no HTTP (bench/_apilist_worker.py, one
process per database, on the demo municipality with Köping's real areas). The reference is
exactly the statements the call ran, captured with CaptureQueriesContext and replayed with
execute + fetchall on the driver's cursor. Goal: ≤ 3×.
"""

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
    var = tempfile.mkdtemp(prefix="trygg-bench-apilist-")
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
            [sys.executable, "-m", "bench._apilist_worker"],
            cwd=ROOT,
            env=full_env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(f"worker failed:\n{done.stderr[-3000:]}")
        out = done.stdout
    finally:
        shutil.rmtree(var, ignore_errors=True)
    r = json.loads(out.strip().splitlines()[-1])
    yield (
        f"{label}: API {r['api_s'] * 1000:,.1f} ms against its SQL on a bare cursor "
        f"{r['sql_s'] * 1000:,.1f} ms ({r['statements']} statements, {r['rows']:,} rows) = "
        f"{r['api_s'] / r['sql_s']:.1f}× (goal ≤ 3×); response {r['bytes'] / 1024:,.0f} KiB "
        f"for {r['items']:,} reports (load average {before} → {load_average()})"
    )
    for seconds, sql in r["slowest"]:
        yield f"  {seconds * 1000:7.2f} ms  {sql}"


def run(quick: bool = False):
    # Always full size: 1,000 reports is the point, and the demo loads in seconds.
    yield from _measure("SQLite (WAL)", {})
    with pg_server() as pg:
        yield from _measure("PostgreSQL", {"TRYGG_DATABASE_URL": pg.url()})
