"""A programme's outcome on one page: the outputs its kind registers for a period
(outputs.py), the reports in each of its areas against its comparison area (strategy's
difference-in-differences, reused through its selector) and the survey items of dialogues
that cover its areas (the dialog app's suppressed results)."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from trygg.core.viewer import Viewer
from trygg.dialog.selectors.dialogues import dialogue_list
from trygg.dialog.selectors.results import CHOICE_KINDS, survey_results
from trygg.dialog.selectors.surveys import surveys_of
from trygg.locale_sv import format_number
from trygg.strategy.selectors.plans import Effect, area_effect

from ..models import Programme
from ..outputs import Output, outputs_for

MISSING = "uppgift saknas"
FEWER = "färre än 5"
# Counts of people under this are not shown to roles that may not see individuals.
SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class ShownOutput:
    label: str
    text: str  # the value as shown: a number with its unit, "färre än 5" or "uppgift saknas"
    value: float | None  # None when not shown


@dataclass
class AreaOutcome:
    area: object
    effect: Effect


@dataclass
class SurveyItem:
    text: str
    rows: list[tuple[str, str]]  # (option, share of the whole municipality's answers)


@dataclass
class SurveyOutcome:
    dialogue: object
    survey: object
    respondents: str
    items: list[SurveyItem] = field(default_factory=list)


@dataclass
class Outcome:
    start: date
    end: date
    outputs: list[ShownOutput]
    areas: list[AreaOutcome]
    areas_note: str
    surveys: list[SurveyOutcome]
    surveys_note: str


def sees_individuals(viewer: Viewer) -> bool:
    """Those who register programmes see exact counts of people; everyone else sees counts of
    1–4 as "färre än 5", as published figures do."""
    return viewer.may("programmes.manage")


def _number(value: float) -> str:
    return format_number(value, 0 if float(value).is_integer() else 1)


def shown_output(output: Output, *, exact: bool) -> ShownOutput:
    """An output as the viewer may see it."""
    if output.value is None:
        return ShownOutput(output.label, MISSING, None)
    if output.counts_people and not exact and 0 < output.value < SUPPRESS_BELOW:
        return ShownOutput(output.label, FEWER, None)
    unit = f" {output.unit}" if output.unit else ""
    return ShownOutput(output.label, _number(output.value) + unit, output.value)


def programme_outputs(
    *, viewer: Viewer, programme: Programme, start: date, end: date
) -> list[ShownOutput]:
    """The outputs every registered source counts for the programme in [start, end]."""
    exact = sees_individuals(viewer)
    return [shown_output(o, exact=exact) for o in outputs_for(programme, start, end)]


def _area_outcomes(viewer: Viewer, programme: Programme, today: date):
    areas = list(programme.areas.all())
    if not viewer.may("reports.view"):
        return [], "Din roll ser inte rapporter; utfallet i rapporter visas inte."
    if not areas:
        return [], "Programmet har inga områden: ange områden för att jämföra rapporter."
    if programme.comparison_area_id is None or programme.effect_category_id is None:
        return [], (
            "Ange jämförelseområde och rapportkategori för programmet för att jämföra "
            "rapporterna i dess områden."
        )
    outcomes = [
        AreaOutcome(
            area,
            area_effect(
                viewer=viewer,
                area=area,
                comparison_area=programme.comparison_area,
                category=programme.effect_category,
                start=programme.start,
                today=today,
            ),
        )
        for area in areas
    ]
    return outcomes, ""


def _survey_outcomes(viewer: Viewer, programme: Programme):
    area_ids = [a.pk for a in programme.areas.all()]
    if not (viewer.may("dialog.view") and viewer.may("dialog.view_results")):
        return [], "Din roll ser inte enkätresultat."
    if not area_ids:
        return [], MISSING.capitalize() + ": programmet har inga områden."
    dialogues = dialogue_list(viewer=viewer).filter(target_areas__in=area_ids).distinct()
    shown = []
    for dialogue in dialogues:
        for survey in surveys_of(viewer=viewer, dialogue=dialogue):
            results = survey_results(viewer=viewer, survey=survey)
            if not results.respondents:
                continue
            items = [
                SurveyItem(q.text, [(row.label, row.total.text) for row in q.rows])
                for q in results.questions
                if q.kind in CHOICE_KINDS and q.rows
            ]
            respondents = (
                FEWER if results.respondents < SUPPRESS_BELOW else str(results.respondents)
            )
            shown.append(SurveyOutcome(dialogue, survey, respondents, items))
    note = "" if shown else MISSING.capitalize() + ": ingen enkät i en dialog som täcker områdena."
    return shown, note


def programme_outcome(
    *,
    viewer: Viewer,
    programme: Programme,
    start: date,
    end: date,
    today: date | None = None,
) -> Outcome:
    """Outputs for [start, end] and the outcomes since the programme started."""
    today = today or timezone.localdate()
    areas, areas_note = _area_outcomes(viewer, programme, today)
    surveys, surveys_note = _survey_outcomes(viewer, programme)
    return Outcome(
        start=start,
        end=end,
        outputs=programme_outputs(viewer=viewer, programme=programme, start=start, end=end),
        areas=areas,
        areas_note=areas_note,
        surveys=surveys,
        surveys_note=surveys_note,
    )
