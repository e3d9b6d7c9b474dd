"""Run by bench_apilist in its own process, for one database (TRYGG_DATABASE_URL, chosen
before Django starts). Loads the demo municipality (Köping's real areas, 4,200 reports and
the Police's events), makes a police API key (which reads like the polis role), then in
process with Django's test Client and DEBUG off:

- times GET /api/reports?limit=1000 (median of REPEATS, after two warm-up calls),
- captures the SQL that one such call runs (CaptureQueriesContext) and times exactly those
  statements on the bare DB-API cursor, execute + fetchall (median of REPEATS).

Prints one JSON line with the figures last."""

import io
import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trygg.settings")
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scope  # noqa: E402

from trygg.core.models import Municipality, Organisation, Role  # noqa: E402
from trygg.core.viewer import Viewer  # noqa: E402
from trygg.reports.services import api_key_create  # noqa: E402

PATH = "/api/reports?limit=1000"
REPEATS = 7


def setup() -> str:
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    koping = Municipality.objects.get(slug="koping")
    with scope(municipality=koping):
        police = Organisation.objects.get(municipality=koping, kind=Organisation.Kind.POLIS)
        admin = Viewer(municipality=koping, roles=frozenset({Role.ADMINISTRATOR}))
        _key, secret = api_key_create(viewer=admin, organisation=police, name="bench")
    return secret


def replay(statements: list[str]) -> tuple[float, int]:
    """Seconds for the statements on the driver's own cursor, and the rows they returned."""
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    rows = 0
    t = time.perf_counter()
    for sql in statements:
        cursor.execute(sql)
        if cursor.description is not None:
            rows += len(cursor.fetchall())
    elapsed = time.perf_counter() - t
    cursor.close()
    return elapsed, rows


def main() -> None:
    secret = setup()
    client = Client(headers={"X-API-Key": secret})
    for _ in range(2):
        response = client.get(PATH)
        assert response.status_code == 200, response.content[:500]  # noqa: S101 - not a test
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        response = client.get(PATH)
        times.append(time.perf_counter() - t)
    body = response.content
    with CaptureQueriesContext(connection) as captured:
        client.get(PATH)
    statements = [q["sql"] for q in captured.captured_queries]
    replay(statements)  # warm
    replays = [replay(statements) for _ in range(REPEATS)]
    per_statement = []
    for sql in statements:
        per_statement.append((statistics.median(replay([sql])[0] for _ in range(3)), sql))
    per_statement.sort(reverse=True)
    result = {
        "vendor": connection.vendor,
        "api_s": statistics.median(times),
        "sql_s": statistics.median(t for t, _rows in replays),
        "rows": replays[0][1],
        "statements": len(statements),
        "slowest": [(s, sql[:90]) for s, sql in per_statement[:3]],
        "bytes": len(body),
        "items": len(json.loads(body)["items"]),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
