"""The public survey page with the Django test client, i.e. without JavaScript: one plain
form, the map's alternatives, conditions, languages, the thank-you page and the start page."""

import pytest
from django_scopes import scopes_disabled

from trygg.dialog.models import Answer, Response, ResultSubscriber, Survey
from trygg.dialog.tests.answering_helpers import (
    make_places,
    make_survey,
    post_answers,
    survey_url,
)
from trygg.geo.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(koping):
    make_places(koping)
    return make_survey(koping)


def stored():
    with scopes_disabled():
        return list(Response.objects.all()), list(Answer.objects.order_by("question__order"))


def test_a_visitor_without_javascript_answers_with_an_area_instead_of_the_map(client, survey):
    with scopes_disabled():
        north = Area.objects.get(name="Norr")
    response = post_answers(
        client,
        survey,
        altcha=False,
        q__plats__lat="",
        q__plats__lon="",
        q__plats__area=str(north.pk),
    )
    assert response.status_code == 302
    assert response["Location"] == survey_url(survey) + "tack/"
    responses, answers = stored()
    assert len(responses) == 1
    place = next(a for a in answers if a.question.key == "plats")
    assert (place.area_id, place.lat, place.time_of_day, place.reason) == (
        north.pk,
        None,
        "kvall",
        "Dålig belysning",
    )


def test_the_page_shows_every_question_with_a_fieldset_and_the_condition_in_words(client, survey):
    html = client.get(survey_url(survey)).content.decode()
    assert html.count("<fieldset") == 7
    assert "Svara bara om du svarade ”Ganska otrygg” eller ”Mycket otrygg” på fråga 1." in html
    assert 'name="q-plats-area"' in html and "Norr" in html
    assert "självselekterat urval" in html


def test_english_puts_lang_en_on_the_question_texts_and_keeps_the_interface_swedish(client, survey):
    html = client.get(survey_url(survey) + "?sprak=en").content.decode()
    assert '<span lang="en">How safe do you feel outside in the evening?</span>' in html
    assert 'lang="en">Very safe</label>' in html
    assert "Skicka svaren" in html
    # A question without an English text stays Swedish, without the attribute.
    assert "<span>Markera var du känner dig otrygg.</span>" in html


def test_an_answer_whose_condition_is_not_met_is_ignored(client, survey):
    post_answers(client, survey, q__trygg="1", q__varfor="Detta ska inte sparas")
    _responses, answers = stored()
    assert [a.question.key for a in answers] == ["trygg", "plats", "ar", "kon", "alder"]


def test_the_language_and_the_strata_of_background_questions_are_stored(client, survey):
    post_answers(client, survey, extra_get="?sprak=en")
    (response,), _answers = stored()
    assert (response.language, response.sex, response.age_band, response.deso_code) == (
        "en",
        "kvinna",
        "25-44",
        "",
    )
    assert response.submitted_on is not None


def test_the_thank_you_page_keeps_an_email_apart_from_the_answer(client, survey):
    post_answers(client, survey)
    page = client.post(survey_url(survey) + "tack/", {"email": "anna@example.se"})
    assert "Vi skickar ett mejl när resultaten är publicerade" in page.content.decode()
    with scopes_disabled():
        subscriber = ResultSubscriber.objects.get()
        assert subscriber.dialogue_id == survey.dialogue_id
    assert not hasattr(Response, "email")


def test_a_bad_email_on_the_thank_you_page_gets_a_swedish_message(client, survey):
    page = client.post(survey_url(survey) + "tack/", {"email": "inte en adress"})
    assert page.status_code == 400
    assert "Ange en giltig e-postadress" in page.content.decode()


def test_open_surveys_are_listed_on_the_public_start_page_with_their_deadline(client, koping):
    from datetime import timedelta

    from django.utils import timezone

    deadline = timezone.localdate() + timedelta(days=10)
    make_survey(koping, title="Trygghetsenkät Kolsva", closes_on=deadline)
    draft = make_survey(koping, title="Ett utkast")
    with scopes_disabled():
        Survey.objects.filter(pk=draft.pk).update(status=Survey.Status.UTKAST)
    html = client.get("/kommun/koping/").content.decode()
    assert "Trygghetsenkät Kolsva" in html
    assert "Ett utkast" not in html
    assert "Svara senast" in html


def test_a_draft_survey_link_is_not_found(client, survey):
    with scopes_disabled():
        Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.UTKAST)
    assert client.get(survey_url(survey)).status_code == 404


def test_easy_swedish_shows_the_easy_text_and_the_channel_is_recorded(client, survey, koping):
    from trygg.dialog.models import Channel, Question

    with scopes_disabled():
        Question.objects.filter(key="trygg").update(text_easy="Känner du dig trygg på kvällen?")
        poster = Channel.objects.create(municipality=koping, survey=survey, name="Affisch")
    query = f"?sprak=lattlast&kanal={poster.token}"
    html = client.get(survey_url(survey) + query).content.decode()
    assert "<span>Känner du dig trygg på kvällen?</span>" in html
    post_answers(client, survey, extra_get=query)
    (response,), _answers = stored()
    assert (response.language, response.channel_id) == ("easy", poster.pk)
