"""Report intake over HTTP: API create vs a minimal JSON view, same server, same run."""

import json
import uuid

from bench.load import run_load
from bench.server import running_server

SETUP = """
from django_scopes import scope
from trygg.core.models import Municipality, Organisation, Role
from trygg.core.viewer import Viewer
from trygg.reports.services import api_key_create
m = Municipality.objects.create(name="Köping", kommunkod="1983", county_code="19", slug="koping")
with scope(municipality=m):
    org = Organisation.objects.create(municipality=m, name="Väktarbolaget", kind="vaktarbolag")
    admin = Viewer(municipality=m, roles=frozenset({Role.ADMINISTRATOR}))
    _key, secret = api_key_create(viewer=admin, organisation=org, name="bench")
open(__import__("os").environ["TRYGG_VAR_DIR"] + "/key", "w").write(secret)
"""


def run(quick: bool = False):
    total = 600 if quick else 4000
    with running_server(setup=SETUP) as (base, env):
        key = open(env["TRYGG_VAR_DIR"] + "/key").read().strip()
        headers = {"X-API-Key": key, "Content-Type": "application/json"}

        def create(i):
            body = json.dumps(
                {
                    "uuid": str(uuid.uuid4()),
                    "category": "klotter",
                    "occurred_at": "2026-11-20T22:15:00+01:00",
                    "lat": 59.514 + (i % 50) * 0.0002,
                    "lon": 15.9926,
                    "description": "Klotter",
                    "cost_sek": "1200",
                }
            )
            return "POST", "/api/reports", body, headers

        def ping(i):
            return "GET", "/healthz", None, {}

        run_load(base, ping, total=200)  # warm both workers
        minimal = run_load(base, ping, total=total)
        api = run_load(base, create, total=total)
        minimal2 = run_load(base, ping, total=total)
    ref = (minimal["rps"] + minimal2["rps"]) / 2
    yield "server: granian WSGI, 2 workers, SQLite (WAL), loopback, 8 client threads"
    yield (
        f"minimal JSON view (/healthz, SELECT 1): {ref:,.0f} req/s "
        f"(p50 {minimal['p50_ms']:.1f} ms, p95 {minimal['p95_ms']:.1f} ms)"
    )
    yield (
        f"API create (POST /api/reports): {api['rps']:,.0f} reports/s "
        f"(p50 {api['p50_ms']:.1f} ms, p95 {api['p95_ms']:.1f} ms, errors {api['errors']})"
    )
    yield f"ratio API create / minimal view = {api['rps'] / ref:.0%} (goal ≥ 50 %)"
