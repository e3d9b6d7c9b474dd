"""Run by bench_strategy in its own process: the strategic lägesbild drafted for the largest
municipality's five years of reports (Stockholm's share of 10 M), on PostgreSQL."""

import os
import random
import sys
import time
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trygg.settings")
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from trygg.core.models import Municipality, Role  # noqa: E402
from trygg.core.viewer import Viewer  # noqa: E402
from trygg.geo.h3cells import cells_for_point  # noqa: E402
from trygg.reports.imports import bulk_insert_reports  # noqa: E402
from trygg.reports.models import Category  # noqa: E402
from trygg.strategy.drafting import draft_sections  # noqa: E402


def main(n: int) -> None:
    call_command("migrate", verbosity=0)
    with scopes_disabled():
        m = Municipality.objects.create(
            name="Stockholm",
            kommunkod="0180",
            county_code="01",
            slug="stockholm",
            population=984_748,
        )
        categories = list(Category.objects.filter(municipality=m, parent__isnull=False))
    rng = random.Random(180)
    now = timezone.now()
    centres = [(59.33 + rng.gauss(0, 0.03), 18.06 + rng.gauss(0, 0.06)) for _ in range(40)]
    cell_cache: dict = {}
    rows = []
    t0 = time.perf_counter()
    for i in range(n):
        lat, lon = rng.choice(centres)
        lat, lon = round(lat + rng.gauss(0, 0.004), 4), round(lon + rng.gauss(0, 0.008), 4)
        cells = cell_cache.get((lat, lon)) or cell_cache.setdefault(
            (lat, lon), cells_for_point(lat, lon)
        )
        category = rng.choice(categories)
        rows.append(
            {
                "uuid": __import__("uuid").uuid4(),
                "municipality_id": m.pk,
                "category_id": category.pk,
                "kind": "handelse",
                "occurred_at": now - timedelta(minutes=rng.randrange(5 * 365 * 24 * 60)),
                "reported_at": now,
                "lat": lat,
                "lon": lon,
                "precision": "punkt",
                "h3_r7": cells[7],
                "h3_r8": cells[8],
                "h3_r9": cells[9],
                "cost_sek": rng.choice([None, None, 1500, 8000]),
                "source": "personal",
                "sensitivity": category.sensitivity,
                "status": "avslutad",
                "youth_involved": rng.random() < 0.2,
                "created_at": now,
                "updated_at": now,
                "external_id": f"b{i}",
                "description": "",
                "description_redacted": "",
            }
        )
    generated = time.perf_counter() - t0
    t0 = time.perf_counter()
    with scopes_disabled():
        for start in range(0, n, 50_000):
            bulk_insert_reports(rows[start : start + 50_000])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")
    loaded = time.perf_counter() - t0
    viewer = Viewer(municipality=m, roles=frozenset({Role.SAMORDNARE}))
    year = now.year
    samples = []
    with scope(municipality=m):
        for _ in range(5):
            t0 = time.perf_counter()
            sections = draft_sections(viewer=viewer, start_year=year - 1, end_year=year)
            samples.append(time.perf_counter() - t0)
    samples.sort()
    print(
        f"municipality: Stockholm, {n:,} reports over 5 years (generated {generated:.1f} s, "
        f"COPY {loaded:.1f} s)"
    )
    print(
        f"draft {year - 1}–{year}: median {samples[len(samples) // 2]:.2f} s, "
        f"worst {samples[-1]:.2f} s of 5 (goal ≤ 2 s); omfattning "
        f"{len(sections['omfattning'])} characters"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
