"""Small helpers for the builder's tests: a dialogue and a survey made through the services."""

from datetime import date

from django_scopes import scope

from tests.helpers import viewer_for
from trygg.core.models import Role
from trygg.dialog.services import questions, surveys
from trygg.dialog.services.dialogues import dialogue_save


def samordnare(users, municipality):
    return viewer_for(users[Role.SAMORDNARE], municipality)


def make_dialogue(viewer, title="Trygghet i centrum"):
    with scope(municipality=viewer.municipality):
        return dialogue_save(
            viewer=viewer,
            title=title,
            question="Var känner sig invånarna otrygga?",
            decided_by="BRÅ 2026-03-12 § 4",
            forms=["enkat"],
            starts_on=date(2026, 4, 1),
            ends_on=date(2026, 6, 30),
            feedback_plan="Ni sa – vi gör i september.",
        )


def make_survey(viewer, dialogue=None, *, mode="open", title="Trygghetsenkät 2026"):
    dialogue = dialogue or make_dialogue(viewer)
    with scope(municipality=viewer.municipality):
        return surveys.survey_create(viewer=viewer, dialogue=dialogue, title=title, mode=mode)


YES_NO = [{"value": "ja", "label": "Ja"}, {"value": "nej", "label": "Nej"}]


def add_question(viewer, survey, kind="single", text="Känner du dig trygg?", **fields):
    if kind in ("single", "multiple") and "options" not in fields:
        fields["options"] = YES_NO
    with scope(municipality=viewer.municipality):
        return questions.question_save(viewer=viewer, survey=survey, kind=kind, text=text, **fields)
