"""Run by bench_activities in its own process, for one database (TRYGG_DATABASE_URL, chosen
before Django starts). Loads the demo (ten youth activities with a year of sessions, the
parent-support calendar), then in process with Django's test Client and DEBUG off times the
public activities page, the same page filtered by age, the parent calendar and its iCal
feed, and the public start page they are measured against (median of REPEATS after two
warm-up calls). Prints one JSON line with the figures last."""

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

REPEATS = 15
PATHS = {
    "home": "/kommun/koping/",
    "activities": "/kommun/koping/aktiviteter/",
    "filtered": "/kommun/koping/aktiviteter/?alder=14&dag=4",
    "calendar": "/kommun/koping/foraldrastod/",
    "ical": "/kommun/koping/foraldrastod/kalender.ics",
}


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
    out = {"vendor": connection.vendor}
    for name, path in PATHS.items():
        out[f"{name}_s"] = _median(client, path)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        out[f"{name}_queries"] = len(captured.captured_queries)
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
