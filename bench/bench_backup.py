"""Backup while the API takes reports (SQLite and PostgreSQL): time, size, consistency.

`manage.py backup` runs in the middle of an intake run against a live server; the archive is
then restored into an empty database. Printed: the backup's and the restore's time, the
archive's size, intake throughput during the backup as a share of the same load without
one, and the consistency of the snapshot (every restored report has its `created` event,
written in the same transaction; the count lies between the counts before and after).
"""

import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from bench.bench_intake import SETUP as KEY_SETUP
from bench.load import run_load
from bench.pg import ROOT, postgres_url
from bench.server import running_server

PREFILL = """
import os, random
from datetime import timedelta
from django.utils import timezone
from django_scopes import scopes_disabled
from trygg.reports.models import Category, Report
from django.conf import settings
n, files = {reports}, {files}
with scopes_disabled():
    cat = Category.objects.get(municipality=m, code="klotter")
    now = timezone.now()
    Report.objects.bulk_create(
        [Report(municipality=m, category=cat, occurred_at=now - timedelta(minutes=i),
                reported_at=now, lat=59.51, lon=15.99, precision="punkt",
                sensitivity=cat.sensitivity, description="Förifylld",
                description_redacted="Förifylld")
         for i in range(n)], batch_size=2000)
folder = settings.MEDIA_ROOT / "reports" / str(m.pk) / "bench"
folder.mkdir(parents=True, exist_ok=True)
for i in range(files):
    (folder / f"{{i:05d}}.jpg").write_bytes(random.randbytes(150_000))
"""

CHECK_SQL = (
    "SELECT count(*), sum(CASE WHEN NOT EXISTS (SELECT 1 FROM reports_reportevent e "
    "WHERE e.report_id = r.id AND e.kind = 'created') AND r.description <> 'Förifylld' "
    "THEN 1 ELSE 0 END) FROM reports_report r"
)


def _create(i):
    import json
    import uuid

    body = json.dumps(
        {
            "uuid": str(uuid.uuid4()),
            "category": "klotter",
            "occurred_at": "2026-11-20T22:15:00+01:00",
            "lat": 59.514,
            "lon": 15.9926,
            "description": "Klotter",
        }
    )
    return "POST", "/api/reports", body, _create.headers


def _manage(env, *args) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    inner = re.search(r"på ([\d.]+) s", done.stdout)
    return float(inner.group(1)) if inner else time.perf_counter() - started, done.stdout


def _query(env, sql):
    url = env.get("TRYGG_DATABASE_URL", "")
    if not url:
        db = sqlite3.connect(f"file:{env['TRYGG_VAR_DIR']}/trygg.sqlite3?mode=ro", uri=True)
        try:
            return db.execute(sql).fetchone()
        finally:
            db.close()
    import psycopg

    parts = urlsplit(url)
    host = unquote(parts.netloc.split("@")[1])
    with psycopg.connect(host=host, user="postgres", dbname=parts.path.lstrip("/")) as db:
        return db.execute(sql).fetchone()


def _wait_until_up(base: str) -> None:
    """running_server waits 10 s; on a busy machine granian's start takes longer."""
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def _measure(label, env_extra, restore_env, *, reports, files, total):
    setup = KEY_SETUP + PREFILL.format(reports=reports, files=files)
    with running_server(setup=setup, env=env_extra) as (base, env):
        _wait_until_up(base)
        key = open(env["TRYGG_VAR_DIR"] + "/key").read().strip()
        _create.headers = {"X-API-Key": key, "Content-Type": "application/json"}
        run_load(base, _create, total=100, threads=4)
        alone = run_load(base, _create, total=total, threads=4)
        out = Path(tempfile.mkdtemp(prefix="trygg-bench-backup-"))
        result = {}

        def load():
            result["load"] = run_load(base, _create, total=total * 4, threads=4, timeout=120)

        writer = threading.Thread(target=load)
        writer.start()
        time.sleep(1.0)
        before = _query(env, "SELECT count(*) FROM reports_report")[0]
        backup_s, _ = _manage(env, "backup", str(out))
        after = _query(env, "SELECT count(*) FROM reports_report")[0]
        writer.join()
    archive = next(out.glob("trygg-backup-*.tar"))
    restore_env = {**env, **restore_env, "TRYGG_VAR_DIR": tempfile.mkdtemp(prefix="trygg-r-")}
    restore_s, _ = _manage(restore_env, "restore", str(archive))
    restored, torn = _query(restore_env, CHECK_SQL)
    during = result["load"]
    share = during["rps"] / alone["rps"] if alone["rps"] else 0
    yield (
        f"{label}: {reports:,} reports + {files} files of 150 KB → archive "
        f"{archive.stat().st_size / 1e6:,.0f} MB; backup {backup_s:.1f} s, restore "
        f"{restore_s:.1f} s (inside the commands, Django start-up excluded)"
    )
    yield (
        f"{label}: intake over a run containing the backup {during['rps']:,.0f} reports/s vs "
        f"{alone['rps']:,.0f} without = {share:.0%}; API errors {during['errors']}"
    )
    yield (
        f"{label}: restored {restored:,} reports (live count {before:,} → {after:,} during the "
        f"backup: {'inside' if before <= restored <= after else 'OUTSIDE'}), reports "
        f"without their created event {torn or 0}"
    )


def run(quick: bool = False):
    reports, files, total = (20_000, 50, 400) if quick else (200_000, 500, 1500)
    yield from _measure("SQLite", {}, {}, reports=reports, files=files, total=total)
    with postgres_url() as url:
        import psycopg

        socket_dir = unquote(urlsplit(url).netloc.split("@")[1])
        with psycopg.connect(host=socket_dir, user="postgres", autocommit=True) as db:
            db.execute("CREATE DATABASE bench_restored")
        restored = f"postgres://postgres@{quote(socket_dir, safe='')}/bench_restored"
        yield from _measure(
            "PostgreSQL 18",
            {"TRYGG_DATABASE_URL": url},
            {"TRYGG_DATABASE_URL": restored},
            reports=reports,
            files=files,
            total=total,
        )
