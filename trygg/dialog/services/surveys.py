"""Writes for surveys: creation, the versions its questions live in, publishing, closing and
the open link's channels. Each checks `dialog.manage` and is audited in the same transaction.

A published version is frozen under its answers: the first change after publishing copies the
version's sections and questions (conditions remapped) into version n+1, a draft that
respondents meet only once it is published in turn."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from ..audit_events import (
    SAMPLE_DELETED,
    SURVEY_CLOSED,
    SURVEY_CREATED,
    SURVEY_DELETED,
    SURVEY_PUBLISHED,
    SURVEY_UPDATED,
    VERSION_CREATED,
)
from ..models import Channel, Invitation, Question, Section, Survey, SurveyVersion
from ..selectors.surveys import CHOICE_KINDS, questions_in_order, working_version

CLOSED = "Enkäten är stängd och kan inte ändras."
NO_QUESTIONS = "En enkät utan frågor kan inte publiceras. Lägg till minst en fråga först."


@transaction.atomic
def survey_create(
    *,
    viewer: Viewer,
    dialogue,
    title: str,
    mode: str,
    intro: str = "",
    intro_en: str = "",
    intro_easy: str = "",
    opens_on=None,
    closes_on=None,
    previous_round: Survey | None = None,
    response_rate_note: str = "",
) -> Survey:
    """A draft survey under a dialogue, with its first (empty) version."""
    require(viewer, "dialog.manage")
    own(viewer, dialogue, previous_round)
    survey = Survey(municipality=viewer.municipality, dialogue=dialogue, created_by=viewer.user)
    survey.mode = mode
    _fill(survey, title, intro, intro_en, intro_easy, opens_on, closes_on, previous_round)
    survey.response_rate_note = response_rate_note.strip()
    survey.full_clean(exclude=["created_by", "current_version"])
    survey.save()
    SurveyVersion.objects.create(municipality=viewer.municipality, survey=survey, number=1)
    audit(viewer, SURVEY_CREATED, survey, summary=f"Enkät {survey.title}", mode=survey.mode)
    return survey


@transaction.atomic
def survey_update(
    *,
    viewer: Viewer,
    survey: Survey,
    title: str,
    mode: str,
    intro: str = "",
    intro_en: str = "",
    intro_easy: str = "",
    opens_on=None,
    closes_on=None,
    previous_round: Survey | None = None,
    response_rate_note: str = "",
) -> Survey:
    """The survey's own texts and dates; its way of answering only while never published
    (an open link's and a sample's answers are never mixed in one figure)."""
    require(viewer, "dialog.manage")
    own(viewer, survey, previous_round)
    if survey.status == Survey.Status.STANGD:
        raise ValidationError(CLOSED)
    if mode != survey.mode and survey.published_at is not None:
        raise ValidationError({"mode": "Svarssättet kan inte ändras när enkäten har publicerats."})
    if previous_round is not None and previous_round.pk == survey.pk:
        raise ValidationError({"previous_round": "En enkät kan inte vara sin egen föregångare."})
    survey.mode = mode
    _fill(survey, title, intro, intro_en, intro_easy, opens_on, closes_on, previous_round)
    survey.response_rate_note = response_rate_note.strip()
    survey.full_clean(exclude=["created_by", "current_version"])
    survey.save()
    audit(viewer, SURVEY_UPDATED, survey, summary=f"Enkät {survey.title}", mode=survey.mode)
    return survey


def _fill(survey, title, intro, intro_en, intro_easy, opens_on, closes_on, previous_round):
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": "Enkäten kan inte stänga före den öppnar."})
    survey.title = title.strip()
    survey.intro = intro.strip()
    survey.intro_en = intro_en.strip()
    survey.intro_easy = intro_easy.strip()
    survey.opens_on = opens_on
    survey.closes_on = closes_on
    survey.previous_round = previous_round


@dataclass
class Editable:
    """The version a change goes into, and where a frozen version's rows went in its copy."""

    version: SurveyVersion
    questions: dict[int, Question] = field(default_factory=dict)
    sections: dict[int, Section] = field(default_factory=dict)

    def question(self, question: Question) -> Question:
        return self.questions.get(question.pk, question)

    def section(self, section: Section | None) -> Section | None:
        return None if section is None else self.sections.get(section.pk, section)


def editable_version(*, viewer: Viewer, survey: Survey) -> Editable:
    """The draft version a change goes into: the newest version, or, if that one is
    published, a copy of it numbered n+1 (callers hold the transaction)."""
    require(viewer, "dialog.manage")
    own(viewer, survey)
    if survey.status == Survey.Status.STANGD:
        raise ValidationError(CLOSED)
    current = working_version(survey)
    if not current.frozen:
        return Editable(current)
    copy = SurveyVersion.objects.create(
        municipality=survey.municipality, survey=survey, number=current.number + 1
    )
    sections = {}
    for section in Section.objects.filter(version=current).order_by("order", "pk"):
        old = section.pk
        section.pk = None
        section.version = copy
        section.save()
        sections[old] = section
    questions = {}
    conditions = {}
    for question in Question.objects.filter(version=current).order_by("pk"):
        old = question.pk
        conditions[old] = question.condition_question_id
        question.pk = None
        question.version = copy
        question.section = sections.get(question.section_id)
        question.condition_question = None
        question.save()
        questions[old] = question
    for old, target in conditions.items():
        if target is not None:
            question = questions[old]
            question.condition_question = questions[target]
            question.save(update_fields=["condition_question"])
    audit(
        viewer,
        VERSION_CREATED,
        survey,
        summary=f"Enkät {survey.title}: version {copy.number}",
        version=copy.number,
        copied_from=current.number,
    )
    return Editable(copy, questions, sections)


