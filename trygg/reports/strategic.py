"""What the reports say in strategy's documents: their passages in the strategic lägesbild
draft and their sentences in the annual follow-up per goal. Registered at start-up
(registrations.py), so strategy shows them without reading reports itself.

Only totals leave here, from the selectors that count every report and suppress counts
under 5 for a reader who may not read single reports."""

import math
from datetime import datetime, timedelta

import numpy as np
from django.utils import timezone

from trygg.analytics.compare import format_p
from trygg.analytics.patterns import knox_test
from trygg.core.contributions import DraftPassage, FollowUpRow
from trygg.core.viewer import Viewer
from trygg.geo.selectors import AreaKind
from trygg.locale_sv import count_text, format_kronor, format_number, year_bounds

from .selectors import (
    report_costs_by_organisation,
    report_counts_by_area,
    report_counts_by_category_and_year,
    report_points,
    report_totals,
)


def _fmt(n) -> str:
    """A figure; None is a count under 5, suppressed for a reader who may not read reports."""
    return "färre än 5" if n is None else format_number(n)


def _reports(n) -> str:
    """`1 rapport`, `3 rapporter`, `färre än 5 rapporter` (suppressed, as _fmt)."""
    return "färre än 5 rapporter" if n is None else count_text(n, "rapport", "rapporter")


def draft_passages(*, viewer: Viewer, start_year: int, end_year: int) -> list[DraftPassage]:
    """Extent per year and category, costs, when and where, from totals of every report."""
    municipality = viewer.municipality
    years = list(range(start_year - 2, end_year + 1))
    lo, _ = year_bounds(start_year)
    _, hi = year_bounds(end_year)
    # A large city has a million reports in this range: each selector is one scan.
    by_year = report_counts_by_category_and_year(viewer=viewer, years=years, bounds=year_bounds)
    counted = report_totals(viewer=viewer, start=lo, end=hi)
    total_period = counted.reports

    omfattning = [
        f"Under {start_year}–{end_year} registrerades **{_reports(total_period)}** i "
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
    districts = report_counts_by_area(
        viewer=viewer, start=lo, end=hi, kind=AreaKind.STADSDEL, limit=3
    )
    if districts and total_period:
        listed = ", ".join(f"{name} ({_fmt(n)})" for name, n in districts)
        omfattning += ["", f"Flest rapporter kom från {listed}."]

    by_org = report_costs_by_organisation(viewer=viewer, start=lo, end=hi, limit=5)
    konsekvenser = [
        f"Den uppskattade kostnaden för skador som rapporterats under perioden är "
        f"**{format_kronor(counted.cost_sek)}** "
        f"({_reports(counted.with_cost)} med kostnad). "
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
        f"{_reports(counted.insecurity)} gäller otrygghet – platser eller situationer som "
        f"upplevs otrygga – och i {_reports(counted.youth)} var unga inblandade.",
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
        orsaker += ["", knox] if orsaker else [knox]
    kallor = (
        f"- Trygg inrapporteringssystem: {_reports(total_period)} {start_year}–{end_year} "
        f"från kommunens verksamheter, polisen, räddningstjänsten, väktarbolag och medborgare "
        f"(uttag {timezone.localdate():%Y-%m-%d})."
    )
    return [
        DraftPassage("omfattning", "\n".join(omfattning)),
        DraftPassage("konsekvenser", "\n".join(konsekvenser)),
        DraftPassage("orsaker", "\n".join(orsaker)),
        DraftPassage("kallor", kallor),
    ]


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


def follow_up_rows(*, viewer: Viewer, year: int) -> list[FollowUpRow]:
    """The year's report figures for the goals they speak to (G1–G4, G8)."""
    # Only totals leave the selectors, never a report: a council member who may not read
    # single reports still gets the figures the council is to follow up (small counts
    # suppressed).
    this = report_totals(viewer=viewer, start=year_bounds(year)[0], end=year_bounds(year)[1])
    last = report_totals(
        viewer=viewer, start=year_bounds(year - 1)[0], end=year_bounds(year - 1)[1]
    )
    return [
        FollowUpRow(
            "G1",
            f"{_reports(this.reports)} om brott och otrygghet ({_fmt(last.reports)} året "
            f"före), varav {_fmt(this.insecurity)} om otrygghet.",
        ),
        FollowUpRow(
            "G2",
            f"Uppskattad kostnad för skador i kommunens verksamheter: "
            f"{format_kronor(this.cost_sek)} ({format_kronor(last.cost_sek)} året före).",
        ),
        FollowUpRow(
            "G3",
            f"{_reports(this.reports)} i inrapporteringssystemet är underlag för den "
            "gemensamma lägesbilden.",
        ),
        FollowUpRow("G4", f"{_reports(this.youth)} där unga var inblandade."),
        FollowUpRow("G8", f"{_reports(this.welfare_crime)} om misstänkta välfärdsbrott."),
    ]
