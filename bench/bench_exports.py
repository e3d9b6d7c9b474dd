"""CSV and XLSX export of 100,000 reports against `csv.writer` writing the same rows from a
bare cursor in the same run, SQLite and PostgreSQL.

In process (bench/_exports_worker.py, one process per database): the demo municipality's
reports copied with their areas up to the size, exported as an analyst (redacted text, all
22 columns, the areas' names aggregated in the one query). The reference runs the export's
own SELECT, so the ratio is what Trygg's row building costs over reading and writing the
same rows. Goal: CSV ≥ 50 % of the reference's rows per second.
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


def _measure(label: str, n: int, env: dict):
    var = tempfile.mkdtemp(prefix="trygg-bench-exports-")
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
            [sys.executable, "-m", "bench._exports_worker", str(n)],
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
    ref, csv_, xlsx = (r["rows"] / r[k] for k in ("ref_s", "csv_s", "xlsx_s"))
    yield (
        f"{label}: {r['rows']:,} reports — CSV {csv_:,.0f} rows/s ({r['csv_s']:.2f} s, "
        f"{r['csv_bytes'] / 2**20:,.1f} MiB) = {100 * csv_ / ref:.0f} % of csv.writer on a bare "
        f"cursor {ref:,.0f} rows/s (goal ≥ 50 %); XLSX {xlsx:,.0f} rows/s ({r['xlsx_s']:.2f} s) "
        f"= {100 * xlsx / ref:.0f} % (load average {before} → {load_average()})"
    )


def run(quick: bool = False):
    n = 10_000 if quick else 100_000
    yield from _measure("SQLite (WAL)", n, {})
    with pg_server() as pg:
        yield from _measure("PostgreSQL", n, {"TRYGG_DATABASE_URL": pg.url()})
