"""Åtgärdsplan, measures, indicators and follow-up; problem pictures (SARA); measured effect.

Writes check `strategy.manage_plans` and are audited; reads compute the figures from the
reports so they stay current."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from trygg.analytics.evaluation import diff_in_diff
from trygg.core.audit import audit_log
from trygg.core.models import AuditEvent
from trygg.core.viewer import Viewer
from trygg.locale_sv import day_start
from trygg.reports.selectors import ReportFilter, report_list, visible_reports

from .models import (
    ActionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureFollowUp,
    ProblemPicture,
    StrategicPicture,
)

OPEN = (Measure.Status.PLANERAD, Measure.Status.PAGAR)


def _require(viewer: Viewer) -> None:
    if not viewer.may("strategy.manage_plans"):
        raise PermissionDenied("Du har inte behörighet att göra detta.")


def _own(viewer: Viewer, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.municipality_id != viewer.municipality.pk:
            raise ValidationError("Uppgiften hör inte till kommunen.")


def _audit(viewer, action, obj, summary):
    audit_log(
        action=action, actor=viewer.user, municipality=viewer.municipality, obj=obj, summary=summary
    )


@transaction.atomic
def problem_save(
    *, viewer: Viewer, problem: ProblemPicture | None = None, areas=(), focus_areas=(), **fields
) -> ProblemPicture:
    _require(viewer)
    _own(viewer, *areas, *focus_areas)
    query = (fields.get("report_query") or "").lstrip("?")
    parsed = ReportFilter.from_query(QueryDict(query))
    if parsed.errors:
        raise ValidationError({"report_query": list(parsed.errors.values())})
    fields["report_query"] = parsed.to_query()
    problem = problem or ProblemPicture(municipality=viewer.municipality)
    for key, value in fields.items():
        setattr(problem, key, value)
    problem.full_clean()
    problem.save()
    problem.areas.set(areas)
    problem.focus_areas.set(focus_areas)
    _audit(viewer, AuditEvent.Action.UPDATED, problem, f"Problembild {problem.title}")
    return problem


@transaction.atomic
def plan_save(
    *,
    viewer: Viewer,
    plan: ActionPlan | None = None,
    title: str,
    start_year: int,
    end_year: int,
    picture: StrategicPicture | None,
    follow_up_months: int,
) -> ActionPlan:
    _require(viewer)
    _own(viewer, picture)
    if end_year != start_year + 1:
        raise ValidationError({"end_year": ["Åtgärdsplanen gäller två år i följd."]})
    plan = plan or ActionPlan(municipality=viewer.municipality)
    plan.title, plan.start_year, plan.end_year = title.strip(), start_year, end_year
    plan.picture, plan.follow_up_months = picture, follow_up_months
    plan.full_clean()
    plan.save()
    _audit(viewer, AuditEvent.Action.UPDATED, plan, f"Åtgärdsplan {plan.title}")
    return plan


@transaction.atomic
def plan_decide(
    *, viewer: Viewer, plan: ActionPlan, decided_by: str, decided_on: date, decision_paragraph: str
) -> ActionPlan:
    """A plan is decided from a decided lägesbild (the law's order), with at least one measure."""
    _require(viewer)
    errors = []
    if plan.picture is None or plan.picture.status != StrategicPicture.Status.BESLUTAD:
        errors.append(
            "En åtgärdsplan kan bara beslutas utifrån en beslutad lägesbild. "
            "Besluta lägesbilden först."
        )
    if not plan.measures.exists():
        errors.append("Planen har inga åtgärder.")
    if not (decided_by.strip() and decided_on and decision_paragraph.strip()):
        errors.append("Ange beslutande organ, datum och paragraf.")
    if errors:
        raise ValidationError(errors)
    plan.status = ActionPlan.Status.BESLUTAD
    plan.decided_by, plan.decided_on = decided_by.strip(), decided_on
    plan.decision_paragraph = decision_paragraph.strip()
    plan.save()
    _audit(viewer, AuditEvent.Action.UPDATED, plan, f"Åtgärdsplan {plan.title} beslutad")
    return plan


@transaction.atomic
def measure_save(
    *, viewer: Viewer, plan: ActionPlan, measure: Measure | None = None, **fields
) -> Measure:
    _require(viewer)
    _own(
        viewer,
        fields.get("owner"),
        fields.get("problem"),
        fields.get("area"),
        fields.get("comparison_area"),
        fields.get("effect_category"),
    )
    if fields["end"] < fields["start"]:
        raise ValidationError({"end": ["Slutdatum ligger före startdatum."]})
    if fields.get("area") and fields.get("area") == fields.get("comparison_area"):
        raise ValidationError({"comparison_area": ["Jämförelseområdet ska vara ett annat område."]})
    measure = measure or Measure(municipality=viewer.municipality, plan=plan)
    for key, value in fields.items():
        setattr(measure, key, value)
    measure.full_clean()
    measure.save()
    _audit(viewer, AuditEvent.Action.UPDATED, measure, f"Åtgärd {measure.title}")
    return measure


@transaction.atomic
def indicator_add(*, viewer: Viewer, measure: Measure, **fields) -> Indicator:
    _require(viewer)
    _own(viewer, fields.get("category"), fields.get("area"))
    if fields["kind"] == Indicator.Kind.DATA and fields.get("category") is None:
        raise ValidationError({"category": ["En indikator från rapporterna behöver en kategori."]})
    indicator = Indicator(municipality=viewer.municipality, measure=measure, **fields)
    indicator.full_clean()
    indicator.save()
    _audit(viewer, AuditEvent.Action.CREATED, indicator, f"Indikator {indicator.name}")
    return indicator


@transaction.atomic
def indicator_value_add(*, viewer: Viewer, indicator: Indicator, on: date, value: float):
    _require(viewer)
    if indicator.kind != Indicator.Kind.MANUELL:
        raise ValidationError("Den här indikatorn räknas från rapporterna.")
    return IndicatorValue.objects.create(
        municipality=viewer.municipality, indicator=indicator, on=on, value=value
    )


@transaction.atomic
def follow_up_add(*, viewer: Viewer, measure: Measure, on: date, status: str, text: str):
    _require(viewer)
    if not text.strip():
        raise ValidationError({"text": ["Beskriv hur det går."]})
    if on > timezone.localdate():
        raise ValidationError({"on": ["Datumet ligger i framtiden."]})
    entry = MeasureFollowUp.objects.create(
        municipality=viewer.municipality,
        measure=measure,
        on=on,
        status=status,
        text=text.strip(),
        created_by=viewer.user,
    )
    measure.status = status
    measure.save(update_fields=["status"])
    _audit(viewer, AuditEvent.Action.UPDATED, measure, f"Uppföljning av {measure.title}")
    return entry


# --- Reads -----------------------------------------------------------------------------


def next_follow_up(measure: Measure, last: date | None) -> date:
    months = measure.plan.follow_up_months
    return (last or measure.start) + timedelta(days=round(30.4 * months))


def is_overdue(measure: Measure, last: date | None, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        measure.status in OPEN and measure.start <= today and next_follow_up(measure, last) < today
    )


def overdue_measures(*, municipality, today: date | None = None) -> list[tuple[Measure, date]]:
    """Open measures whose follow-up is late, with the date it was due."""
    measures = (
        Measure.objects.filter(municipality=municipality, status__in=OPEN)
        .select_related("plan", "owner")
        .prefetch_related("follow_ups")
    )
    out = []
    for m in measures:
        last = max((f.on for f in m.follow_ups.all()), default=None)
        if is_overdue(m, last, today):
            out.append((m, next_follow_up(m, last)))
    return out


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


def problem_figures(*, viewer: Viewer, problem: ProblemPicture) -> Series:
    if not problem.report_query:
        return Series([], "Problembilden har inget rapportfilter ännu.")
    filters = ReportFilter.from_query(QueryDict(problem.report_query))
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
    return Series(points, message, reverse("reports:list") + "?" + problem.report_query)


@dataclass
class Effect:
    ready: bool
    text: str
    result: object = None
    windows: tuple = ()
    counts: tuple = ()


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
