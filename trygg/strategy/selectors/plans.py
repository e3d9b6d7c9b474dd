"""Reads for the åtgärdsplan: plans, measures and when each is due for follow-up, the
indicators' series, problem pictures' figures, and a measure's estimated effect. The
figures are counted from the reports the viewer may read, so they stay current."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from trygg.analytics.evaluation import diff_in_diff
from trygg.core.kernel import require
from trygg.core.viewer import Viewer
from trygg.locale_sv import day_start
from trygg.reports.selectors import ReportFilter, report_list, saved_filters, visible_reports

from ..models import ActionPlan, Indicator, Measure, MeasureFollowUp, ProblemPicture

OPEN = (Measure.Status.PLANERAD, Measure.Status.PAGAR)
VIEW = "strategy.view"


def plan_list(*, viewer: Viewer) -> QuerySet[ActionPlan]:
    require(viewer, VIEW)
    return ActionPlan.objects.filter(municipality=viewer.municipality)


def plan_get(*, viewer: Viewer, pk: int) -> ActionPlan | None:
    return plan_list(viewer=viewer).filter(pk=pk).select_related("picture").first()


def measure_get(*, viewer: Viewer, pk: int) -> Measure | None:
    require(viewer, VIEW)
    return (
        Measure.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("plan", "owner", "problem", "area", "comparison_area", "effect_category")
        .first()
    )


def problem_list(*, viewer: Viewer) -> QuerySet[ProblemPicture]:
    require(viewer, VIEW)
    return ProblemPicture.objects.filter(municipality=viewer.municipality)


def problem_get(*, viewer: Viewer, pk: int) -> ProblemPicture | None:
    return problem_list(viewer=viewer).filter(pk=pk).first()


def problem_query(problem: ProblemPicture) -> str:
    """The problem's report filter in the report list's query form. Values pasted from an
    address before filters were picked from a list may start with "?" or order their
    parameters differently; they read as the same filter."""
    return ReportFilter.from_query(QueryDict(problem.report_query.lstrip("?"))).to_query()


def saved_report_filters(*, viewer: Viewer) -> list[tuple[str, str]]:
    """The viewer's saved report filters as (name, query), for the problem picture's picker."""
    if not viewer.may("reports.view"):
        return []
    return [
        (f.name, ReportFilter.from_query(QueryDict(f.query)).to_query())
        for f in saved_filters(viewer=viewer)
    ]


# --- Follow-up ---------------------------------------------------------------------------


def next_follow_up(measure: Measure, last: date | None) -> date:
    months = measure.plan.follow_up_months
    return (last or measure.start) + timedelta(days=round(30.4 * months))


def is_overdue(measure: Measure, last: date | None, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        measure.status in OPEN
        and not measure.withdrawn
        and not measure.plan.withdrawn
        and measure.start <= today
        and next_follow_up(measure, last) < today
    )


def _last_follow_up(measure: Measure) -> date | None:
    # Over the prefetched follow-ups: one query for the whole list, not one per measure.
    return max((f.on for f in measure.follow_ups.all()), default=None)


def overdue_measures(*, municipality, today: date | None = None) -> list[tuple[Measure, date]]:
    """Open measures whose follow-up is late, with the date it was due. Takes the
    municipality, not a viewer: the daily reminder job runs for no one in particular."""
    measures = (
        Measure.objects.filter(
            municipality=municipality,
            status__in=OPEN,
            withdrawn_at__isnull=True,
            plan__withdrawn_at__isnull=True,
        )
        .select_related("plan", "owner")
        .prefetch_related("follow_ups")
    )
    out = []
    for m in measures:
        last = _last_follow_up(m)
        if is_overdue(m, last, today):
            out.append((m, next_follow_up(m, last)))
    return out


def plan_measures(*, plan: ActionPlan) -> list[tuple[Measure, date | None, date, bool]]:
    """The plan's measures, each with its last follow-up, the next one due and whether
    that is late."""
    rows = []
    for m in plan.measures.select_related("owner", "problem").prefetch_related("follow_ups"):
        last = _last_follow_up(m)
        rows.append((m, last, next_follow_up(m, last), is_overdue(m, last)))
    return rows


def measure_follow_ups(*, measure: Measure) -> QuerySet[MeasureFollowUp]:
    return measure.follow_ups.select_related("created_by")


# --- Figures -----------------------------------------------------------------------------


def _quarters(n: int, today: date) -> list[tuple[date, date]]:
    q_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    out = []
    for _ in range(n):
        nxt = date(q_start.year + (q_start.month + 2) // 12, (q_start.month + 2) % 12 + 1, 1)
        out.append((q_start, nxt))
        q_start = date(q_start.year - (q_start.month == 1), (q_start.month - 4) % 12 + 1, 1)
    return list(reversed(out))


def _aware(d: date) -> datetime:
    return day_start(d)


@dataclass
class Series:
    points: list[tuple[str, float]]
    message: str = ""
    link: str = ""


def indicator_series(*, viewer: Viewer, indicator: Indicator, quarters: int = 8) -> Series:
    """An indicator's values: entered by hand, or reports of its category (and its
    sub-categories) per quarter, with a link to those reports."""
    if indicator.kind == Indicator.Kind.MANUELL:
        points = [(v.on.isoformat(), v.value) for v in indicator.values.all()]
        return Series(points, "" if points else "Inga värden inlagda ännu.")
    qs = visible_reports(viewer).filter(
        Q(category=indicator.category) | Q(category__parent=indicator.category)
    )
    if indicator.area_id:
        qs = qs.filter(areas=indicator.area)
    points = []
    for start, end in _quarters(quarters, timezone.localdate()):
        n = qs.filter(occurred_at__gte=_aware(start), occurred_at__lt=_aware(end)).count()
        points.append((f"{start.year} kv{(start.month - 1) // 3 + 1}", float(n)))
    message = (
        ""
        if qs.exists()
        else "Indikatorn matchar inga rapporter alls: kontrollera kategori och område."
    )
    link = (
        reverse("reports:list")
        + "?"
        + ReportFilter(categories=[indicator.category_id], area=indicator.area_id).to_query()
    )
    return Series(points, message, link)


def measure_indicators(*, viewer: Viewer, measure: Measure) -> list[tuple[Indicator, Series]]:
    return [
        (i, indicator_series(viewer=viewer, indicator=i))
        for i in measure.indicators.select_related("category", "area").prefetch_related("values")
    ]


def problem_figures(*, viewer: Viewer, problem: ProblemPicture) -> Series:
    """Reports matching the problem picture's filter per quarter, the last two years."""
    query = problem_query(problem)
    if not query:
        return Series([], "Problembilden har inget rapportfilter ännu.")
    filters = ReportFilter.from_query(QueryDict(query))
    qs = report_list(viewer=viewer, filters=filters).order_by()
    points = [
        (
            f"{s.year} kv{(s.month - 1) // 3 + 1}",
            float(qs.filter(occurred_at__gte=_aware(s), occurred_at__lt=_aware(e)).count()),
        )
        for s, e in _quarters(8, timezone.localdate())
    ]
    message = (
        "" if any(v for _, v in points) else "Filtret matchar inga rapporter de senaste två åren."
    )
    return Series(points, message, reverse("reports:list") + "?" + query)


