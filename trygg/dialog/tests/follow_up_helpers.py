"""Small make_* helpers for the follow-up tests (sessions, coding, themes, "ni sa – vi gör"):
rows stored directly, as the survey builder and the answering pages would leave them."""

from datetime import date

from django_scopes import scopes_disabled

from trygg.dialog.models import (
    Answer,
    Dialogue,
    Question,
    Response,
    Session,
    Survey,
    SurveyVersion,
)


def make_dialogue(municipality, title="Trygg i centrum", **fields):
    values = {
        "municipality": municipality,
        "title": title,
        "question": "Var känner du dig otrygg i centrum, och varför?",
        "decided_by": "BRÅ 2026-03-12 § 4",
        "forms": ["enkat", "fokusgrupp"],
        "starts_on": date(2026, 4, 1),
        "ends_on": date(2026, 6, 30),
        "feedback_plan": "Resultatet publiceras på kommunens webb i september.",
    }
    values.update(fields)
    with scopes_disabled():
        return Dialogue.objects.create(**values)


def make_survey(dialogue, title="Trygghetsenkät 2026", mode=Survey.Mode.OPEN, **fields):
    """A published survey with one version and a free-text question (key "varfor")."""
    with scopes_disabled():
        survey = Survey.objects.create(
            municipality_id=dialogue.municipality_id,
            dialogue=dialogue,
            title=title,
            mode=mode,
            status=Survey.Status.PUBLICERAD,
            **fields,
        )
        version = SurveyVersion.objects.create(
            municipality_id=dialogue.municipality_id, survey=survey, number=1
        )
        Question.objects.create(
            municipality_id=dialogue.municipality_id,
            version=version,
            key="varfor",
            kind=Question.Kind.TEXT,
            text="Varför känner du dig otrygg där?",
        )
        survey.current_version = version
        survey.save(update_fields=["current_version"])
    return survey


def free_text_question(survey):
    with scopes_disabled():
        return Question.objects.get(version=survey.current_version, key="varfor")


def make_answers(survey, texts, *, deso="1983C1010", sex="kvinna", age_band="25-44"):
    """One response per text, each answering the free-text question."""
    question = free_text_question(survey)
    answers = []
    with scopes_disabled():
        for text in texts:
            response = Response.objects.create(
                municipality_id=survey.municipality_id,
                survey=survey,
                version=survey.current_version,
                mode=survey.mode,
                submitted_on=date(2026, 5, 2),
                deso_code=deso,
                sex=sex,
                age_band=age_band,
            )
            answers.append(
                Answer.objects.create(
                    municipality_id=survey.municipality_id,
                    response=response,
                    question=question,
                    text=text,
                )
            )
    return answers


def make_session(dialogue, *, participants=8, composition=None, **fields):
    values = {
        "municipality_id": dialogue.municipality_id,
        "dialogue": dialogue,
        "kind": Session.Kind.FOKUSGRUPP,
        "title": "Unga på Karlsdal",
        "held_on": date(2026, 5, 4),
        "purpose": "Höra unga om kvällarna i centrum",
        "recruitment": "Via fritidsgården",
        "participants": participants,
        "composition": composition or {},
        "consent_recorded": True,
        "consent_method": "Skriftligt",
    }
    values.update(fields)
    with scopes_disabled():
        return Session.objects.create(**values)
