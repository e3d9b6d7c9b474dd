"""Bad input to public answering, as a visitor without JavaScript sends it: a clear Swedish
message, and nothing stored half-way (no response and no answer)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.dialog.models import Answer, Response, Survey
from trygg.dialog.services.answering import CHANGED, CLOSED, NOT_YET

from .answering_helpers import make_places, make_survey, post_answers, survey_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(koping):
    make_places(koping)
    return make_survey(koping)


def nothing_stored():
    with scopes_disabled():
        return Response.objects.count() == 0 and Answer.objects.count() == 0


# (what is wrong, the fields sent, the message beside the question)
FIELD_CASES = [
    ("required missing", {"q__trygg": ""}, "Fråga 1: Svara på frågan."),
    (
        "an option the question has not",
        {"q__trygg": "9"},
        "Fråga 1: Välj ett av svarsalternativen.",
    ),
    ("a number out of range", {"q__ar": "500"}, "Fråga 5: Skriv ett tal mellan 0 och 120."),
    ("a number that is no number", {"q__ar": "tolv"}, "Fråga 5: Skriv ett tal, t.ex. 3."),
    (
        "an over-long text",
        {"q__ovrigt": "x" * 501},
        "Fråga 4: Svaret är för långt: högst 500 tecken.",
    ),
    (
        "an over-long conditional text",
        {"q__varfor": "y" * 201},
        "Fråga 2: Svaret är för långt: högst 200 tecken.",
    ),
    (
        "a map point outside the municipality",
        {"q__plats__lat": "59.9", "q__plats__lon": "16.6"},
        "Fråga 3: Platsen ligger utanför kommunen. Välj en plats i kommunen.",
    ),
    (
        "a map point that is no number",
        {"q__plats__lat": "norr", "q__plats__lon": "15.99"},
        "Fråga 3: Platsen på kartan kunde inte läsas. Välj ett område i stället.",
    ),
    (
        "an area of no municipality",
        {"q__plats__lat": "", "q__plats__lon": "", "q__plats__area": "999999"},
        "Fråga 3: Välj ett område i listan.",
    ),
    (
        "an unknown place typed",
        {"q__plats__lat": "", "q__plats__lon": "", "q__plats__place": "Atlantis"},
        "Fråga 3: Markera platsen på kartan, välj ett område eller skriv ett platsnamn.",
    ),
    (
        "a time of day not in the list",
        {"q__plats__time": "lunch"},
        "Fråga 3: Välj en tid på dygnet i listan.",
    ),
    (
        "an over-long reason",
        {"q__plats__reason": "z" * 301},
        "Fråga 3: Svaret är för långt: högst 300 tecken.",
    ),
    ("a sex not in the list", {"q__kon": "vet ej"}, "Fråga 6: Välj ett av svarsalternativen."),
]


@pytest.mark.parametrize(
    ("case", "fields", "message"), FIELD_CASES, ids=[c[0] for c in FIELD_CASES]
)
def test_bad_answers_get_a_message_linked_to_the_question_and_store_nothing(
    client, survey, case, fields, message
):
    response = post_answers(client, survey, **fields)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'class="error-summary"' in html
    assert nothing_stored()


def test_the_answers_given_are_shown_again_after_an_error(client, survey):
    html = post_answers(client, survey, q__ar="500", q__ovrigt="Mer ljus").content.decode()
    assert ">Mer ljus</textarea>" in html
    assert 'value="3" checked' in html


def test_a_form_with_no_answer_at_all_is_refused(client, survey):
    with scopes_disabled():
        survey.current_version.questions.filter(key="trygg").update(required=False)
    blank = {k: "" for k in ("q__trygg", "q__varfor", "q__ar", "q__kon", "q__alder")}
    blank.update(q__plats__lat="", q__plats__lon="", q__plats__time="", q__plats__reason="")
    html = post_answers(client, survey, **blank).content.decode()
    assert "Svara på minst en fråga innan du skickar." in html
    assert nothing_stored()


def _closed(survey):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.STANGD)


def _past_deadline(survey):
    Survey.objects.filter(pk=survey.pk).update(closes_on=timezone.localdate() - timedelta(days=1))


def _not_open_yet(survey):
    Survey.objects.filter(pk=survey.pk).update(opens_on=timezone.localdate() + timedelta(days=1))


@pytest.mark.parametrize(
    ("change", "message"),
    [(_closed, CLOSED), (_past_deadline, CLOSED), (_not_open_yet, NOT_YET)],
    ids=["closed", "past its deadline", "not yet open"],
)
def test_a_survey_that_takes_no_answers_says_so_on_the_page_and_on_sending(
    client, survey, change, message
):
    page = client.get(survey_url(survey)).content.decode()
    with scopes_disabled():
        change(survey)
    shown = client.get(survey_url(survey))
    assert shown.status_code == 410
    assert message in shown.content.decode()
    sent = client.post(survey_url(survey), {"version": survey.current_version_id, "q-trygg": "1"})
    assert sent.status_code == 410
    assert message in sent.content.decode()
    assert "Skicka svaren" in page
    assert nothing_stored()


def test_answers_to_a_version_that_is_no_longer_current_are_refused(client, survey):
    from trygg.dialog.models import SurveyVersion

    page = client.get(survey_url(survey)).content.decode()
    with scopes_disabled():
        newer = SurveyVersion.objects.create(
            municipality=survey.municipality, survey=survey, number=2, published_at=timezone.now()
        )
        Survey.objects.filter(pk=survey.pk).update(current_version=newer)
    old_version = survey.current_version_id
    response = client.post(survey_url(survey), {"version": old_version, "q-trygg": "1"})
    assert response.status_code == 409
    assert CHANGED in response.content.decode()
    assert "Skicka svaren" in page
    assert nothing_stored()
