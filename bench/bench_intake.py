"""Report intake over HTTP: lost and duplicated reports when a web worker is killed under load,
and API create against minimal views on the same server, SQLite and PostgreSQL.

The server is `manage.py serve --no-task-worker` (granian WSGI, 2 workers, as `make run` and
production start it, with --respawn-failed-workers) on a fresh database with Köping's real
areas, under bench.settings, which adds the reference views of bench/_minimal.py. 8 client
threads with keep-alive connections on the loopback, in this process.

1. Crash: API creates, each with its own client UUID, retried with the same body after a
   connection failure or a 5xx; halfway one granian worker gets SIGKILL. Then the database
   is counted: acknowledged UUIDs not stored (lost), UUIDs stored twice, rows never sent.
2. Ratios: API create (POST /api/reports) against a view that stores one row of the same
   width in one transaction (goal ≥ 50 %), and against a `SELECT 1` view (reference). Two
   interleaved rounds, averaged.
"""

import json
import uuid

import psycopg

from bench._crash import count_in_database, crash_load
from bench.load import run_load
from bench.pg import pg_server
from bench.server import running_server

SETUP = """
import os
from pathlib import Path
from django.db import connection
from django_scopes import scope
from trygg.core.models import Municipality, Organisation
from trygg.core.viewer import operator_viewer
from trygg.geo.models import Area
from trygg.geo.services import areas_import
from trygg.reports.services import api_key_create
data = Path("trygg/demo/data")
m = Municipality.objects.create(name="Köping", kommunkod="1983", county_code="19", slug="koping")
admin = operator_viewer(m)
with scope(municipality=m):
    for filename, kind, prop in (
        ("koping-kommungrans.geojson", Area.Kind.KOMMUNGRANS, "kommunnamn"),
        ("koping-regso.geojson", Area.Kind.STADSDEL, "regso"),
        ("koping-deso.geojson", Area.Kind.DESO, "deso"),
    ):
        areas_import(viewer=admin, raw=(data / filename).read_bytes(), kind=kind,
                     name_property=prop)
    org = Organisation.objects.create(municipality=m, name="Väktarbolaget", kind="vaktarbolag")
    _key, secret = api_key_create(viewer=admin, organisation=org, name="bench")
open(os.environ["TRYGG_VAR_DIR"] + "/key", "w").write(secret)
# The reference tables of bench/_minimal.py: the same columns, and a full copy.
with connection.cursor() as c:
    c.execute("CREATE TABLE bench_report_row AS SELECT * FROM reports_report WHERE 1=0")
    if connection.vendor == "postgresql":
        c.execute("CREATE TABLE bench_report_row_indexed (LIKE reports_report INCLUDING ALL)")
        c.execute("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                  "WHERE conrelid = 'reports_report'::regclass AND contype = 'f'")
        for (fk,) in c.fetchall():
            c.execute(f"ALTER TABLE bench_report_row_indexed ADD {fk}")
    else:
        c.execute("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'reports_report' "
                  "AND sql IS NOT NULL ORDER BY type DESC")
        for kind, name, sql in c.fetchall():
            sql = sql.replace('"reports_report"', '"bench_report_row_indexed"')
            if kind == "index":
                sql = sql.replace(f'"{name}"', f'"bench_{name}"', 1)
            c.execute(sql)
"""

HTTP = "manage.py serve --no-task-worker (granian WSGI, 2 workers, --respawn-failed-workers)"


def load_average() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def _client(server):
    key = open(server.env["TRYGG_VAR_DIR"] + "/key").read().strip()
    headers = {"X-API-Key": key, "Content-Type": "application/json"}

    def body(i):
        client_uuid = str(uuid.uuid4())
        payload = {
            "uuid": client_uuid,
            "category": "klotter",
            "occurred_at": "2026-11-20T22:15:00+01:00",
            "lat": 59.514 + (i % 50) * 0.0002,
            "lon": 15.9926,
            "place_name": "Stora torget",
            "description": "Klotter på busskuren, ungefär två kvadratmeter.",
            "cost_sek": "1200",
        }
        return json.dumps(payload), client_uuid

    return headers, body


