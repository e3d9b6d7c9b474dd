"""Writes for a survey's sections and questions. Every change goes into the survey's draft
version (services.surveys.editable_version copies a published one first), is checked so no
condition points at a later question, and is audited as a change to the survey."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer
from trygg.geo.models import Area
from trygg.geo.selectors import area_list

from ..audit_events import SURVEY_UPDATED
from ..models import BankItem, Question, Section, Survey
from ..models.answers import AgeBand, Sex
from ..selectors.surveys import CHOICE_KINDS
from .surveys import check_conditions, editable_version

MAX_TEXT_LENGTH = 10000

# The default 5-step agreement scale; a question may name its own steps instead.
LIKERT_DEFAULT = [
    {"value": "1", "label": "Instämmer inte alls", "label_en": "Strongly disagree",
     "label_easy": "Nej, inte alls"},
    {"value": "2", "label": "Instämmer inte", "label_en": "Disagree", "label_easy": "Nej"},
    {"value": "3", "label": "Varken eller", "label_en": "Neither agree nor disagree",
     "label_easy": "Både ja och nej"},
    {"value": "4", "label": "Instämmer", "label_en": "Agree", "label_easy": "Ja"},
    {"value": "5", "label": "Instämmer helt", "label_en": "Strongly agree",
     "label_easy": "Ja, helt"},
]  # fmt: skip

SEX_EN = {Sex.KVINNA: "Woman", Sex.MAN: "Man"}
AGE_EN = {
    AgeBand.A16_24: "16–24 years",
    AgeBand.A25_44: "25–44 years",
    AgeBand.A45_64: "45–64 years",
    AgeBand.A65: "65 years or older",
}
# The background questions' wording (ours, not the NTU's): (Swedish, English, lättläst).
STRATUM_TEXTS = {
    Question.Stratum.SEX: ("Vilket kön har du?", "What is your sex?", "Är du kvinna eller man?"),
    Question.Stratum.AGE_BAND: ("Hur gammal är du?", "How old are you?", "Hur gammal är du?"),
    Question.Stratum.DESO: (
        "I vilket område bor du?",
        "Which area do you live in?",
        "Var bor du?",
    ),
}


def _summary(survey, what):
    return f"Enkät {survey.title}: {what}"


def _in_survey(survey: Survey, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.version.survey_id != survey.pk:
            raise ValidationError("Frågan eller sektionen hör inte till enkäten.")


def _next_key(survey: Survey) -> str:
    # Keys stay stable across versions and are never reused, so a deleted question's answers
    # are never matched with a new question's in the results.
    numbers = [
        int(m.group(1))
        for key in Question.objects.filter(version__survey=survey).values_list("key", flat=True)
        if (m := re.fullmatch(r"fraga-(\d+)", key))
    ]
    return f"fraga-{max(numbers, default=0) + 1}"


def _next_order(version, section) -> int:
    top = Question.objects.filter(version=version, section=section).aggregate(m=Max("order"))
    return (top["m"] if top["m"] is not None else -1) + 1


def clean_options(kind: str, options: list[dict]) -> list[dict]:
    """The options a question of this kind keeps, refused with a Swedish message if unusable;
    a scale without steps gets the default five."""
    if kind not in CHOICE_KINDS:
        return []
    if kind == Question.Kind.LIKERT and not options:
        return [dict(o) for o in LIKERT_DEFAULT]
    if len(options) < 2:
        raise ValidationError({"options": "Frågan behöver minst två svarsalternativ."})
    values = [o["value"] for o in options]
    if len(set(values)) != len(values):
        raise ValidationError({"options": "Två svarsalternativ har samma värde."})
    for o in options:
        if not o["value"] or not o.get("label", "").strip():
            raise ValidationError({"options": "Varje svarsalternativ behöver värde och text."})
        if len(o["value"]) > 60:
            raise ValidationError({"options": "Ett svarsvärde får vara högst 60 tecken."})
    return [
        {
            "value": o["value"],
            "label": o["label"].strip(),
            "label_en": o.get("label_en", "").strip(),
            "label_easy": o.get("label_easy", "").strip(),
        }
        for o in options
    ]


@transaction.atomic
def question_save(
    *,
    viewer: Viewer,
    survey: Survey,
    question: Question | None = None,
    kind: str,
    text: str,
    text_en: str = "",
    text_easy: str = "",
    help: str = "",
    required: bool = False,
    options: list[dict] = (),
    min_value: int | None = None,
    max_value: int | None = None,
    max_length: int = 2000,
    map_time_of_day: bool = False,
    map_reason: bool = False,
    section: Section | None = None,
    condition_question: Question | None = None,
    condition_values: list[str] = (),
) -> Question:
    """Adds a question at the end of its section, or changes one, in the draft version."""
    require(viewer, "dialog.manage")
    own(viewer, survey, question, section, condition_question)
    _in_survey(survey, question, section, condition_question)
    if kind not in Question.Kind.values:
        raise ValidationError({"kind": "Okänd frågetyp."})
    if not text.strip():
        raise ValidationError({"text": "Skriv frågan."})
    if kind == Question.Kind.NUMBER and None not in (min_value, max_value):
        if min_value > max_value:
            raise ValidationError({"max_value": "Största talet kan inte vara mindre än minsta."})
    if kind == Question.Kind.TEXT and not 1 <= max_length <= MAX_TEXT_LENGTH:
        raise ValidationError(
            {"max_length": f"Längsta svar ska vara mellan 1 och {MAX_TEXT_LENGTH} tecken."}
        )
    if condition_question is not None and not condition_values:
        raise ValidationError({"condition": "Välj vilka svar som visar frågan."})
    editable = editable_version(viewer=viewer, survey=survey)
    version = editable.version
    created = question is None
    if created:
        section = editable.section(section)
        question = Question(
            municipality=survey.municipality,
            version=version,
            key=_next_key(survey),
            section=section,
            order=_next_order(version, section),
        )
    else:
        question = editable.question(question)
        section = editable.section(section)
        if section != question.section:
            question.section = section
            question.order = _next_order(version, section)
    if not question.stratum:
        # A background question's options are the strata: its kind and options stay.
        question.kind = kind
        question.options = clean_options(kind, list(options))
    question.text = text.strip()
    question.text_en = text_en.strip()
    question.text_easy = text_easy.strip()
    question.help = help.strip()
    question.required = required
    number = question.kind == Question.Kind.NUMBER
    question.min_value = min_value if number else None
    question.max_value = max_value if number else None
    question.max_length = max_length if question.kind == Question.Kind.TEXT else 2000
    question.map_time_of_day = map_time_of_day and question.kind == Question.Kind.MAP
    question.map_reason = map_reason and question.kind == Question.Kind.MAP
    question.condition_question = (
        editable.question(condition_question) if condition_question else None
    )
    question.condition_values = list(condition_values) if condition_question else []
    question.full_clean(exclude=["condition_question", "section", "version"])
    question.save()
    check_conditions(version)
    audit(
        viewer,
        SURVEY_UPDATED,
        survey,
        summary=_summary(survey, "fråga tillagd" if created else "fråga ändrad"),
        version=version.number,
        question=question.key,
        kind=question.kind,
    )
    return question


def _swap(items: list, index: int, direction: str) -> list:
    other = index - 1 if direction == "upp" else index + 1
    if direction not in ("upp", "ned") or not 0 <= other < len(items):
        raise ValidationError("Den kan inte flyttas längre åt det hållet.")
    items[index], items[other] = items[other], items[index]
    return items


@transaction.atomic
def question_move(*, viewer: Viewer, question: Question, direction: str) -> Question:
    """Moves a question one step up or down within its section ("upp"/"ned")."""
    require(viewer, "dialog.manage")
    survey = question.version.survey
    own(viewer, question)
    editable = editable_version(viewer=viewer, survey=survey)
    question = editable.question(question)
    siblings = list(
        Question.objects.filter(version=editable.version, section=question.section).order_by(
            "order", "pk"
        )
    )
    index = [q.pk for q in siblings].index(question.pk)
    for order, sibling in enumerate(_swap(siblings, index, direction)):
        if sibling.order != order:
            sibling.order = order
            sibling.save(update_fields=["order"])
    check_conditions(editable.version)
    audit(
        viewer,
        SURVEY_UPDATED,
        survey,
        summary=_summary(survey, "fråga flyttad"),
        version=editable.version.number,
        question=question.key,
    )
    return question


@transaction.atomic
def question_delete(*, viewer: Viewer, question: Question) -> None:
    """Removes a question from the draft version (a published version keeps it under its
    answers); refused while another question's condition rests on it."""
    require(viewer, "dialog.manage")
    survey = question.version.survey
    own(viewer, question)
    editable = editable_version(viewer=viewer, survey=survey)
    question = editable.question(question)
    if Question.objects.filter(version=editable.version, condition_question=question).exists():
        raise ValidationError(
            "Andra frågor visas beroende på svaret på den här frågan. Ta bort villkoren först."
        )
    key = question.key
    question.delete()
    audit(
        viewer,
        SURVEY_UPDATED,
        survey,
        summary=_summary(survey, "fråga borttagen"),
        version=editable.version.number,
        question=key,
    )


