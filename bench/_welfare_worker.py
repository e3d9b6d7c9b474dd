"""Run by bench_welfare in its own process on a scratch database (TRYGG_VAR_DIR): stores
N cases, 40 controls with a year of runs and six analyses in one municipality, then times
the aggregates selector (every figure the start page, lägesbild and follow-up show) against
a bare count of the year's cases, median of REPEATS after a warm-up. Prints one JSON line."""

import json
import os
import statistics
import sys
import time
from datetime import date, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trygg.settings")
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from trygg.core.models import Municipality, Role  # noqa: E402
from trygg.core.viewer import Viewer  # noqa: E402
from trygg.welfare.models import Analysis, Case, Control, ControlRun, Regelverk  # noqa: E402
from trygg.welfare.selectors.aggregates import year_aggregates  # noqa: E402

REPEATS = 15
REGELVERK = Regelverk.values


def _median(fn) -> float:
    fn()
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(n: int) -> None:
    call_command("migrate", verbosity=0)
    start = date(2026, 1, 1)
    with scopes_disabled():
        m = Municipality.objects.create(
            name="Köping", kommunkod="1983", county_code="19", slug="koping", population=25806
        )
        Analysis.objects.bulk_create(
            Analysis(municipality=m, regelverk=r, owner="Chef", reviewed_on=start)
            for r in REGELVERK[:6]
        )
        controls = Control.objects.bulk_create(
            Control(
                municipality=m,
                name=f"Kontroll {i}",
                regelverk=REGELVERK[i % 8],
                performer="Controller",
                frequency=31,
                starts_on=start,
            )
            for i in range(40)
        )
        ControlRun.objects.bulk_create(
            ControlRun(
                municipality=m,
                control=c,
                run_on=start + timedelta(days=31 * k),
                result="avvikelse" if k % 5 == 0 else "utan_avvikelse",
            )
            for c in controls
            for k in range(12)
        )
        Case.objects.bulk_create(
            Case(
                municipality=m,
                reference=f"VB-{i}",
                regelverk=REGELVERK[i % 8],
                kind="ej_utford",
                detection="kontroll",
                detected_on=start + timedelta(days=i % 365),
                police_report_on=start + timedelta(days=i % 365 + 10) if i % 3 else None,
                amount_paid=10_000,
                amount_reclaimed=4_000,
            )
            for i in range(n)
        )
    viewer = Viewer(municipality=m, roles=frozenset({Role.SAMORDNARE}))
    today = date(2026, 12, 31)
    with scope(municipality=m):
        aggregates = _median(lambda: year_aggregates(viewer=viewer, year=2026, today=today))
        bare = _median(lambda: Case.objects.filter(municipality=m, detected_on__year=2026).count())
    print(json.dumps({"cases": n, "aggregates_s": aggregates, "count_s": bare}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