def _crash(label: str, env: dict, total: int):
    with running_server(setup=SETUP, env=env, supervised=True, settings="bench.settings") as s:
        headers, body = _client(s)
        before = load_average()
        # Both workers have imported the app and answered before the clock starts.
        run_load(s.base, lambda i: ("GET", "/bench/select1", None, {}), total=100)
        result = crash_load(s, body, headers, total=total)
        after = load_average()
        s.stop()
        db = count_in_database(s.env, result)
    f = result["figures"]
    kill = result["kill"]
    yield (
        f"{label}: {total:,} creates in {result['elapsed']:.1f} s = "
        f"{total / result['elapsed']:,.0f} reports/s; worker {kill.get('killed_pid')} "
        f"(holding {kill.get('connections')} of 8 client connections) killed halfway, "
        f"new worker process after {kill.get('respawn_s', float('nan')):.1f} s "
        f"(load average {before} → {after})"
    )
    yield (
        f"  requests {result['attempts']:,}: connection failures {f['connection failures']}, "
        f"5xx {f['5xx']}, 4xx {f['4xx']}, answered from an earlier attempt "
        f"{f['answered from an earlier attempt (200)']}, given up {f['given up']}"
    )
    yield (
        f"  acknowledged {len(result['acked']):,}, stored {db['stored']:,}: "
        f"acknowledged lost = {db['lost']} {'✓' if db['lost'] == 0 else '✗'}, "
        f"duplicates = {db['duplicated'] + db['never_sent']} "
        f"{'✓' if db['duplicated'] + db['never_sent'] == 0 else '✗'} "
        f"(UUIDs stored twice {db['duplicated']}, rows never sent {db['never_sent']}), "
        f"stored but not acknowledged {db['stored_not_acked']}"
    )


def _ratios(label: str, env: dict, total: int):
    with running_server(setup=SETUP, env=env, supervised=True, settings="bench.settings") as s:
        headers, body = _client(s)

        def post(path):
            return lambda i: ("POST", path, body(i)[0], headers)

        kinds = {
            "select1": lambda i: ("GET", "/bench/select1", None, {}),
            "insert": post("/bench/insert"),
            "insert_indexed": post("/bench/insert?indexed=1"),
            "create": post("/api/reports"),
        }
        # The first create is the template row of the insert views (same body, same width).
        run_load(s.base, kinds["create"], total=1, threads=1)
        for make in kinds.values():
            run_load(s.base, make, total=200)  # warm every worker on every path
        before = load_average()
        runs = {k: [] for k in kinds}
        for _round in range(2):
            for k, make in kinds.items():
                runs[k].append(run_load(s.base, make, total=total))
        after = load_average()
    rps = {k: sum(r["rps"] for r in v) / len(v) for k, v in runs.items()}

    def line(k, text):
        r = runs[k][-1]
        errors = sum(x["errors"] for x in runs[k])
        return (
            f"  {text}: {rps[k]:,.0f} req/s (p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms"
            + (f", errors {errors}" if errors else "")
            + ")"
        )

    yield f"{label} ({total:,} requests each, two rounds; load average {before} → {after}):"
    yield line("select1", "minimal view, one SELECT 1 (GET /bench/select1)")
    yield line("insert", "one row of reports_report's width, no index (POST /bench/insert)")
    yield line("insert_indexed", "one row into a full copy of reports_report, all its indexes")
    yield line("create", "API create (POST /api/reports)")
    yield (
        f"  ratio create / one-row insert = {rps['create'] / rps['insert']:.0%} (goal ≥ 50 %); "
        f"create / indexed insert = {rps['create'] / rps['insert_indexed']:.0%}; "
        f"create / SELECT 1 = {rps['create'] / rps['select1']:.0%} (reference)"
    )


def _database(pg, name: str) -> dict:
    with psycopg.connect(pg.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return {"TRYGG_DATABASE_URL": pg.url(name)}


def run(quick: bool = False):
    crash_total = 600 if quick else 2000
    total = 600 if quick else 4000
    yield f"server: {HTTP}, bench.settings, loopback, 8 client threads"
    with pg_server() as pg:
        yield "### crash: kill -9 of a web worker halfway"
        yield from _crash("SQLite (WAL)", {}, crash_total)
        yield from _crash("PostgreSQL", _database(pg, "crash"), crash_total)
        yield "### API create against minimal views"
        yield from _ratios("SQLite (WAL)", {}, total)
        yield from _ratios("PostgreSQL", _database(pg, "ratios"), total)
