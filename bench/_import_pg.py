"""Run by bench_import in its own process (the database is chosen before Django starts)."""

import json
import os
import random
import sys
import time
from datetime import datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trygg.settings")
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from trygg.core.models import Municipality, Organisation  # noqa: E402
from trygg.reports import polisen  # noqa: E402
from trygg.reports.imports import _BULK_FIELDS, _copy_value, police_events_import  # noqa: E402
from trygg.reports.models import Category, Report  # noqa: E402

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
TYPES = [
    "Skadegörelse",
    "Stöld",
    "Inbrott",
    "Brand",
    "Misshandel",
    "Trafikolycka",
    "Ordningslagen",
    "Narkotikabrott",
    "Rattfylleri",
    "Olaga hot",
]


def events(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    start = datetime(2021, 1, 1, 0, 0)
    out = []
    for i in range(n):
        when = start + timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))
        kind = rng.choice(TYPES)
        out.append(
            {
                "id": 10_000_000 + i,
                "datetime": f"{when:%Y-%m-%d} {when.hour}:{when:%M:%S} +01:00",
                "name": f"{when.day} {MONTHS[when.month - 1]} {when:%H.%M}, {kind}, Köping",
                "summary": f"{kind} vid {rng.choice(['Torget', 'Stationen', 'Skolan'])}.",
                "url": f"/aktuellt/handelser/{when.year}/{i}/",
                "type": kind,
                "location": {"name": "Köping", "gps": "59.511828,15.992752"},
            }
        )
    return out


def main(n: int) -> None:
    call_command("migrate", verbosity=0)
    with scopes_disabled():
        m = Municipality.objects.create(
            name="Köping", kommunkod="1983", county_code="19", slug="koping"
        )
        police = Organisation.objects.create(municipality=m, name="Polisen", kind="polis")
        categories = {c.code: c for c in Category.objects.filter(municipality=m)}
        raw = json.dumps(events(n)).encode()

        t0 = time.perf_counter()
        parsed, errors = polisen.parse_feed(raw)
        t_parse = time.perf_counter() - t0
        t0 = time.perf_counter()
        created = 0
        for _n, c, _u, _s in police_events_import(
            municipality=m,
            events=parsed,
            categories=categories,
            organisation=police,
            chunk_size=5000,
        ):
            created += c
        t_store = time.perf_counter() - t0
        assert created == Report.objects.count(), (created, Report.objects.count())

        # The reference: COPY of exactly the rows Trygg stored, into an empty twin table.
        fields = [Report._meta.get_field(f) for f in _BULK_FIELDS]
        rows = list(Report.objects.all().iterator(chunk_size=20000))
        cols = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cur:
            cur.execute("CREATE TABLE copy_twin (LIKE reports_report INCLUDING ALL)")
            values = [[_copy_value(getattr(r, f.attname)) for f in fields] for r in rows]
            t0 = time.perf_counter()
            with cur.cursor.copy(f"COPY copy_twin ({cols}) FROM STDIN") as copy:
                for v in values:
                    copy.write_row(v)
            t_copy = time.perf_counter() - t0
    print(f"events: {n:,} in the Police feed format (parse: {t_parse:.1f} s, {len(errors)} errors)")
    print(
        f"Trygg store (map, redact, dedupe, COPY): {created / t_store:,.0f} rows/s "
        f"({t_store:.1f} s)"
    )
    print(f"Trygg end to end incl. JSON parse: {created / (t_store + t_parse):,.0f} rows/s")
    print(f"reference COPY of the same rows: {created / t_copy:,.0f} rows/s ({t_copy:.1f} s)")
    print(
        f"ratio Trygg store / COPY = {t_copy / t_store:.0%} (goal ≥ 50 %); "
        f"end to end / COPY = {t_copy / (t_store + t_parse):.0%}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
