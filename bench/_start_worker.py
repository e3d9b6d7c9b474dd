"""Run by bench_start in its own process, for one database (TRYGG_DATABASE_URL, chosen before
Django starts). Loads the demo (Köping's real areas, its reports, meetings and plans), logs
the demo samordnare in, then in process with Django's test Client and DEBUG off:

- times GET the samordnare's start page (every panel built; median of REPEATS after two
  warm-up calls),
- times GET /healthz, the smallest view (one SELECT and a heartbeat row), the same way,
- captures the SQL the start page runs and times exactly those statements on the bare DB-API
  cursor, execute + fetchall: what the database alone costs for the page.

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

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench._apilist_worker import replay  # noqa: E402

REPEATS = 9


def _median(client: Client, path: str) -> float:
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200, response.content[:500]  # noqa: S101 - not a test
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    client = Client()
    client.force_login(get_user_model().objects.get(username="samordnare"))
    start = reverse("core:start")
    start_s = _median(client, start)
    healthz_s = _median(Client(), "/healthz")
    with CaptureQueriesContext(connection) as captured:
        body = client.get(start).content.decode()
    statements = [q["sql"] for q in captured.captured_queries]
    replay(statements)  # warm
    sql_s = statistics.median(replay(statements)[0] for _ in range(REPEATS))
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "start_s": start_s,
                "healthz_s": healthz_s,
                "sql_s": sql_s,
                "statements": len(statements),
                "panels": body.count('<section class="panel'),
                "bytes": len(body.encode()),
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
