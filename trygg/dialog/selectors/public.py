"""Reads for the public "ni sa – vi gör" pages: only published dialogues, and only
aggregates with counts under 5 suppressed — how many took part, the themes raised, and what
the municipality and police decided (read through strategy's selectors)."""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from trygg.strategy.selectors.dialogue_links import activities_by_ids, measures_by_ids

from ..models import Dialogue, Response, Session
from .coding import SUPPRESS_BELOW, shown_count
from .results import published_survey_results
from .themes import theme_rows


def published_dialogues(*, municipality) -> QuerySet[Dialogue]:
    return Dialogue.objects.filter(municipality=municipality, published_at__isnull=False).order_by(
        "-published_at", "pk"
    )


def published_dialogue_get(*, municipality, pk: int) -> Dialogue | None:
    return published_dialogues(municipality=municipality).filter(pk=pk).first()


@dataclass(frozen=True)
class Part:
    label: str  # "Enkät: Trygghet i centrum, öppen länk (självselekterat urval)"
    taken_part: str  # a shown count


@dataclass(frozen=True)
class PublicResults:
    parts: list[Part]
    themes: list[tuple[str, str]]  # (theme, shown count), only counts of at least 5
    themes_hidden: int  # themes raised by fewer than 5, not shown
    measures: list
    activities: list
    # Each published survey's results for the whole municipality, suppressed as staff see
    # them (results.published_survey_results); breakdowns by area stay on the staff page.
    surveys: list = field(default_factory=list)


def public_results(*, dialogue: Dialogue) -> PublicResults:
    """The published dialogue's participation, themes and decided measures and activities."""
    m = dialogue.municipality
    responses = dict(
        Response.objects.filter(municipality=m, survey__dialogue=dialogue)
        .values("survey_id")
        .annotate(n=Count("id"))
        .values_list("survey_id", "n")
    )
    answered = [
        s
        for s in dialogue.surveys.filter(municipality=m).order_by("created_at", "pk")
        if s.pk in responses
    ]
    parts = [
        Part(f"Enkät: {s.title}, {s.get_mode_display().lower()}", shown_count(responses[s.pk]))
        for s in answered
    ]
    sessions = Session.objects.filter(municipality=m, dialogue=dialogue)
    by_kind: dict[str, list[int]] = {}
    for s in sessions:
        by_kind.setdefault(s.get_kind_display(), []).append(s.participants)
    for kind, participants in sorted(by_kind.items()):
        times = "tillfälle" if len(participants) == 1 else "tillfällen"
        label = f"{kind}: {len(participants)} {times}"
        parts.append(Part(label, shown_count(sum(participants))))
    rows = theme_rows(m, dialogue)  # counts only: the public page shows no quotes
    shown = [(r.theme, r.shown) for r in rows if r.total >= SUPPRESS_BELOW]
    surveys = [
        published_survey_results(survey=s)
        for s in answered
        if s.published_at is not None and responses[s.pk] >= SUPPRESS_BELOW
    ]
    return PublicResults(
        surveys=surveys,
        parts=parts,
        themes=shown,
        themes_hidden=len(rows) - len(shown),
        measures=list(
            measures_by_ids(municipality=m, ids=dialogue.measures.values_list("pk", flat=True))
        ),
        activities=list(
            activities_by_ids(
                municipality=m, ids=dialogue.promise_activities.values_list("pk", flat=True)
            )
        ),
    )
