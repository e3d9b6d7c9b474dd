"""Writes to the programme register: a programme with its logic model and links, its
partners and its indicators. Every write checks programmes.manage, keeps every row it
touches inside the viewer's municipality and is audited in the same transaction."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from trygg.core.kernel import audit, own, require
from trygg.core.text import strip_control_characters
from trygg.core.viewer import Viewer
from trygg.strategy.models import Goal

from ..audit_events import (
    INDICATOR_ADDED,
    INDICATOR_REMOVED,
    PARTNER_ADDED,
    PARTNER_REMOVED,
    PROGRAMME_CREATED,
    PROGRAMME_UPDATED,
)
from ..models import Partner, Programme, ProgrammeIndicator, ProgrammeKind
from ..models.register import KIND_GOAL

MANAGE = "programmes.manage"
NO_OWNER = (
    "Ange ansvarig organisation. Ett program är en överenskommelse och kan inte sakna organisation."
)
NO_PARTNER = "Ange organisation. En överenskommelse kan inte sakna organisation."


def _text(value: str) -> str:
    return strip_control_characters((value or "").strip())


def _checked(
    viewer: Viewer,
    *,
    programme: Programme | None,
    kind: str,
    goal: str,
    name: str,
    owner,
    start: date | None,
    end: date | None,
    budget_sek: Decimal | None,
    areas,
    comparison_area,
    effect_category,
    measures,
    problems,
    promise_activities,
) -> dict:
    errors: dict[str, str] = {}
    if kind not in ProgrammeKind.values:
        errors["kind"] = "Välj typ av program."
    goal = goal or KIND_GOAL.get(kind, "")
    if goal not in Goal.values:
        errors["goal"] = "Välj ett av riktlinjens mål."
    name = _text(name)
    if not name:
        errors["name"] = "Ge programmet ett namn."
    if owner is None:
        errors["owner"] = NO_OWNER
    if start is None:
        errors["start"] = "Ange när programmet startar."
    elif end is not None and end < start:
        errors["end"] = "Slutdatum kan inte vara före start."
    if budget_sek is not None and budget_sek < 0:
        errors["budget_sek"] = "Budgeten kan inte vara negativ."
    areas = list(areas or [])
    if comparison_area is not None and comparison_area in areas:
        errors["comparison_area"] = (
            "Jämförelseområdet ska vara ett område där programmet inte finns."
        )
    if errors:
        raise ValidationError(errors)
    linked = [*areas, *(measures or []), *(problems or []), *(promise_activities or [])]
    own(viewer, owner, comparison_area, effect_category, *linked)
    clash = Programme.objects.filter(municipality=viewer.municipality, name=name)
    if programme is not None:
        clash = clash.exclude(pk=programme.pk)
    if clash.exists():
        raise ValidationError({"name": "Det finns redan ett program med det namnet."})
    return {"kind": kind, "goal": goal, "name": name}


def _links(programme: Programme, areas, measures, problems, promise_activities) -> None:
    programme.areas.set(areas or [])
    programme.measures.set(measures or [])
    programme.problems.set(problems or [])
    programme.promise_activities.set(promise_activities or [])


@transaction.atomic
def programme_save(
    *,
    viewer: Viewer,
    programme: Programme | None = None,
    kind: str,
    name: str,
    owner,
    start: date | None,
    goal: str = "",
    end: date | None = None,
    target_group: str = "",
    budget_sek: Decimal | None = None,
    areas=(),
    comparison_area=None,
    effect_category=None,
    problem: str = "",
    activity: str = "",
    mechanism: str = "",
    short_term_outcome: str = "",
    long_term_outcome: str = "",
    measures=(),
    problems=(),
    promise_activities=(),
) -> Programme:
    """Registers a programme (programme=None) or edits one. The goal defaults to the kind's
    (KIND_GOAL); an owner organisation is required; every linked row must be the viewer's
    municipality's."""
    require(viewer, MANAGE)
    own(viewer, programme)
    fields = _checked(
        viewer,
        programme=programme,
        kind=kind,
        goal=goal,
        name=name,
        owner=owner,
        start=start,
        end=end,
        budget_sek=budget_sek,
        areas=areas,
        comparison_area=comparison_area,
        effect_category=effect_category,
        measures=measures,
        problems=problems,
        promise_activities=promise_activities,
    )
    fields |= {
        "owner": owner,
        "start": start,
        "end": end,
        "target_group": _text(target_group),
        "budget_sek": budget_sek,
        "comparison_area": comparison_area,
        "effect_category": effect_category,
    }
    steps = {"problem": problem, "activity": activity, "mechanism": mechanism}
    steps |= {"short_term_outcome": short_term_outcome, "long_term_outcome": long_term_outcome}
    fields |= {step: _text(value) for step, value in steps.items()}
    if programme is None:
        programme = Programme.objects.create(
            municipality=viewer.municipality, created_by=viewer.user, **fields
        )
        event, summary = PROGRAMME_CREATED, "Program registrerat"
    else:
        for field, value in fields.items():
            setattr(programme, field, value)
        programme.save(update_fields=[*fields, "updated_at"])
        event, summary = PROGRAMME_UPDATED, "Program ändrat"
    _links(programme, areas, measures, problems, promise_activities)
    audit(
        viewer,
        event,
        programme,
        summary=summary,
        kind=programme.kind,
        goal=programme.goal,
        areas=sorted(a.pk for a in areas or []),
    )
    return programme


