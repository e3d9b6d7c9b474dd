"""Drafts the strategic lägesbild's sections from the municipality's data, as Markdown.

What the data can say is written out (figures, comparisons, where and when it happens, what
the police have reported); what it cannot say is said too, so the authors know what to add."""

import math
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from django.db.models import Count, Q, Sum
from django.utils import timezone

from trygg.analytics.compare import format_p
from trygg.analytics.patterns import knox_test
from trygg.core.localtime import local_hour, local_weekday
from trygg.core.viewer import Viewer
from trygg.geo.models import Area
from trygg.lagesbild.models import PoliceInput
from trygg.locale_sv import format_kronor, format_number, year_bounds
from trygg.reports.models import Category, Report
from trygg.reports.selectors import visible_reports

from .selectors import statistics_comparison

_year_bounds = year_bounds
_fmt = format_number


def draft_sections(*, viewer: Viewer, start_year: int, end_year: int) -> dict[str, str]:
    """Markdown for omfattning, konsekvenser, orsaker and källor."""
    municipality = viewer.municipality
    reports = visible_reports(viewer)
    years = list(range(start_year - 2, end_year + 1))
    lo, _ = _year_bounds(start_year)
    _, hi = _year_bounds(end_year)
    period = reports.filter(occurred_at__gte=lo, occurred_at__lt=hi)
    categories = {c.pk: c for c in Category.objects.filter(municipality=municipality)}

    def top(cid):
        c = categories.get(cid)
        return (c.parent_id or c.pk) if c else cid

    # One scan for all years: a large city has a million reports in this range (measured:
    # a query per year was several times slower).
    # Each year is a conditional count on its local bounds, so no row is converted to local
    # time (a per-row function call on SQLite, AT TIME ZONE on PostgreSQL).
    per_year: dict[int, Counter] = {year: Counter() for year in years}
    first, _ = _year_bounds(years[0])
    year_counts = {
        f"y{year}": Count(
            "id",
            filter=Q(occurred_at__gte=_year_bounds(year)[0], occurred_at__lt=_year_bounds(year)[1]),
        )
        for year in years
    }
    rows = (
        reports.filter(occurred_at__gte=first, occurred_at__lt=hi)
        .values("category_id")
        .annotate(**year_counts)
        .order_by()
    )
    for r in rows:
        for year in years:
            per_year[year][top(r["category_id"])] += r[f"y{year}"]
    total_period = sum(sum(per_year[y].values()) for y in range(start_year, end_year + 1))
    main_categories = [cid for cid, _ in sum(per_year.values(), Counter()).most_common(8)]

    omfattning = [
        f"Under {start_year}–{end_year} registrerades **{_fmt(total_period)} rapporter** i "
        f"inrapporteringssystemet i {municipality.name}. Tabellen visar antalet per år och "
        "huvudkategori, med de två åren före perioden som jämförelse.",
        "",
        "| Kategori | " + " | ".join(str(y) for y in years) + " |",
        "|---|" + "---:|" * len(years),
    ]
    for cid in main_categories:
        name = categories[cid].name if cid in categories else "Okänd"
        omfattning.append(f"| {name} | " + " | ".join(_fmt(per_year[y][cid]) for y in years) + " |")
    omfattning.append(
        "| **Totalt** | "
        + " | ".join(f"**{_fmt(sum(per_year[y].values()))}**" for y in years)
        + " |"
    )
    stats = statistics_comparison(municipality=municipality)
    total_stats = next(
        (cells for name, cells in stats["rows"] if name == "Totalt antal anmälda brott"), None
    )
    omfattning.append("")
    if total_stats:
        year, m, c, r = total_stats[-1]
        omfattning.append(
            f"Enligt BRÅ:s statistik anmäldes {year} **{_fmt(m or 0)} brott per 100 000 "
            f"invånare** i {municipality.name}, mot {_fmt(c or 0)} i länet och {_fmt(r or 0)} "
            "i riket."
        )
    else:
        omfattning.append(
            "Ingen officiell brottsstatistik är importerad ännu; importera BRÅ:s statistik "
            "under Brottsstatistik för att jämföra med länet och riket."
        )
    districts = list(
        period.filter(areas__kind=Area.Kind.STADSDEL)
        .values("areas__name")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n")[:3]
    )
    if districts and total_period:
        listed = ", ".join(f"{d['areas__name']} ({_fmt(d['n'])})" for d in districts)
        omfattning.append("")
        omfattning.append(f"Flest rapporter kom från {listed}.")

    # The period's totals in one scan.
    # Friday and Saturday from 20 to Saturday and Sunday at 04 (Monday = 0).
    timed = period.annotate(
        wd=local_weekday("occurred_at", lo, hi), hr=local_hour("occurred_at", lo, hi)
    )
    counted = timed.aggregate(
        n=Count("id"),
        night=Count("id", filter=Q(wd__in=[4, 5], hr__gte=20) | Q(wd__in=[5, 6], hr__lt=4)),
        total=Sum("cost_sek"),
        with_cost=Count("id", filter=Q(cost_sek__isnull=False)),
        youth=Count("id", filter=Q(youth_involved=True)),
        insecurity=Count("id", filter=Q(kind=Report.Kind.OTRYGGHET)),
    )
    costs = {"total": counted["total"], "n": counted["with_cost"]}
    by_org = list(
        period.filter(cost_sek__isnull=False)
        .values("organisation__name")
        .annotate(cost=Sum("cost_sek"))
        .order_by("-cost")[:5]
    )
    youth, insecurity = counted["youth"], counted["insecurity"]
    konsekvenser = [
        f"Den uppskattade kostnaden för skador som rapporterats under perioden är "
        f"**{format_kronor(costs['total'] or Decimal(0))}** "
        f"({_fmt(costs['n'])} rapporter med kostnad). "
        "Det är kommunkoncernens egna kostnader för skadegörelse, bränder och stölder (mål G2); "
        "kostnader för enskilda och företag syns inte här.",
    ]
    if by_org:
        konsekvenser += ["", "| Organisation | Kostnad (kr) |", "|---|---:|"]
        konsekvenser += [
            f"| {r['organisation__name'] or 'Medborgare och övriga'} | {_fmt(r['cost'] or 0)} |"
            for r in by_org
        ]
    konsekvenser += [
        "",
        f"{_fmt(insecurity)} rapporter gäller otrygghet – platser eller situationer som "
        f"upplevs otrygga – och i {_fmt(youth)} rapporter var unga inblandade.",
    ]

    orsaker = []
    if counted["n"]:
        share = 100 * counted["night"] / counted["n"]
        orsaker.append(
            f"{_fmt(share)} % av rapporterna gäller fredags- och lördagskvällar och nätter "
            "(20–04), som utgör 14 % av veckans timmar."
        )
    knox = _near_repeat(period)
    if knox:
        orsaker.append("")
        orsaker.append(knox)
    inputs = PoliceInput.objects.filter(
        municipality=municipality,
        period_start__lte=date(end_year, 12, 31),
        period_end__gte=date(start_year, 1, 1),
    ).prefetch_related("items")
    themes = Counter(i.get_theme_display() for p in inputs for i in p.items.all())
    if themes:
        orsaker += [
            "",
            "Polisens lokala lägesbilder under perioden tar oftast upp: "
            + ", ".join(f"{t.lower()} ({n})" for t, n in themes.most_common(5))
            + ".",
        ]
    orsaker += [
        "",
        "Rapporterna visar var och när brott och otrygghet uppstår, inte varför. "
        "Komplettera med polisens analys, medborgardialoger och trygghetsundersökningar "
        "när orsakerna beskrivs.",
    ]
    kallor = [
        f"- Trygg inrapporteringssystem: {_fmt(total_period)} rapporter {start_year}–{end_year} "
        f"från kommunens verksamheter, polisen, räddningstjänsten, väktarbolag och medborgare "
        f"(uttag {timezone.localdate():%Y-%m-%d}).",
        "- BRÅ:s officiella statistik över anmälda brott per kommun"
        + (
            f" (år {stats['years'][0]}–{stats['years'][-1]})."
            if stats["years"]
            else " (inte importerad)."
        ),
        f"- Polisens lokala lägesbilder: {len(inputs)} under perioden.",
    ]
    return {
        "omfattning": "\n".join(omfattning),
        "konsekvenser": "\n".join(konsekvenser),
        "orsaker": "\n".join(orsaker),
        "kallor": "\n".join(kallor),
    }


