"""Grannsamverkan area message to 200 ombud (e-mail and SMS each): cost per delivery through
the task worker's path against one plain mail_send of the same template, in the same run.

In process on a scratch SQLite (bench/_area_message_worker.py): mail to Django's locmem
backend and SMS to the memory gateway, so what is measured is the platform's own cost per
recipient (rendering, the delivery row's update, the progress heartbeat), not a mail server's.
Goal: ≤ 3× a plain send per delivery.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from bench.bench_intake import load_average
from bench.server import ROOT


def run(quick: bool = False):
    n = 50 if quick else 200
    var = tempfile.mkdtemp(prefix="trygg-bench-area-message-")
    env = {
        **os.environ,
        "TRYGG_VAR_DIR": var,
        "TRYGG_ENV": "development",
        "TRYGG_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "trygg.settings",
    }
    before = load_average()
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv
            [sys.executable, "-m", "bench._area_message_worker", str(n)],
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
    per = r["deliver_s"] / r["deliveries"]
    plain = r["plain_s"] / r["deliveries"]
    yield (
        f"SQLite: {r['ombud']} ombud, {r['deliveries']} deliveries ({r['sms']} SMS) — "
        f"sending {per * 1000:.2f} ms per delivery ({r['deliver_s']:.2f} s) against a plain "
        f"mail_send {plain * 1000:.2f} ms = {per / plain:.1f}× (goal ≤ 3×); storing the "
        f"message and its deliveries {r['send_s'] * 1000:.0f} ms "
        f"(load average {before} → {load_average()})"
    )