@transaction.atomic
def partner_add(
    *, viewer: Viewer, programme: Programme, organisation, agreement: str, role: str = ""
) -> Partner:
    """Adds an association, company or other actor as partner on the given terms."""
    require(viewer, MANAGE)
    own(viewer, programme)
    if organisation is None:
        raise ValidationError({"organisation": NO_PARTNER})
    if agreement not in Partner.Agreement.values:
        raise ValidationError({"agreement": "Välj typ av överenskommelse."})
    own(viewer, organisation)
    if Partner.objects.filter(programme=programme, organisation=organisation).exists():
        raise ValidationError({"organisation": "Organisationen är redan partner i programmet."})
    try:
        with transaction.atomic():
            partner = Partner.objects.create(
                municipality=viewer.municipality,
                programme=programme,
                organisation=organisation,
                agreement=agreement,
                role=_text(role)[:300],
            )
    except IntegrityError:
        # Two people adding the same partner at once: the constraint decides.
        raise ValidationError(
            {"organisation": "Organisationen är redan partner i programmet."}
        ) from None
    audit(
        viewer,
        PARTNER_ADDED,
        programme,
        summary="Partner tillagd",
        organisation=organisation.pk,
        agreement=agreement,
    )
    return partner


@transaction.atomic
def partner_remove(*, viewer: Viewer, partner: Partner) -> None:
    require(viewer, MANAGE)
    own(viewer, partner)
    programme = partner.programme
    organisation_id = partner.organisation_id
    partner.delete()
    audit(
        viewer,
        PARTNER_REMOVED,
        programme,
        summary="Partner borttagen",
        organisation=organisation_id,
    )


@transaction.atomic
def indicator_add(
    *,
    viewer: Viewer,
    programme: Programme,
    level: str,
    name: str,
    unit: str = "",
    target: float | None = None,
    lower_is_better: bool = False,
) -> ProgrammeIndicator:
    """Makes a step of the logic model measurable: an output or an outcome with its target."""
    require(viewer, MANAGE)
    own(viewer, programme)
    errors = {}
    if level not in ProgrammeIndicator.Level.values:
        errors["level"] = "Välj nivå i logiken."
    name = _text(name)
    if not name:
        errors["name"] = "Skriv vad indikatorn mäter."
    if target is not None and target < 0:
        errors["target"] = "Målet kan inte vara negativt."
    if errors:
        raise ValidationError(errors)
    indicator = ProgrammeIndicator.objects.create(
        municipality=viewer.municipality,
        programme=programme,
        level=level,
        name=name[:200],
        unit=_text(unit)[:40],
        target=target,
        lower_is_better=lower_is_better,
    )
    audit(viewer, INDICATOR_ADDED, programme, summary="Indikator tillagd", indicator=indicator.pk)
    return indicator


@transaction.atomic
def indicator_remove(*, viewer: Viewer, indicator: ProgrammeIndicator) -> None:
    require(viewer, MANAGE)
    own(viewer, indicator)
    programme, pk = indicator.programme, indicator.pk
    indicator.delete()
    audit(viewer, INDICATOR_REMOVED, programme, summary="Indikator borttagen", indicator=pk)
