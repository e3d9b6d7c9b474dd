"""Reads for coding free-text answers: the dialogue's free-text questions, a page of their
answers (stored redacted) with their themes, and the theme counts per question with counts
under 5 suppressed."""

from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from trygg.core.viewer import Viewer
from trygg.locale_sv import format_number

from ..models import Answer, Dialogue, Question

PER_PAGE = 25
SUPPRESS_BELOW = 5
FEWER = "färre än 5"


def shown_count(n: int) -> str:
    """A count as a published figure may show it: 1–4 as "färre än 5" (zero reveals nobody)."""
    return FEWER if 0 < n < SUPPRESS_BELOW else format_number(n)


def free_text_questions(*, viewer: Viewer, dialogue: Dialogue) -> QuerySet[Question]:
    """Every free-text question of the dialogue's surveys (all versions: answers keep the
    version they were given to), with its survey and the number of non-empty answers."""
    if not viewer.may("dialog.code_answers"):
        return Question.objects.none()
    return (
        Question.objects.filter(
            municipality=viewer.municipality,
            version__survey__dialogue=dialogue,
            kind=Question.Kind.TEXT,
        )
        .select_related("version__survey")
        .annotate(n_answers=Count("answers", filter=~Q(answers__text="")))
        .order_by("version__survey__title", "version__number", "order", "pk")
    )


def coding_question_get(*, viewer: Viewer, dialogue: Dialogue, pk: int) -> Question | None:
    return free_text_questions(viewer=viewer, dialogue=dialogue).filter(pk=pk).first()


def coding_page(*, viewer: Viewer, question: Question, number) -> Page:
    """One page of the question's non-empty answers with their themes, oldest first."""
    answers = (
        Answer.objects.filter(municipality=viewer.municipality, question=question)
        .exclude(text="")
        .prefetch_related("themes")
        .order_by("pk")
    )
    return Paginator(answers, PER_PAGE).get_page(number)


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    count: int

    @property
    def shown(self) -> str:
        return shown_count(self.count)


def theme_counts(*, viewer: Viewer, question: Question) -> list[ThemeCount]:
    """Answers per theme for one question, most first (one GROUP BY)."""
    rows = (
        Answer.themes.through.objects.filter(
            answer__municipality=viewer.municipality, answer__question=question
        )
        .values("category__name")
        .annotate(n=Count("answer_id", distinct=True))
    )
    counts = Counter({r["category__name"]: r["n"] for r in rows})
    return [ThemeCount(name, n) for name, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]


def coding_answer_get(*, viewer: Viewer, dialogue: Dialogue, pk: int) -> Answer | None:
    """A free-text answer to one of the dialogue's surveys, for approving it as a quote."""
    if not viewer.may("dialog.code_answers"):
        return None
    return (
        Answer.objects.filter(
            municipality=viewer.municipality,
            pk=pk,
            response__survey__dialogue=dialogue,
            question__kind=Question.Kind.TEXT,
        )
        .select_related("question")
        .first()
    )
