"""The night-walk log POST (the phone's outbox sending a log through the group's link)
against the citizen report intake (the public form's POST), and the outbox's retry of the
same log, side by side in one process on SQLite (bench/_nightwalk_worker.py): both write a
row with its H3 cells and an audit event; the log also its observation and route cells.
Every log is sent twice: stored rows against logs sent shows that a retry stores nothing."""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from bench.bench_intake import load_average
from bench.server import ROOT


def run(quick: bool = False):
    var = tempfile.mkdtemp(prefix="trygg-bench-nightwalk-")
    env = {
        **os.environ,
        "TRYGG_VAR_DIR": var,
        "TRYGG_ENV": "development",
        "TRYGG_DEBUG": "0",
        "TRYGG_DATABASE_URL": f"sqlite:///{var}/bench.sqlite3",
        # The public form allows a visitor about a dozen reports in a short while (its rate
        # limit): more rounds would time the refusal, not the intake.
        "BENCH_ROUNDS": "6" if quick else "8",
        "DJANGO_SETTINGS_MODULE": "trygg.settings",
    }
    before = load_average()
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv
            [sys.executable, "-m", "bench._nightwalk_worker"],
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
    yield (
        f"SQLite, {r['rounds']} rounds: night-walk log POST {r['log_s'] * 1000:,.1f} ms = "
        f"{r['log_s'] / r['citizen_s']:.2f}× the citizen report POST "
        f"({r['citizen_s'] * 1000:,.1f} ms); the outbox's retry of a stored log "
        f"{r['retry_s'] * 1000:,.1f} ms ({r['retry_s'] / r['log_s']:.2f}× the first send); "
        f"{r['sent']} sends stored {r['logs']} logs (load average {before} → {load_average()})"
    )


if __name__ == "__main__":
    for line in run(quick="--quick" in sys.argv):
        print(line)
