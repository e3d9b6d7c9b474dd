"""The themes a dialogue raised, from its sessions' notes and its surveys' free text together.

The tag tree is the municipality's report categories, so a theme here is counted in the same
words as the reports. Quotes are the approved free-text answers and the sessions' quotes; an
answer's quote is never shown from a DeSO cell with fewer than 5 respondents in its survey,
since the cell would nearly name the writer."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from trygg.core.viewer import Viewer

from ..models import Answer, Dialogue, Response, SessionNote
from .coding import SUPPRESS_BELOW, shown_count


@dataclass(frozen=True)
class ThemeRow:
    theme_id: int
    theme: str
    parent: str  # the parent category's name, "" for a top-level one
    answers: int  # free-text answers tagged with it
    notes: int  # session notes tagged with it

    @property
    def total(self) -> int:
        return self.answers + self.notes

    @property
    def shown(self) -> str:
        return shown_count(self.total)


@dataclass(frozen=True)
class Quote:
    text: str
    source: str  # "Deltagare A, fokusgrupp 2026-05-04" or "Enkätsvar"
    themes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DialogueThemes:
    rows: list[ThemeRow]
    quotes: list[Quote]

    def at_least(self, n: int = SUPPRESS_BELOW) -> list[ThemeRow]:
        return [r for r in self.rows if r.total >= n]


def _deso_cells(municipality, survey_ids) -> dict[tuple[int, str], int]:
    rows = (
        Response.objects.filter(municipality=municipality, survey_id__in=survey_ids)
        .values("survey_id", "deso_code")
        .annotate(n=Count("id"))
    )
    return {(r["survey_id"], r["deso_code"]): r["n"] for r in rows}


def themes_for_dialogue(viewer: Viewer, dialogue: Dialogue) -> DialogueThemes:
    """Counts per theme (most first) and the quotes that may be shown; empty for a viewer
    without dialog.view_results or from another municipality."""
    if not viewer.may("dialog.view_results") or dialogue.municipality_id != viewer.municipality.pk:
        return DialogueThemes([], [])
    m = viewer.municipality
    return DialogueThemes(theme_rows(m, dialogue), _quotes(m, dialogue))


def theme_rows(municipality, dialogue: Dialogue) -> list[ThemeRow]:
    """Counts per theme, most first: two GROUP BYs, one over answers and one over notes. The
    public page reads these (no quotes); staff pages go through themes_for_dialogue."""
    answer_links = Answer.themes.through.objects.filter(
        answer__municipality=municipality, answer__response__survey__dialogue=dialogue
    )
    note_links = SessionNote.themes.through.objects.filter(
        sessionnote__municipality=municipality, sessionnote__session__dialogue=dialogue
    )
    names: dict[int, tuple[str, str]] = {}
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for i, (links, key) in enumerate(((answer_links, "answer_id"), (note_links, "sessionnote_id"))):
        rows = links.values("category_id", "category__name", "category__parent__name").annotate(
            n=Count(key, distinct=True)
        )
        for r in rows:
            names[r["category_id"]] = (r["category__name"], r["category__parent__name"] or "")
            counts[r["category_id"]][i] = r["n"]
    return sorted(
        (ThemeRow(pk, *names[pk], *counts[pk]) for pk in counts),
        key=lambda r: (-r.total, r.theme),
    )


def _quotes(municipality, dialogue: Dialogue) -> list[Quote]:
    answers = list(
        Answer.objects.filter(
            municipality=municipality, response__survey__dialogue=dialogue, quotable=True
        )
        .select_related("response")
        .prefetch_related("themes")
        .order_by("pk")
    )
    cells = _deso_cells(municipality, {a.response.survey_id for a in answers})
    quotes = [
        Quote(a.text, "Enkätsvar", [t.name for t in a.themes.all()])
        for a in answers
        if cells.get((a.response.survey_id, a.response.deso_code), 0) >= SUPPRESS_BELOW
    ]
    notes = (
        SessionNote.objects.filter(
            municipality=municipality, session__dialogue=dialogue, is_quote=True
        )
        .select_related("session")
        .prefetch_related("themes")
        .order_by("session__held_on", "pk")
    )
    for n in notes:
        source = f"{n.speaker}, {n.session.get_kind_display().lower()} {n.session.held_on:%Y-%m-%d}"
        quotes.append(Quote(n.text, source, [t.name for t in n.themes.all()]))
    return quotes
