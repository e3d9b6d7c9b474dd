"""Drafts the strategic lägesbild's sections from the municipality's data, as Markdown.

What the data can say is written out (figures, comparisons, where and when it happens, what
the police have reported); what it cannot say is said too, so the authors know what to add."""

import math
from datetime import date, datetime, timedelta

import numpy as np
from django.utils import timezone

from trygg.analytics.compare import format_p
from trygg.analytics.patterns import knox_test
from trygg.core.viewer import Viewer
from trygg.geo.selectors import AreaKind
from trygg.lagesbild.selectors import police_themes
from trygg.locale_sv import format_kronor, format_number, year_bounds
from trygg.reports.selectors import (
    report_costs_by_organisation,
    report_counts_by_area,
    report_counts_by_category_and_year,
    report_points,
    report_totals,
)

from .selectors import statistics_comparison


def _fmt(n) -> str:
    """A figure; None is a count under 5, suppressed for a reader who may not read reports."""
    return "färre än 5" if n is None else format_number(n)


def draft_sections(*, viewer: Viewer, start_year: int, end_year: int) -> dict[str, str]:
    """Markdown for omfattning, konsekvenser, orsaker and källor, from totals of every report
    (the reports' and the lägesbild's selectors decide what may be published)."""
    municipality = viewer.municipality
    years = list(range(start_year - 2, end_year + 1))
    lo, _ = year_bounds(start_year)
    _, hi = year_bounds(end_year)
    # A large city has a million reports in this range: each selector is one scan.
    by_year = report_counts_by_category_and_year(viewer=viewer, years=years, bounds=year_bounds)
    counted = report_totals(viewer=viewer, start=lo, end=hi)
    total_period = counted.reports

    omfattning = [
        f"Under {start_year}–{end_year} registrerades **{_fmt(total_period)} rapporter** i "
        f"inrapporteringssystemet i {municipality.name}. Tabellen visar antalet per år och "
        "huvudkategori, med de två åren före perioden som jämförelse.",
        "",
        "| Kategori | " + " | ".join(str(y) for y in years) + " |",
        "|---|" + "---:|" * len(years),
    ]
    for name, values in by_year.rows:
        omfattning.append(f"| {name} | " + " | ".join(_fmt(n) for n in values) + " |")
    omfattning.append(
        "| **Totalt** | " + " | ".join(f"**{_fmt(n)}**" for n in by_year.totals) + " |"
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
    districts = report_counts_by_area(
        viewer=viewer, start=lo, end=hi, kind=AreaKind.STADSDEL, limit=3
    )
    if districts and total_period:
        listed = ", ".join(f"{name} ({_fmt(n)})" for name, n in districts)
        omfattning.append("")
        omfattning.append(f"Flest rapporter kom från {listed}.")

    by_org = report_costs_by_organisation(viewer=viewer, start=lo, end=hi, limit=5)
    konsekvenser = [
        f"Den uppskattade kostnaden för skador som rapporterats under perioden är "
        f"**{format_kronor(counted.cost_sek)}** "
        f"({_fmt(counted.with_cost)} rapporter med kostnad). "
        "Det är kommunkoncernens egna kostnader för skadegörelse, bränder och stölder (mål G2); "
        "kostnader för enskilda och företag syns inte här.",
    ]
    if by_org:
        konsekvenser += ["", "| Organisation | Kostnad (kr) |", "|---|---:|"]
        konsekvenser += [
            f"| {name or 'Medborgare och övriga'} | {_fmt(cost)} |" for name, cost in by_org
        ]
    konsekvenser += [
        "",
        f"{_fmt(counted.insecurity)} rapporter gäller otrygghet – platser eller situationer som "
        f"upplevs otrygga – och i {_fmt(counted.youth)} rapporter var unga inblandade.",
    ]

    orsaker = []
    if counted.reports and counted.weekend_nights is not None:
        share = 100 * counted.weekend_nights / counted.reports
        orsaker.append(
            f"{_fmt(share)} % av rapporterna gäller fredags- och lördagskvällar och nätter "
            "(20–04), som utgör 14 % av veckans timmar."
        )
    knox = _near_repeat(viewer, lo, hi)
    if knox:
        orsaker.append("")
        orsaker.append(knox)
    police = police_themes(viewer=viewer, first=date(start_year, 1, 1), last=date(end_year, 12, 31))
    themes = police.themes
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
        f"- Polisens lokala lägesbilder: {police.inputs} under perioden.",
    ]
    return {
        "omfattning": "\n".join(omfattning),
        "konsekvenser": "\n".join(konsekvenser),
        "orsaker": "\n".join(orsaker),
        "kallor": "\n".join(kallor),
    }


def _near_repeat(viewer: Viewer, start: datetime, end: datetime) -> str:
    """The Knox test for burglary and vandalism: do incidents follow close to earlier ones?"""
    rows = report_points(
        viewer=viewer,
        start=start,
        end=end,
        category_codes=["inbrott", "krossad_ruta", "annan_skadegorelse", "klotter"],
        parent_codes=["skadegorelse"],
        limit=20000,
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