def _near_repeat(period) -> str:
    """The Knox test for burglary and vandalism: do incidents follow close to earlier ones?"""
    rows = list(
        period.filter(precision=Report.Precision.PUNKT, lat__isnull=False)
        .filter(
            Q(category__code__in=["inbrott", "krossad_ruta", "annan_skadegorelse", "klotter"])
            | Q(category__parent__code="skadegorelse")
        )
        .values_list("lat", "lon", "occurred_at")[:20000]
    )
    if len(rows) < 20:
        return ""
    lat0 = float(np.mean([r[0] for r in rows]))
    x = np.array([r[1] for r in rows]) * 111_320 * math.cos(math.radians(lat0))
    y = np.array([r[0] for r in rows]) * 111_320
    epoch = min(r[2] for r in rows)
    t = np.array([(r[2] - epoch) / timedelta(days=1) for r in rows])
    result = knox_test(x, y, t, distance=200.0, days=7.0, n_sim=199, seed=1)
    if result.p_value < 0.05:
        return (
            f"Skadegörelse och inbrott upprepas nära varandra: inom 200 meter och 7 dagar "
            f"finns {format_number(result.ratio, 1)} gånger fler par än slumpen ger (Knox-test, "
            f"{format_p(result.p_value)}). Snabba insatser efter en händelse kan löna sig."
        )
    return (
        "Inget säkerställt mönster av upprepad skadegörelse eller inbrott nära i tid och rum "
        f"(Knox-test, 200 meter och 7 dagar, {format_p(result.p_value)})."
    )
