"""The survey builder's services: bad input refused with a Swedish message and nothing
stored, versions frozen under their answers, conditions only on earlier questions, and the
sample list deleted when a survey closes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.dialog.models import Answer, Invitation, Question, Response, SurveyVersion
from trygg.dialog.services import questions, surveys
from trygg.dialog.services.dialogues import dialogue_save

from .build_helpers import YES_NO, add_question, make_dialogue, make_survey, samordnare


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_survey_without_questions_cannot_be_published(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        surveys.survey_publish(viewer=viewer, survey=survey)
    assert _messages(error.value) == surveys.NO_QUESTIONS
    survey.refresh_from_db()
    assert (survey.status, survey.current_version) == ("utkast", None)


BAD_QUESTIONS = [
    ("single", {"options": [{"value": "1", "label": "Ja"}]}, "minst två svarsalternativ"),
    (
        "single",
        {"options": [{"value": "1", "label": "Ja"}, {"value": "1", "label": "Nej"}]},
        "samma värde",
    ),
    ("multiple", {"options": []}, "minst två svarsalternativ"),
    ("number", {"min_value": 10, "max_value": 1}, "Största talet kan inte vara mindre"),
    ("text", {"max_length": 0}, "Längsta svar ska vara mellan 1 och 10000"),
    ("text", {"max_length": 20000}, "Längsta svar ska vara mellan 1 och 10000"),
    ("karta", {}, "Okänd frågetyp"),
    ("single", {"text": "   "}, "Skriv frågan"),
]


@pytest.mark.parametrize(("kind", "fields", "message"), BAD_QUESTIONS)
def test_a_bad_question_is_refused_and_nothing_stored(users, koping, kind, fields, message):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    fields = {"text": "Hur trygg känner du dig?", **fields}
    with scope(municipality=koping):
        with pytest.raises(ValidationError) as error:
            questions.question_save(viewer=viewer, survey=survey, kind=kind, **fields)
        assert message in _messages(error.value)
        assert Question.objects.filter(version__survey=survey).count() == 0


def test_a_likert_question_without_steps_gets_the_five_default_labels(users, koping):
    viewer = samordnare(users, koping)
    question = add_question(viewer, make_survey(viewer), kind="likert", text="Jag trivs här")
    assert [o["label"] for o in question.options] == [
        "Instämmer inte alls",
        "Instämmer inte",
        "Varken eller",
        "Instämmer",
        "Instämmer helt",
    ]
    assert [o["value"] for o in question.options] == ["1", "2", "3", "4", "5"]


def test_a_condition_on_a_later_question_is_refused(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    first = add_question(viewer, survey, text="Har du varit ute sent?")
    second = add_question(viewer, survey, text="Kände du dig trygg då?")
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        questions.question_save(
            viewer=viewer,
            survey=survey,
            question=first,
            kind="single",
            text=first.text,
            options=YES_NO,
            condition_question=second,
            condition_values=["ja"],
        )
    assert "Villkoret måste bygga på en tidigare fråga" in _messages(error.value)
    first.refresh_from_db()
    assert first.condition_question is None


def test_a_condition_on_the_question_itself_is_refused(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    question = add_question(viewer, survey)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        questions.question_save(
            viewer=viewer,
            survey=survey,
            question=question,
            kind="single",
            text=question.text,
            options=YES_NO,
            condition_question=question,
            condition_values=["ja"],
        )
    assert "sitt eget svar" in _messages(error.value)


def test_a_condition_on_a_free_text_question_is_refused(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    text = add_question(viewer, survey, kind="text", text="Berätta")
    with pytest.raises(ValidationError) as error:
        add_question(viewer, survey, condition_question=text, condition_values=["x"])
    assert "svarsalternativ" in _messages(error.value)


def test_moving_a_question_above_the_one_it_depends_on_is_refused(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    first = add_question(viewer, survey, text="Har du varit ute sent?")
    second = add_question(viewer, survey, condition_question=first, condition_values=["ja"])
    with scope(municipality=koping):
        with pytest.raises(ValidationError) as error:
            questions.question_move(viewer=viewer, question=second, direction="upp")
        assert "tidigare fråga" in _messages(error.value)
        assert list(
            Question.objects.filter(version__survey=survey)
            .order_by("order")
            .values_list("pk", flat=True)
        ) == [first.pk, second.pk]


def test_a_question_others_depend_on_cannot_be_deleted(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    first = add_question(viewer, survey)
    add_question(viewer, survey, condition_question=first, condition_values=["nej"])
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        questions.question_delete(viewer=viewer, question=first)
    assert "Ta bort villkoren först" in _messages(error.value)


def test_questions_move_up_and_down_within_their_section(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    a, b, c = (add_question(viewer, survey, text=t) for t in ("A", "B", "C"))
    with scope(municipality=koping):
        questions.question_move(viewer=viewer, question=c, direction="upp")
        questions.question_move(viewer=viewer, question=a, direction="ned")
        order = list(
            Question.objects.filter(version__survey=survey)
            .order_by("order")
            .values_list("text", flat=True)
        )
        with pytest.raises(ValidationError):
            questions.question_move(viewer=viewer, question=b, direction="ned")
    assert order == ["C", "A", "B"]


def test_editing_a_published_survey_creates_a_new_version_and_leaves_the_answers_version(
    users, koping
):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    first = add_question(viewer, survey, text="Har du varit ute sent?")
    second = add_question(viewer, survey, condition_question=first, condition_values=["ja"])
    with scope(municipality=koping):
        v1 = surveys.survey_publish(viewer=viewer, survey=survey)
        response = Response.objects.create(
            municipality=koping,
            survey=survey,
            version=v1,
            mode="open",
            submitted_on=date(2026, 5, 1),
        )
        Answer.objects.create(municipality=koping, response=response, question=first, choice="ja")
        edited = questions.question_save(
            viewer=viewer,
            survey=survey,
            question=second,
            kind="single",
            text="Kände du dig trygg den kvällen?",
            options=YES_NO,
            condition_question=first,
            condition_values=["ja"],
        )
        versions = list(SurveyVersion.objects.filter(survey=survey).order_by("number"))
        v1_texts = list(
            Question.objects.filter(version=v1).order_by("order").values_list("text", flat=True)
        )
        copy_first = Question.objects.get(version=versions[1], key=first.key)
        survey.refresh_from_db()
        answer = Answer.objects.get(response=response)
    assert [v.number for v in versions] == [1, 2]
    assert edited.version == versions[1] and edited.pk != second.pk
    # The copy's condition points at the copy of the first question, not at version 1's.
    assert edited.condition_question == copy_first
    assert v1_texts == ["Har du varit ute sent?", "Känner du dig trygg?"]
    assert (answer.question, response.version) == (first, v1)
    # Version 2 is a draft until published: respondents still meet version 1.
    assert survey.current_version == v1
    assert versions[1].published_at is None


def test_a_second_change_goes_into_the_same_draft_version(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    add_question(viewer, survey)
    with scope(municipality=koping):
        surveys.survey_publish(viewer=viewer, survey=survey)
    add_question(viewer, survey, text="Ny fråga ett")
    add_question(viewer, survey, text="Ny fråga två")
    with scope(municipality=koping):
        numbers = list(survey.versions.values_list("number", flat=True))
        v2 = surveys.survey_publish(viewer=viewer, survey=survey)
        survey.refresh_from_db()
        texts = list(v2.questions.values_list("text", flat=True))
    assert numbers == [1, 2]
    assert survey.current_version == v2
    assert texts == ["Känner du dig trygg?", "Ny fråga ett", "Ny fråga två"]


def test_closing_deletes_the_invitations_and_is_audited(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer, mode="sampled")
    add_question(viewer, survey)
    with scope(municipality=koping):
        surveys.survey_publish(viewer=viewer, survey=survey)
        for n in range(3):
            Invitation.objects.create(municipality=koping, survey=survey, code=f"KOD{n}")
        deleted = surveys.survey_close(viewer=viewer, survey=survey)
        survey.refresh_from_db()
        left = Invitation.objects.filter(survey=survey).count()
        with pytest.raises(ValidationError) as again:
            surveys.survey_close(viewer=viewer, survey=survey)
        with pytest.raises(ValidationError) as edit:
            add_question(viewer, survey)
    with scopes_disabled():
        events = list(
            AuditEvent.objects.filter(municipality=koping, object_id=str(survey.pk))
            .order_by("pk")
            .values_list("event", "data")
        )
    assert (deleted, left, survey.status) == (3, 0, "stangd")
    assert survey.closed_at is not None
    assert "redan stängd" in _messages(again.value)
    assert "stängd och kan inte ändras" in _messages(edit.value)
    assert ("dialog.sample_deleted", {"invitations": 3}) in events
    assert "dialog.survey_closed" in [e for e, _ in events]


def test_background_questions_take_their_options_from_the_strata_and_deso_areas(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    make_area(koping, "Karlberg", kind="deso", lon=15.99, lat=59.51)
    with scopes_disabled():
        from trygg.geo.models import Area

        Area.objects.filter(name="Karlberg").update(code="1983C1010")
    with scope(municipality=koping):
        sex = questions.background_question_add(viewer=viewer, survey=survey, stratum="sex")
        age = questions.background_question_add(viewer=viewer, survey=survey, stratum="age_band")
        deso = questions.background_question_add(viewer=viewer, survey=survey, stratum="deso")
        with pytest.raises(ValidationError) as twice:
            questions.background_question_add(viewer=viewer, survey=survey, stratum="sex")
    assert [o["value"] for o in sex.options] == ["kvinna", "man"]
    assert [o["value"] for o in age.options] == ["16-24", "25-44", "45-64", "65-"]
    assert [(o["value"], o["label"]) for o in deso.options] == [("1983C1010", "Karlberg")]
    assert (sex.stratum, age.stratum, deso.stratum) == ("sex", "age_band", "deso")
    assert "redan en bakgrundsfråga om kön" in _messages(twice.value)


def test_a_dialogue_needs_a_form_and_an_end_after_its_start(users, koping):
    viewer = samordnare(users, koping)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        dialogue_save(
            viewer=viewer,
            title="Dialog",
            question="Fråga",
            decided_by="BRÅ",
            forms=[],
            starts_on=date(2026, 6, 1),
            ends_on=date(2026, 5, 1),
            feedback_plan="Plan",
        )
    assert error.value.message_dict == {
        "forms": ["Välj minst en form för dialogen."],
        "ends_on": ["Dialogen kan inte sluta före den börjar."],
    }


def test_a_dialogue_cannot_link_another_municipalitys_measure(users, koping, arboga, arboga_org):
    from trygg.strategy.models import ActionPlan, Measure

    with scopes_disabled():
        plan = ActionPlan.objects.create(
            municipality=arboga, title="Arbogas plan", start_year=2025, end_year=2026
        )
        measure = Measure.objects.create(
            municipality=arboga,
            plan=plan,
            title="Arbogas åtgärd",
            owner=arboga_org,
            start=date(2026, 1, 1),
            end=date(2026, 12, 31),
        )
    viewer = samordnare(users, koping)
    dialogue = make_dialogue(viewer)
    with scope(municipality=koping), pytest.raises(ValidationError):
        dialogue_save(
            viewer=viewer,
            dialogue=dialogue,
            title=dialogue.title,
            question=dialogue.question,
            decided_by=dialogue.decided_by,
            forms=["enkat"],
            starts_on=dialogue.starts_on,
            ends_on=dialogue.ends_on,
            feedback_plan=dialogue.feedback_plan,
            measures=[measure],
        )


@pytest.mark.parametrize("role", [Role.ANALYTIKER, Role.POLIS, Role.ADMINISTRATOR])
def test_only_the_samordnare_builds_surveys(users, koping, role):
    dialogue = make_dialogue(samordnare(users, koping))
    with scope(municipality=koping), pytest.raises(PermissionDenied):
        surveys.survey_create(
            viewer=viewer_for(users[role], koping), dialogue=dialogue, title="X", mode="open"
        )


def test_a_published_survey_can_be_closed_but_not_deleted(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    add_question(viewer, survey)
    with scope(municipality=koping):
        surveys.survey_publish(viewer=viewer, survey=survey)
        with pytest.raises(ValidationError) as error:
            surveys.survey_delete(viewer=viewer, survey=survey)
    assert "kan inte tas bort, bara stängas" in _messages(error.value)


def test_an_open_survey_has_channels_a_sampled_one_does_not(users, koping):
    from trygg.dialog.selectors.surveys import survey_public_path

    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    sampled = make_survey(viewer, mode="sampled", title="Urval")
    with scope(municipality=koping):
        channel = surveys.channel_add(viewer=viewer, survey=survey, name="Biblioteket")
        with pytest.raises(ValidationError) as twice:
            surveys.channel_add(viewer=viewer, survey=survey, name="biblioteket")
        with pytest.raises(ValidationError) as closed_mode:
            surveys.channel_add(viewer=viewer, survey=sampled, name="Biblioteket")
    assert survey_public_path(survey) == f"/enkat/{survey.token}/"
    assert survey_public_path(survey, channel) == (f"/enkat/{survey.token}/?kanal={channel.token}")
    assert "redan en kanal" in _messages(twice.value)
    assert "Bara en enkät med öppen länk" in _messages(closed_mode.value)
