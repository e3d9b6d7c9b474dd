"""Survey results per DeSO with suppression and weights against the same GROUP BY on a bare cursor.

A sampled survey of Köping with 20,000 answers to each of 30 single-choice questions (5
options; respondents spread over the 16 real DeSOs, sex and four age bands; weighted to SCB's
2019 population): `survey_results(breakdown="deso")` as the page calls it — the GROUP BYs,
post-stratification, suppression of every question's table (option × DeSO ⊂ RegSO ⊂ kommun,
× sex, × age band, with the linear-programming check) and the cells' texts — against the
answers' GROUP BY alone on a bare cursor, median of 3, on SQLite and PostgreSQL 18, each in
its own process (bench/_dialog_results_worker.py). Goal: ≤ 3×. `--quick`: 2,000 × 30.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.pg import ROOT, postgres_url


def _worker(url: str, n: int, questions: int) -> dict:
    env = {**os.environ, "TRYGG_DATABASE_URL": url, "TRYGG_ENV": "development"}
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "bench._dialog_results_worker", str(n), str(questions)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(quick: bool = False):
    n, questions = (2_000, 30) if quick else (20_000, 30)
    rows = []
    with tempfile.TemporaryDirectory(prefix="trygg-bench-dialog-") as tmp:
        rows.append(_worker(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", n, questions))
    with postgres_url() as url:
        rows.append(_worker(url, n, questions))
    yield (
        f"{n:,} answers × {questions} questions ({n * questions:,} answers), per DeSO with "
        "suppression and weights"
    )
    yield "database     results (ms)  bare GROUP BY (ms)  ratio  groups  cells shown/hidden"
    for r in rows:
        yield (
            f"{r['vendor']:<12} {r['app'] * 1000:>12,.0f}  {r['bare'] * 1000:>18,.0f}  "
            f"{r['app'] / r['bare']:>4.1f}×  {r['groups']:>6,}  {r['shown']:,}/{r['hidden']:,}"
        )
    yield "goal: ≤ 3× the bare GROUP BY; load: " + ", ".join(
        f"{r['vendor']} {r['loaded']:.1f} s" for r in rows
    )
