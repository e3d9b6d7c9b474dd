"""Spreadsheet (CSV, XLSX) imports vs parsing the same file + storing the final rows in bulk."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.pg import ROOT, postgres_url


def _run(url: str, n: int, var_dir: str) -> list[str]:
    env = {
        **os.environ,
        "TRYGG_DATABASE_URL": url,
        "TRYGG_ENV": "development",
        "TRYGG_VAR_DIR": var_dir,
    }
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "bench._sheets_worker", str(n)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return result.stdout.strip().splitlines()


def run(quick: bool = False):
    # 50,000 rows: the most an upload may hold.
    n = 5_000 if quick else 50_000
    yield "one municipality, no areas; Trygg = the worker's import_run (read, validate, store)"
    with tempfile.TemporaryDirectory(prefix="trygg-bench-sheets-") as tmp:
        yield from _run(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", n, str(Path(tmp) / "var"))
        with postgres_url() as url:
            yield from _run(url, n, str(Path(tmp) / "var-pg"))
