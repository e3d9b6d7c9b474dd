"""Reads for the survey builder: a dialogue's surveys, the version being built, its questions
in the order a respondent meets them, and each survey's public link."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from trygg.core.kernel import require
from trygg.core.viewer import Viewer

from ..models import Channel, Question, Section, Survey, SurveyVersion

CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.LIKERT)


def survey_public_path(survey: Survey, channel: Channel | None = None) -> str:
    """The public answering page's path (the public app serves it), with the channel's key so
    results can say where answers came from."""
    path = f"/enkat/{survey.token}/"
    return f"{path}?kanal={channel.token}" if channel is not None else path


def surveys_of(*, viewer: Viewer, dialogue) -> QuerySet[Survey]:
    require(viewer, "dialog.view")
    return Survey.objects.filter(municipality=viewer.municipality, dialogue=dialogue).order_by(
        "created_at", "pk"
    )


def survey_get(*, viewer: Viewer, pk: int) -> Survey | None:
    """The municipality's survey with its dialogue, or None (another municipality's too)."""
    require(viewer, "dialog.view")
    return (
        Survey.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("dialogue", "current_version", "previous_round")
        .first()
    )


def survey_choices(*, viewer: Viewer, exclude: Survey | None = None) -> QuerySet[Survey]:
    """The municipality's surveys, for "the round this one repeats"."""
    require(viewer, "dialog.view")
    qs = Survey.objects.filter(municipality=viewer.municipality).order_by("-created_at")
    return qs.exclude(pk=exclude.pk) if exclude is not None else qs


def working_version(survey: Survey) -> SurveyVersion:
    """The newest version: a draft being built, or the published one nobody has changed."""
    return SurveyVersion.objects.filter(survey=survey).order_by("-number").first()


def questions_in_order(version: SurveyVersion) -> list[Question]:
    """The version's questions as a respondent meets them: those outside a section first,
    then section by section, each in its own order."""
    questions = list(
        Question.objects.filter(version=version).select_related("section", "condition_question")
    )
    for question in questions:
        # The condition's answers as the page names them ("visas om … är Ja").
        target = question.condition_question
        question.condition_labels = (
            [o["label"] for o in target.options if o["value"] in question.condition_values]
            if target is not None
            else []
        )
    return sorted(questions, key=position)


def position(question: Question) -> tuple:
    section = question.section
    return (
        (-1, 0) if section is None else (section.order, section.pk),
        question.order,
        question.pk,
    )


@dataclass
class Part:
    """A section of the builder or the preview (section None: the questions before any)."""

    section: Section | None
    questions: list[Question] = field(default_factory=list)


def version_parts(version: SurveyVersion) -> list[Part]:
    """The version's sections in order, each with its questions, empty sections included."""
    questions = questions_in_order(version)
    parts = [Part(None, [q for q in questions if q.section_id is None])]
    for section in Section.objects.filter(version=version).order_by("order", "pk"):
        parts.append(Part(section, [q for q in questions if q.section_id == section.pk]))
    return parts


def version_list(*, survey: Survey) -> list[SurveyVersion]:
    return list(SurveyVersion.objects.filter(survey=survey).order_by("number"))


def condition_choices(version: SurveyVersion, *, exclude: Question | None = None) -> list:
    """Grouped choices for a condition: each choice question's options as "pk:value"."""
    groups = []
    for question in questions_in_order(version):
        if question.kind not in CHOICE_KINDS or (exclude and question.pk == exclude.pk):
            continue
        options = [(f"{question.pk}:{o['value']}", o["label"]) for o in question.options]
        groups.append((question.text[:80], options))
    return groups


def channels_of(*, survey: Survey) -> QuerySet[Channel]:
    return Channel.objects.filter(survey=survey).select_related("area")


def channel_get(*, viewer: Viewer, pk: int) -> Channel | None:
    require(viewer, "dialog.view")
    return (
        Channel.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("survey__dialogue", "area")
        .first()
    )


def question_get(*, viewer: Viewer, pk: int) -> Question | None:
    require(viewer, "dialog.view")
    return (
        Question.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("version__survey__dialogue", "section")
        .first()
    )


def section_get(*, viewer: Viewer, pk: int) -> Section | None:
    require(viewer, "dialog.view")
    return (
        Section.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("version__survey__dialogue")
        .first()
    )


def surveys_with_versions(*, viewer: Viewer, dialogue) -> QuerySet[Survey]:
    """The dialogue's surveys for its page, with their versions in one more query."""
    return surveys_of(viewer=viewer, dialogue=dialogue).prefetch_related(
        Prefetch("versions", queryset=SurveyVersion.objects.order_by("number"))
    )
