"""The samordnare's start page (every dashboard panel) on the demo against /healthz and
against the page's own SQL on a bare cursor, SQLite and PostgreSQL.

In process: Django's test Client with DEBUG off, no HTTP (bench/_start_worker.py, one process
per database, on the demo municipality). Two references in the same run: the smallest view
(/healthz), and exactly the statements the start page ran, captured and replayed with
execute + fetchall on the driver's cursor (what the database alone costs).
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
    var = tempfile.mkdtemp(prefix="trygg-bench-start-")
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
            [sys.executable, "-m", "bench._start_worker"],
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
        f"{label}: start page {r['start_s'] * 1000:,.1f} ms ({r['panels']} panels, "
        f"{r['statements']} queries, {r['bytes'] / 1024:,.0f} KiB) = "
        f"{r['start_s'] / r['healthz_s']:.1f}× /healthz ({r['healthz_s'] * 1000:,.1f} ms) and "
        f"{r['start_s'] / r['sql_s']:.1f}× its own SQL on a bare cursor "
        f"({r['sql_s'] * 1000:,.1f} ms) (load average {before} → {load_average()})"
    )


def run(quick: bool = False):
    # Always the demo's size: the start page is what one municipality sees.
    yield from _measure("SQLite (WAL)", {})
    with pg_server() as pg:
        yield from _measure("PostgreSQL", {"TRYGG_DATABASE_URL": pg.url()})
