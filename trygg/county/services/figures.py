"""The aggregates of one snapshot, computed from the municipality's own rows through the
reports, strategy and dialog apps' selectors. Everything here is counts, rates and the titles the
municipality gave its measures; no report, name or citizen's text ever enters `figures`."""

from datetime import date

from trygg.core.contributions import checklist_for
from trygg.core.viewer import Viewer
from trygg.dialog.selectors.public import public_results, published_dialogues
from trygg.locale_sv import day_start
from trygg.reports.selectors import (
    category_list,
    counts_by_category_and_period,
    counts_by_h3_r8,
)
from trygg.strategy.selectors.plans import measure_effect, plan_list, plan_measures

from ..codes import COUNTY_CODES, SUPPRESS_BELOW, UNMAPPED
from ..models import CategoryMapping


def quarters_ending(end: date, n: int = 4) -> list[tuple[date, date]]:
    """The n whole calendar quarters up to and including the one `end` falls in, oldest first
    (each [start, next start))."""
    q = (end.month - 1) // 3
    year = end.year
    out = []
    for _ in range(n):
        start = date(year, 3 * q + 1, 1)
        nxt = date(year + (q == 3), (3 * q + 3) % 12 + 1, 1)
        out.append((start, nxt))
        q -= 1
        if q < 0:
            q, year = 3, year - 1
    return out[::-1]


def quarter_label(start: date) -> str:
    return f"{start.year} K{(start.month - 1) // 3 + 1}"


def mapping_of(viewer: Viewer) -> dict[int, str]:
    return dict(
        CategoryMapping.objects.filter(municipality=viewer.municipality).values_list(
            "category_id", "county_code"
        )
    )


def count_cells(*, viewer: Viewer, quarters: list[tuple[date, date]]) -> dict:
    """{"quarters": [...], "rows": [{"code", "counts": [n|None], "rates": [x|None]}]}: per
    county code × quarter, the count and the rate per 100,000 inhabitants; a count of 1–4 is
    stored as None (suppressed at publication, so the county never holds it)."""
    periods = [(day_start(s), day_start(e)) for s, e in quarters]
    raw = counts_by_category_and_period(viewer=viewer, periods=periods)
    categories = {
        c.pk: c for c in category_list(municipality=viewer.municipality, only_active=False)
    }
    mapping = mapping_of(viewer)
    per_code = {code: [0] * len(quarters) for code, _ in COUNTY_CODES}
    for cid, counts in raw.items():
        c = categories.get(cid)
        # A subcategory follows its own mapping, else its parent's.
        code = mapping.get(cid) or (mapping.get(c.parent_id) if c else None) or UNMAPPED
        for i, n in enumerate(counts):
            per_code[code][i] += n
    population = viewer.municipality.population
    rows = []
    for code, _ in COUNTY_CODES:
        counts = [None if 0 < n < SUPPRESS_BELOW else n for n in per_code[code]]
        rates = [
            round(n * 100_000 / population, 1) if (n is not None and population) else None
            for n in counts
        ]
        rows.append({"code": code, "counts": counts, "rates": rates})
    return {"quarters": [quarter_label(s) for s, _ in quarters], "rows": rows}


def _verdict(effect) -> str:
    result = effect.result
    if not effect.ready or result is None:
        return "kan_inte_bedomas"
    if getattr(result, "significant", False) and getattr(result, "percent_change", 0) < 0:
        return "minskning"
    if getattr(result, "significant", False):
        return "okning"
    return "ingen_effekt"


def measures(*, viewer: Viewer) -> list[dict]:
    """Every measure of the municipality's plans with its status and evaluation. The title
    is the municipality's own wording of a public plan; the description is left out."""
    out = []
    for plan in plan_list(viewer=viewer).order_by("-start_year", "pk"):
        for measure, _last, _next, overdue in plan_measures(plan=plan):
            effect = measure_effect(viewer=viewer, measure=measure)
            out.append(
                {
                    "title": measure.title,
                    "plan": plan.title,
                    "status": measure.get_status_display(),
                    "stopped": measure.status == measure.Status.AVBRUTEN,
                    "verdict": _verdict(effect),
                    "effect": effect.text if effect.ready else "",
                    "overdue": overdue,
                }
            )
    return out


def law_status(*, viewer: Viewer) -> list[dict]:
    return [
        {
            "name": item.name,
            "requirement": item.requirement,
            "reference": item.reference,
            "met": answer.met,
            "evidence": answer.evidence,
        }
        for item, answer in checklist_for(viewer)
    ]


def h3_counts(*, viewer: Viewer, start: date, end: date) -> dict[str, int]:
    start_dt, end_dt = day_start(start), day_start(end)
    return {
        str(cell): n
        for cell, n in counts_by_h3_r8(viewer=viewer, start=start_dt, end=end_dt).items()
    }


def dialogue_results(*, viewer: Viewer) -> list[dict]:
    """The municipality's published medborgardialoger exactly as its public "ni sa – vi gör"
    page shows them: how many took part in each part and the themes raised by 5 or more
    (the dialog app's own suppression); no answer, quote or respondent."""
    out = []
    for dialogue in published_dialogues(municipality=viewer.municipality):
        results = public_results(dialogue=dialogue)
        out.append(
            {
                "title": dialogue.title,
                "published": dialogue.published_at.date().isoformat(),
                "parts": [[part.label, part.taken_part] for part in results.parts],
                "themes": [list(theme) for theme in results.themes],
            }
        )
    return out
