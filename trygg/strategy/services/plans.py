"""Writes for the åtgärdsplan: the plan and its decision, measures, indicators and their
values, follow-ups, and problem pictures (SARA). Each checks `strategy.manage_plans`, checks
that what it links to belongs to the municipality, and is audited in the same transaction."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from trygg.core.kernel import NOT_OURS, audit, own, require
from trygg.core.viewer import Viewer
from trygg.reports.selectors import ReportFilter

from ..models import (
    ActionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureFollowUp,
    ProblemPicture,
    StrategicPicture,
)

MANAGE = "strategy.manage_plans"
WITHDRAWN = "Den är tillbakadragen och kan inte ändras."
# Free text (and a person's name) is named in the history but its words are not copied into
# the audit row: the row outlives the text's own retention and is read by every auditor.
TEXT_FIELDS = {"title", "description", "owner_person", "decided_by", "withdrawal_reason"}


def _snapshot(obj, fields) -> dict:
    out = {}
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        if isinstance(value, date):
            value = value.isoformat()
        elif value is not None and not isinstance(value, int | str | float | bool):
            value = str(value)
        out[name] = value
    return out


def _changes(before: dict, after: dict) -> tuple[dict, list[str]]:
    """What an edit changed: {field: [old, new]} for codes, dates and numbers, and the names
    of changed free-text fields (without their words)."""
    values, texts = {}, []
    for name, old in before.items():
        if after[name] == old:
            continue
        if name in TEXT_FIELDS:
            texts.append(name)
        else:
            values[name] = [old, after[name]]
    return values, texts


@transaction.atomic
def problem_save(
    *, viewer: Viewer, problem: ProblemPicture | None = None, areas=(), focus_areas=(), **fields
) -> ProblemPicture:
    """A problem picture; its report filter is stored in the report list's own query form,
    so the figures and the link to the reports always agree."""
    require(viewer, MANAGE)
    own(viewer, problem, *areas, *focus_areas)
    query = (fields.get("report_query") or "").lstrip("?")
    parsed = ReportFilter.from_query(QueryDict(query))
    if parsed.errors:
        raise ValidationError({"report_query": list(parsed.errors.values())})
    fields["report_query"] = parsed.to_query()
    created = problem is None
    problem = problem or ProblemPicture(municipality=viewer.municipality)
    for key, value in fields.items():
        setattr(problem, key, value)
    problem.full_clean()
    problem.save()
    problem.areas.set(areas)
    problem.focus_areas.set(focus_areas)
    audit(
        viewer,
        "strategy.problem_created" if created else "strategy.problem_updated",
        problem,
        summary=f"Problembild {problem.title}",
        areas=sorted(a.pk for a in areas),
        focus_areas=sorted(f.pk for f in focus_areas),
    )
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
    """A two-year plan, built on the strategic lägesbild of the municipality."""
    require(viewer, MANAGE)
    own(viewer, plan, picture)
    if plan is not None and plan.withdrawn:
        raise ValidationError(f"Åtgärdsplanen: {WITHDRAWN}")
    if end_year != start_year + 1:
        raise ValidationError({"end_year": ["Åtgärdsplanen gäller två år i följd."]})
    created = plan is None
    plan = plan or ActionPlan(municipality=viewer.municipality)
    before = _snapshot(plan, PLAN_FIELDS)
    plan.title, plan.start_year, plan.end_year = title.strip(), start_year, end_year
    plan.picture, plan.follow_up_months = picture, follow_up_months
    plan.full_clean()
    plan.save()
    values, texts = _changes(before, _snapshot(plan, PLAN_FIELDS))
    if not created and not (values or texts):
        return plan
    audit(
        viewer,
        "strategy.plan_created" if created else "strategy.plan_updated",
        plan,
        summary=f"Åtgärdsplan {plan.title}",
        start_year=start_year,
        end_year=end_year,
        picture=picture.pk if picture else None,
        **({} if created else {"changes": values, "changed_text": texts}),
    )
    return plan


PLAN_FIELDS = ("title", "start_year", "end_year", "picture", "follow_up_months")
MEASURE_FIELDS = (
    "title",
    "description",
    "problem",
    "owner",
    "owner_person",
    "goal",
    "start",
    "end",
    "budget_sek",
    "area",
    "comparison_area",
    "effect_category",
)


@transaction.atomic
def plan_withdraw(*, viewer: Viewer, plan: ActionPlan, reason: str) -> ActionPlan:
    """Withdraws a plan (never deletes it): it and its measures stay readable with their
    history, leave the follow-up reminders and can no longer be changed."""
    require(viewer, MANAGE)
    own(viewer, plan)
    if plan.withdrawn:
        raise ValidationError(f"Åtgärdsplanen: {WITHDRAWN}")
    if not reason.strip():
        raise ValidationError({"reason": ["Skriv varför planen dras tillbaka."]})
    plan.withdrawn_at, plan.withdrawal_reason = timezone.now(), reason.strip()
    plan.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    audit(
        viewer, "strategy.plan_withdrawn", plan, summary=f"Åtgärdsplan {plan.title} tillbakadragen"
    )
    return plan


@transaction.atomic
def measure_withdraw(*, viewer: Viewer, measure: Measure, reason: str) -> Measure:
    """Withdraws a measure (never deletes it): it stays on its plan, marked, with its
    follow-ups and history, and is no longer due for follow-up."""
    require(viewer, MANAGE)
    own(viewer, measure)
    if measure.withdrawn or measure.plan.withdrawn:
        raise ValidationError(f"Åtgärden: {WITHDRAWN}")
    if not reason.strip():
        raise ValidationError({"reason": ["Skriv varför åtgärden dras tillbaka."]})
    measure.withdrawn_at, measure.withdrawal_reason = timezone.now(), reason.strip()
    measure.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    audit(
        viewer,
        "strategy.measure_withdrawn",
        measure,
        summary=f"Åtgärd {measure.title} tillbakadragen",
        plan=measure.plan_id,
    )
    return measure


@transaction.atomic
def plan_decide(
    *, viewer: Viewer, plan: ActionPlan, decided_by: str, decided_on: date, decision_paragraph: str
) -> ActionPlan:
    """A plan is decided from a decided lägesbild (the law's order), with at least one measure."""
    require(viewer, MANAGE)
    own(viewer, plan)
    if plan.withdrawn:
        raise ValidationError(f"Åtgärdsplanen: {WITHDRAWN}")
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
    audit(
        viewer,
        "strategy.plan_decided",
        plan,
        summary=f"Åtgärdsplan {plan.title} beslutad",
        decided_on=decided_on.isoformat(),
        picture=plan.picture_id,
    )
    return plan


@transaction.atomic
def measure_save(
    *, viewer: Viewer, plan: ActionPlan, measure: Measure | None = None, **fields
) -> Measure:
    """A measure of the plan; its comparison area (for the effect estimate) differs from
    its own area."""
    require(viewer, MANAGE)
    own(
        viewer,
        plan,
        measure,
        fields.get("owner"),
        fields.get("problem"),
        fields.get("area"),
        fields.get("comparison_area"),
        fields.get("effect_category"),
    )
    if plan.withdrawn or (measure is not None and measure.withdrawn):
        raise ValidationError(WITHDRAWN)
    if measure is not None and measure.plan_id != plan.pk:
        raise ValidationError(NOT_OURS)
    if fields["end"] < fields["start"]:
        raise ValidationError({"end": ["Slutdatum ligger före startdatum."]})
    if fields.get("area") and fields.get("area") == fields.get("comparison_area"):
        raise ValidationError({"comparison_area": ["Jämförelseområdet ska vara ett annat område."]})
    created = measure is None
    measure = measure or Measure(municipality=viewer.municipality, plan=plan)
    before = _snapshot(measure, MEASURE_FIELDS)
    for key, value in fields.items():
        setattr(measure, key, value)
    measure.full_clean()
    measure.save()
    values, texts = _changes(before, _snapshot(measure, MEASURE_FIELDS))
    if not created and not (values or texts):
        return measure
    audit(
        viewer,
        "strategy.measure_created" if created else "strategy.measure_updated",
        measure,
        summary=f"Åtgärd {measure.title}",
        plan=plan.pk,
        **({} if created else {"changes": values, "changed_text": texts}),
    )
    return measure


@transaction.atomic
def indicator_add(*, viewer: Viewer, measure: Measure, **fields) -> Indicator:
    """An indicator of a measure: counted from the reports (needs a category) or entered
    by hand."""
    require(viewer, MANAGE)
    own(viewer, measure, fields.get("category"), fields.get("area"))
    if fields["kind"] == Indicator.Kind.DATA and fields.get("category") is None:
        raise ValidationError({"category": ["En indikator från rapporterna behöver en kategori."]})
    indicator = Indicator(municipality=viewer.municipality, measure=measure, **fields)
    indicator.full_clean()
    indicator.save()
    audit(
        viewer,
        "strategy.indicator_added",
        indicator,
        summary=f"Indikator {indicator.name}",
        measure=measure.pk,
        kind=indicator.kind,
    )
    return indicator


@transaction.atomic
def indicator_value_add(
    *, viewer: Viewer, indicator: Indicator, on: date, value: float
) -> IndicatorValue:
    """A value entered by hand; an indicator counted from the reports takes none."""
    require(viewer, MANAGE)
    own(viewer, indicator)
    if indicator.kind != Indicator.Kind.MANUELL:
        raise ValidationError("Den här indikatorn räknas från rapporterna.")
    entry = IndicatorValue.objects.create(
        municipality=viewer.municipality, indicator=indicator, on=on, value=value
    )
    audit(
        viewer,
        "strategy.indicator_value_added",
        indicator,
        summary=f"Värde för indikator {indicator.name}",
        on=on.isoformat(),
        value=float(value),
    )
    return entry


@transaction.atomic
def follow_up_add(
    *, viewer: Viewer, measure: Measure, on: date, status: str, text: str
) -> MeasureFollowUp:
    """A follow-up of a measure, dated today or earlier; it sets the measure's status."""
    require(viewer, MANAGE)
    own(viewer, measure)
    if measure.withdrawn or measure.plan.withdrawn:
        raise ValidationError(f"Åtgärden: {WITHDRAWN}")
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
    audit(
        viewer,
        "strategy.follow_up_added",
        measure,
        summary=f"Uppföljning av {measure.title}",
        on=on.isoformat(),
        status=status,
    )
    return entry
