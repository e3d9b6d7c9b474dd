"""A sampled survey answered with a one-time code: unknown, used, expired and missing codes
get a clear Swedish message; a valid code's strata are copied to the answer, which keeps no
trace of the code; one code gives one answer, also from two tabs at once."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django_scopes import scopes_disabled

from trygg.dialog.models import Answer, Invitation, Response, Survey
from trygg.dialog.selectors.answering import survey_questions
from trygg.dialog.services import answering

from .answering_helpers import (
    answers,
    make_invitation,
    make_places,
    make_survey,
    page_values,
    survey_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(koping):
    make_places(koping)
    return make_survey(koping, mode=Survey.Mode.SAMPLED)


@pytest.fixture
def invitation(survey):
    return make_invitation(survey, deso_code="1983C1020", sex="man", age_band="65-")


def responses():
    with scopes_disabled():
        return list(Response.objects.all())


def open_with_code(client, survey, code):
    return client.post(survey_url(survey), {"steg": "kod", "kod": code})


def send(client, survey, page_html, **overrides):
    return client.post(survey_url(survey), {**page_values(page_html), **answers(**overrides)})


def test_the_page_of_a_sampled_survey_asks_for_the_code_first(client, survey):
    html = client.get(survey_url(survey)).content.decode()
    assert '<label for="kod">Din kod</label>' in html
    assert "Skicka svaren" not in html


def test_a_valid_code_copies_its_strata_and_the_answer_keeps_no_trace_of_the_code(
    client, survey, invitation
):
    page = open_with_code(client, survey, "k7m2-qx9p")  # as typed from the letter
    assert "Skicka svaren" in page.content.decode()
    sent = send(client, survey, page.content.decode(), q__kon="kvinna", q__alder="16-24")
    assert sent.status_code == 302
    (response,) = responses()
    # The sample's strata win over what the background questions said.
    assert (response.deso_code, response.sex, response.age_band, response.mode) == (
        "1983C1020", "man", "65-", "sampled"
    )  # fmt: skip
    assert response.device_hash == ""
    stored = {f.attname: getattr(response, f.attname) for f in Response._meta.concrete_fields}
    assert "K7M2QX9P" not in repr(stored)
    assert not any(f.related_model is Invitation for f in Response._meta.get_fields())
    with scopes_disabled():
        assert "K7M2QX9P" not in repr(list(Answer.objects.values()))
        invitation.refresh_from_db()
    assert invitation.used_at is not None


def test_the_link_in_the_letter_opens_the_questions_at_once(client, survey, invitation):
    html = client.get(survey_url(survey) + "?kod=K7M2QX9P").content.decode()
    assert "Skicka svaren" in html
    assert 'name="kod" value="K7M2QX9P"' in html


def _used(survey):
    Invitation.objects.filter(survey=survey).update(used_at="2026-11-30T10:00:00Z")


def _closed(survey):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.STANGD)


CODE_CASES = [
    ("an unknown code", "ZZZZ-ZZZZ", None, 400, answering.CODE_UNKNOWN),
    ("a used code", "K7M2QX9P", _used, 400, answering.CODE_USED),
    ("an expired code (the survey closed)", "K7M2QX9P", _closed, 410, answering.CLOSED),
    ("no code", "", None, 400, answering.CODE_MISSING),
]


@pytest.mark.parametrize(
    ("case", "code", "change", "status", "message"), CODE_CASES, ids=[c[0] for c in CODE_CASES]
)
def test_a_bad_code_gets_a_clear_message(
    client, survey, invitation, case, code, change, status, message
):
    if change:
        with scopes_disabled():
            change(survey)
    page = open_with_code(client, survey, code)
    assert page.status_code == status
    assert message in page.content.decode()
    assert responses() == []


def test_a_code_used_twice_gives_one_answer_and_a_message_the_second_time(
    client, survey, invitation
):
    first = open_with_code(client, survey, "K7M2QX9P").content.decode()
    assert send(client, survey, first).status_code == 302
    second = open_with_code(Client(), survey, "K7M2QX9P")
    assert answering.CODE_USED in second.content.decode()
    assert len(responses()) == 1


def test_two_tabs_opened_with_one_code_store_one_answer(client, survey, invitation):
    tab_one = open_with_code(client, survey, "K7M2QX9P").content.decode()
    tab_two = open_with_code(client, survey, "K7M2QX9P").content.decode()
    assert send(client, survey, tab_one).status_code == 302
    refused = send(client, survey, tab_two, q__trygg="1")
    assert refused.status_code == 400
    assert answering.CODE_USED in refused.content.decode()
    assert len(responses()) == 1


def test_many_wrong_codes_from_one_address_are_slowed_down(client, survey, invitation):
    limit, _window = answering.CODE_LIMIT
    for n in range(limit):
        open_with_code(client, survey, f"AAAA{n:04d}")
    refused = open_with_code(client, survey, "K7M2QX9P")
    assert answering.CODE_TOO_MANY in refused.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite serialises writers; the race needs PostgreSQL"
)
def test_two_submits_of_one_code_at_the_same_moment_store_one_response(koping):
    make_places(koping)
    survey = make_survey(koping, mode=Survey.Mode.SAMPLED)
    make_invitation(survey, deso_code="1983C1010")
    with scopes_disabled():
        questions = survey_questions(survey=survey)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        from django.db import connections

        values = {"trygg": "2", "kon": "kvinna"}
        try:
            barrier.wait(timeout=10)
            with scopes_disabled():
                answering.response_submit(
                    survey=survey, version_id=survey.current_version_id, values=values,
                    questions=questions, client="c", code="K7M2QX9P",
                )  # fmt: skip
            outcomes.append("stored")
        except Exception as refused:  # noqa: BLE001 - the losing thread's refusal is the point
            outcomes.append(type(refused).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["ValidationError", "stored"]
    assert len(responses()) == 1