@transaction.atomic
def background_question_add(*, viewer: Viewer, survey: Survey, stratum: str) -> Question:
    """A background question whose answer places the response in a stratum: sex and age
    band from the answers' own choices, the home area from the municipality's DeSO areas."""
    require(viewer, "dialog.manage")
    own(viewer, survey)
    if stratum == Question.Stratum.SEX:
        options = [
            {"value": v, "label": str(label), "label_en": SEX_EN[v], "label_easy": str(label)}
            for v, label in Sex.choices
        ]
    elif stratum == Question.Stratum.AGE_BAND:
        options = [
            {"value": v, "label": str(label), "label_en": AGE_EN[v], "label_easy": str(label)}
            for v, label in AgeBand.choices
        ]
    elif stratum == Question.Stratum.DESO:
        areas = area_list(municipality=survey.municipality, kind=Area.Kind.DESO)
        options = [
            {"value": a.code, "label": a.name, "label_en": a.name, "label_easy": a.name}
            for a in sorted(areas, key=lambda a: (a.name, a.code))
            if a.code
        ]
        if not options:
            raise ValidationError("Kommunen har inga DeSO-områden med kod att välja bland.")
    else:
        raise ValidationError("Okänd bakgrundsfråga.")
    editable = editable_version(viewer=viewer, survey=survey)
    version = editable.version
    if Question.objects.filter(version=version, stratum=stratum).exists():
        label = Question.Stratum(stratum).label.lower()
        raise ValidationError(f"Enkäten har redan en bakgrundsfråga om {label}.")
    text, text_en, text_easy = STRATUM_TEXTS[stratum]
    question = Question.objects.create(
        municipality=survey.municipality,
        version=version,
        key=stratum.replace("_", "-"),
        kind=Question.Kind.SINGLE,
        text=text,
        text_en=text_en,
        text_easy=text_easy,
        options=options,
        stratum=stratum,
        order=_next_order(version, None),
    )
    audit(
        viewer,
        SURVEY_UPDATED,
        survey,
        summary=_summary(survey, "bakgrundsfråga tillagd"),
        version=version.number,
        question=question.key,
    )
    return question