def check_conditions(version: SurveyVersion) -> None:
    """Refuses a version where a question depends on itself, on a later question or on one
    without options (a respondent must have answered what decides whether they see it)."""
    questions = questions_in_order(version)
    seen: dict[int, Question] = {}
    for question in questions:
        target_id = question.condition_question_id
        if target_id is not None:
            if target_id == question.pk:
                raise ValidationError(
                    {"condition": "En fråga kan inte visas beroende på sitt eget svar."}
                )
            target = seen.get(target_id)
            if target is None:
                raise ValidationError(
                    {
                        "condition": "Villkoret måste bygga på en tidigare fråga: "
                        f"”{question.condition_question.text[:60]}” kommer efter "
                        f"”{question.text[:60]}”."
                    }
                )
            if target.kind not in CHOICE_KINDS:
                raise ValidationError(
                    {"condition": "Villkor kan bara bygga på en fråga med svarsalternativ."}
                )
            values = {o["value"] for o in target.options}
            if not question.condition_values or not set(question.condition_values) <= values:
                raise ValidationError(
                    {"condition": "Välj ett eller flera av den tidigare frågans svar."}
                )
        seen[question.pk] = question


@transaction.atomic
def survey_publish(*, viewer: Viewer, survey: Survey) -> SurveyVersion:
    """Opens the newest version for answers and makes it the current one; a survey without
    questions is refused."""
    require(viewer, "dialog.manage")
    own(viewer, survey)
    if survey.status == Survey.Status.STANGD:
        raise ValidationError(CLOSED)
    version = working_version(survey)
    if version.frozen:
        raise ValidationError("Den senaste versionen är redan publicerad.")
    if not Question.objects.filter(version=version).exists():
        raise ValidationError(NO_QUESTIONS)
    check_conditions(version)
    now = timezone.now()
    version.published_at = now
    version.save(update_fields=["published_at"])
    survey.current_version = version
    survey.status = Survey.Status.PUBLICERAD
    survey.published_at = survey.published_at or now
    survey.save(update_fields=["current_version", "status", "published_at"])
    audit(
        viewer,
        SURVEY_PUBLISHED,
        survey,
        summary=f"Enkät {survey.title}: version {version.number} publicerad",
        version=version.number,
    )
    return version


@transaction.atomic
def survey_close(*, viewer: Viewer, survey: Survey) -> int:
    """Closes the survey for answers and deletes its sample list (the one-time codes and the
    municipality's references): the sample's retention ends with the survey. Returns how
    many invitations were deleted."""
    require(viewer, "dialog.manage")
    own(viewer, survey)
    if survey.status == Survey.Status.STANGD:
        raise ValidationError("Enkäten är redan stängd.")
    deleted, _ = Invitation.objects.filter(survey=survey).delete()
    survey.status = Survey.Status.STANGD
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    audit(viewer, SURVEY_CLOSED, survey, summary=f"Enkät {survey.title} stängd")
    if deleted:
        audit(
            viewer,
            SAMPLE_DELETED,
            survey,
            summary=f"Urvalslistan för {survey.title} gallrad",
            invitations=deleted,
        )
    return deleted


@transaction.atomic
def channel_add(*, viewer: Viewer, survey: Survey, name: str, area=None) -> Channel:
    """A place or channel the open link is spread through, with its own link and poster."""
    require(viewer, "dialog.manage")
    own(viewer, survey, area)
    if survey.mode != Survey.Mode.OPEN:
        raise ValidationError("Bara en enkät med öppen länk har kanaler.")
    if survey.status == Survey.Status.STANGD:
        raise ValidationError(CLOSED)
    name = name.strip()
    if Channel.objects.filter(survey=survey, name__iexact=name).exists():
        raise ValidationError({"name": "Enkäten har redan en kanal med det namnet."})
    channel = Channel(municipality=viewer.municipality, survey=survey, name=name, area=area)
    channel.full_clean()
    channel.save()
    audit(
        viewer,
        SURVEY_UPDATED,
        survey,
        summary=f"Kanal {channel.name} tillagd i {survey.title}",
        channel=channel.pk,
    )
    return channel


@transaction.atomic
def survey_delete(*, viewer: Viewer, survey: Survey) -> None:
    """Removes a survey that was never published (no one can have answered it)."""
    require(viewer, "dialog.manage")
    own(viewer, survey)
    if survey.published_at is not None:
        raise ValidationError(
            "En enkät som har publicerats kan inte tas bort, bara stängas: svaren finns kvar."
        )
    title, dialogue = survey.title, survey.dialogue
    survey.delete()
    audit(viewer, SURVEY_DELETED, dialogue, summary=f"Utkast till enkät {title} borttaget")