@dataclass
class Effect:
    ready: bool
    text: str
    result: object = None
    windows: tuple = ()
    counts: tuple = ()


def area_effect(
    *, viewer: Viewer, area, comparison_area, category, start: date, today: date | None = None
) -> Effect:
    """The same evaluation for something that is not a measure of the plan (a re-walk of a
    trygghetsvandring): it acts in the area from `start`, and reads as an unsaved measure."""
    today = today or timezone.localdate()
    probe = Measure(
        municipality=viewer.municipality,
        area=area,
        comparison_area=comparison_area,
        effect_category=category,
        start=start,
        end=today,
    )
    return measure_effect(viewer=viewer, measure=probe, today=today)


def measure_effect(*, viewer: Viewer, measure: Measure, today: date | None = None) -> Effect:
    """Before/after in the measure's area against a comparison area (difference in
    differences on report counts), over equal windows before and after the start."""
    today = today or timezone.localdate()
    missing = [
        label
        for value, label in (
            (measure.area_id, "område"),
            (measure.comparison_area_id, "jämförelseområde"),
            (measure.effect_category_id, "kategori"),
        )
        if not value
    ]
    if missing:
        return Effect(
            False, "Ange " + ", ".join(missing) + " för åtgärden för att kunna uppskatta effekten."
        )
    days = min(365, (today - measure.start).days)
    if days < 28:
        return Effect(
            False,
            "Åtgärden har pågått kortare än fyra veckor; det är för tidigt "
            "att uppskatta en effekt.",
        )
    before = (measure.start - timedelta(days=days), measure.start)
    after = (measure.start, measure.start + timedelta(days=days))
    qs = visible_reports(viewer).filter(
        Q(category=measure.effect_category) | Q(category__parent=measure.effect_category)
    )

    def count(area, window):
        return qs.filter(
            areas=area, occurred_at__gte=_aware(window[0]), occurred_at__lt=_aware(window[1])
        ).count()

    counts = (
        count(measure.area, before),
        count(measure.area, after),
        count(measure.comparison_area, before),
        count(measure.comparison_area, after),
    )
    result = diff_in_diff(
        treated_before=counts[0],
        treated_after=counts[1],
        control_before=counts[2],
        control_after=counts[3],
    )
    return Effect(True, result.text, result, (before, after), counts)