@transaction.atomic
def bank_item_add(
    *, viewer: Viewer, survey: Survey, bank_item: BankItem, section: Section | None = None
) -> Question:
    """A question from the bank, its wording copied as the municipality imported it (the
    bank item kept, so results can be compared with the national indicator)."""
    require(viewer, "dialog.manage")
    own(viewer, survey, bank_item, section)
    _in_survey(survey, section)
    editable = editable_version(viewer=viewer, survey=survey)
    version = editable.version
    if Question.objects.filter(version=version, key=bank_item.code).exists():
        raise ValidationError("Frågan från frågebanken finns redan i enkäten.")
    section = editable.section(section)
    question = Question.objects.create(
        municipality=survey.municipality,
        version=version,
        key=bank_item.code,
        kind=bank_item.kind,
        text=bank_item.text,
        text_en=bank_item.text_en,
        text_easy=bank_item.text_easy,
        options=clean_options(bank_item.kind, list(bank_item.options)),
        bank_item=bank_item,
        section=section,
        order=_next_order(version, section),
    )
    audit(
        viewer,
        SURVEY_UPDATED,
        survey,
        summary=_summary(survey, "fråga ur frågebanken tillagd"),
        version=version.number,
        question=question.key,
        bank_item=bank_item.pk,
    )
    return question


@transaction.atomic
def section_save(
    *,
    viewer: Viewer,
    survey: Survey,
    section: Section | None = None,
    title: str,
    title_en: str = "",
    title_easy: str = "",
) -> Section:
    """Adds a section at the end of the draft version, or renames one."""
    require(viewer, "dialog.manage")
    own(viewer, survey, section)
    _in_survey(survey, section)
    if not title.strip():
        raise ValidationError({"title": "Skriv sektionens rubrik."})
    editable = editable_version(viewer=viewer, survey=survey)
    created = section is None
    if created:
        top = Section.objects.filter(version=editable.version).aggregate(m=Max("order"))["m"]
        section = Section(
            municipality=survey.municipality,
            version=editable.version,
            order=(top if top is not None else -1) + 1,
        )
    else:
        section = editable.section(section)
    section.title = title.strip()
    section.title_en = title_en.strip()
    section.title_easy = title_easy.strip()
    section.full_clean(exclude=["version"])
    section.save()
    audit(
        viewer,
        SURVEY_UPDATED,
        survey,
        summary=_summary(survey, "sektion tillagd" if created else "sektion ändrad"),
        version=editable.version.number,
        section=section.pk,
    )
    return section


@transaction.atomic
def section_move(*, viewer: Viewer, section: Section, direction: str) -> Section:
    """Moves a section with its questions one step up or down ("upp"/"ned")."""
    require(viewer, "dialog.manage")
    survey = section.version.survey
    own(viewer, section)
    editable = editable_version(viewer=viewer, survey=survey)
    section = editable.section(section)
    sections = list(Section.objects.filter(version=editable.version).order_by("order", "pk"))
    index = [s.pk for s in sections].index(section.pk)
    for order, other in enumerate(_swap(sections, index, direction)):
        if other.order != order:
            other.order = order
            other.save(update_fields=["order"])
    check_conditions(editable.version)
    audit(
        viewer,
        SURVEY_UPDATED,
        survey,
        summary=_summary(survey, "sektion flyttad"),
        version=editable.version.number,
        section=section.pk,
    )
    return section


@transaction.atomic
def section_delete(*, viewer: Viewer, section: Section) -> None:
    """Removes an empty section from the draft version."""
    require(viewer, "dialog.manage")
    survey = section.version.survey
    own(viewer, section)
    editable = editable_version(viewer=viewer, survey=survey)
    section = editable.section(section)
    if Question.objects.filter(section=section).exists():
        raise ValidationError("Sektionen har frågor. Flytta eller ta bort dem först.")
    section.delete()
    audit(
        viewer,
        SURVEY_UPDATED,
        survey,
        summary=_summary(survey, "sektion borttagen"),
        version=editable.version.number,
    )
