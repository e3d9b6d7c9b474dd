"""Run by bench_nightwalk_log in its own process on a scratch database (TRYGG_DATABASE_URL,
chosen before Django starts). Köping's real areas are imported, then in process with Django's
test Client and DEBUG off, interleaved round by round:

- POST of a night-walk log through the group's link (the JSON endpoint the phone's outbox
  sends to: a drawn route of 12 points, one observation; a new day and client UUID each time),
- the same log sent again (the outbox's retry after a lost reply: answered from the stored
  row, nothing written),
- POST of the citizen report form (the public intake, ALTCHA solved before the clock starts).

Prints one JSON line with the medians last."""

import json
import os
import statistics
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trygg.settings")
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from tests.helpers import altcha_solution  # noqa: E402
from trygg.core.models import Municipality, Organisation  # noqa: E402
from trygg.core.viewer import operator_viewer  # noqa: E402
from trygg.geo.models import Area  # noqa: E402
from trygg.geo.services import areas_import  # noqa: E402
from trygg.programmes.models import NightWalkGroup, NightWalkLog, Programme  # noqa: E402
from trygg.reports.models import Category, Report  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "8"))
ROUTE = [[59.5139 - i * 0.0002, 15.9925 + i * 0.0003] for i in range(12)]


def _setup():
    data = Path("trygg/demo/data")
    m = Municipality.objects.create(
        name="Köping", kommunkod="1983", county_code="19", slug="koping", population=25806
    )
    with scope(municipality=m):
        for filename, kind, prop in (
            ("koping-kommungrans.geojson", Area.Kind.KOMMUNGRANS, "kommunnamn"),
            ("koping-regso.geojson", Area.Kind.STADSDEL, "regso"),
        ):
            areas_import(
                viewer=operator_viewer(m),
                raw=(data / filename).read_bytes(),
                kind=kind,
                name_property=prop,
            )
        owner = Organisation.objects.create(municipality=m, name="Säkerhet", kind="forvaltning")
        association = Organisation.objects.create(municipality=m, name="Förening", kind="forening")
        programme = Programme.objects.create(
            municipality=m,
            kind="nattvandring",
            goal="G5",
            name="N",
            owner=owner,
            start=date(2025, 1, 1),
        )
        group = NightWalkGroup.objects.create(
            municipality=m,
            programme=programme,
            association=association,
            name="Gruppen",
            agreement_on=date(2025, 1, 1),
            rate_sek=Decimal(500),
        )
        klotter = Category.objects.get(municipality=m, code="klotter").pk
    return m, group, klotter


def _errors(response) -> str:
    import re

    body = response.content.decode()
    return " | ".join(re.findall(r"<li>([^<]+)</li>", body)[:8]) or body[-800:]


def main() -> None:
    call_command("migrate", verbosity=0)
    with scopes_disabled():
        m, group, klotter = _setup()
    client = Client()
    endpoint = reverse("programmes:nightwalk_log_json", args=[group.link_token])
    form = reverse("public:report", args=[m.slug])
    today = timezone.localdate()
    log_s, retry_s, citizen_s = [], [], []
    for i in range(ROUNDS + 2):
        fields = {
            "client_uuid": str(uuid.uuid4()),
            "walked_on": (today - timedelta(days=i + 1)).isoformat(),
            "walkers": "3",
            "route": json.dumps(ROUTE),
            "obs1_category": str(klotter),
            "obs1_text": "Klotter på elskåpet",
            "obs1_place": "Elskåpet vid torget",
        }
        t = time.perf_counter()
        response = client.post(endpoint, fields)
        log_t = time.perf_counter() - t
        assert response.status_code == 201, response.content[:300]  # noqa: S101 - not a test
        t = time.perf_counter()
        response = client.post(endpoint, fields)
        retry_t = time.perf_counter() - t
        assert response.status_code == 200  # noqa: S101 - not a test
        page = client.get(form).content.decode()
        citizen = {
            "category": klotter,
            "lat": "59.5139",
            "lon": "15.9925",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "description": "Klotter på elskåpet vid torget",
            "altcha": altcha_solution(page),
        }
        t = time.perf_counter()
        response = client.post(form, citizen)
        citizen_t = time.perf_counter() - t
        assert response.status_code == 302, _errors(response)  # noqa: S101 - not a test
        if i >= 2:  # two warm-up rounds
            log_s.append(log_t)
            retry_s.append(retry_t)
            citizen_s.append(citizen_t)
    with scopes_disabled():
        logs = NightWalkLog.objects.count()
        reports = Report.objects.count()
    print(
        json.dumps(
            {
                "log_s": statistics.median(log_s),
                "retry_s": statistics.median(retry_s),
                "citizen_s": statistics.median(citizen_s),
                "logs": logs,
                "sent": (ROUNDS + 2) * 2,
                "reports": reports,
                "rounds": ROUNDS,
            }
        )
    )


if __name__ == "__main__":
    main()
