"""The open link's repeat-answer guard (device token, rate limit, proof of work), the flags
on answers that still look repeated and the owner's warning, and the redaction of free text."""

import hmac

import pytest
from django.conf import settings
from django.test import Client
from django_scopes import scopes_disabled

from tests.helpers import viewer_for
from trygg.core.models import Role
from trygg.dialog.models import Answer, Channel, Response
from trygg.dialog.selectors.answering import repeat_warnings
from trygg.dialog.services.answering import ALREADY, LIMIT_UNVERIFIED, TOO_MANY

from .answering_helpers import make_places, make_survey, post_answers, survey_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(koping):
    make_places(koping)
    return make_survey(koping)


def responses():
    with scopes_disabled():
        return list(Response.objects.order_by("pk"))


def test_a_second_answer_from_the_same_device_is_refused_with_a_friendly_message(client, survey):
    assert post_answers(client, survey).status_code == 302
    again = client.get(survey_url(survey))
    assert ALREADY in again.content.decode()
    assert "Skicka svaren" not in again.content.decode()
    sent = client.post(
        survey_url(survey), {"version": survey.current_version_id, "q-trygg": "2", "steg": "svar"}
    )
    assert sent.status_code == 409
    assert ALREADY in sent.content.decode()
    assert len(responses()) == 1


def test_the_device_token_is_stored_only_as_a_keyed_hash(client, survey):
    post_answers(client, survey)
    token = client.cookies["trygg_enhet"].value
    (response,) = responses()
    expected = hmac.new(
        settings.SECRET_KEY.encode(), f"dialog.device:{survey.pk}:{token}".encode(), "sha256"
    ).hexdigest()
    assert response.device_hash == expected
    assert token not in response.device_hash


def test_without_the_proof_of_work_an_address_may_answer_only_a_few_times_an_hour(survey):
    limit, _window = LIMIT_UNVERIFIED
    for n in range(limit):
        assert post_answers(Client(), survey, altcha=False, q__ar=str(n)).status_code == 302
    refused = post_answers(Client(), survey, altcha=False, q__ar="99")
    assert refused.status_code == 429
    assert TOO_MANY in refused.content.decode()
    # The proof of work solved (what the browser's script does) lifts the limit.
    assert post_answers(Client(), survey, altcha=True, q__ar="98").status_code == 302
    assert len(responses()) == limit + 1


def test_identical_answers_from_one_channel_are_flagged_and_the_owner_is_warned(
    survey, users, koping
):
    with scopes_disabled():
        poster = Channel.objects.create(municipality=koping, survey=survey, name="Affisch Torget")
    for _ in range(3):
        post_answers(Client(), survey, extra_get=f"?kanal={poster.token}")
    post_answers(Client(), survey, q__ar="40")  # another answer, no channel
    flagged = [r.looks_repeated for r in responses()]
    assert flagged == [True, True, True, False]
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scopes_disabled():
        warning = repeat_warnings(viewer, survey)
    assert (warning.flagged, warning.total, warning.by_channel) == (3, 4, [("Affisch Torget", 3)])


def test_two_identical_answers_are_not_yet_flagged(survey):
    post_answers(Client(), survey)
    post_answers(Client(), survey)
    assert [r.looks_repeated for r in responses()] == [False, False]


def test_the_warning_template_names_the_flagged_answers(survey, users, koping, rf):
    from django.template.loader import render_to_string

    for _ in range(3):
        post_answers(Client(), survey)
    with scopes_disabled():
        warning = repeat_warnings(viewer_for(users[Role.SAMORDNARE], koping), survey)
    html = render_to_string("dialog/answer_warnings.html", {"warning": warning})
    assert "3 av 3 svar ser upprepade ut" in html
    assert "Länken utan kanal" in html
    assert render_to_string("dialog/answer_warnings.html", {"warning": None}).strip() == ""


def test_a_role_without_dialog_view_may_not_read_the_warning(survey, users, koping):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied), scopes_disabled():
        repeat_warnings(viewer_for(users[Role.RAPPORTOR], koping), survey)


def test_free_text_and_the_reason_are_redacted_before_they_are_stored(client, survey):
    post_answers(
        client,
        survey,
        q__ovrigt="Ring mig på 070-123 45 67 eller anna@example.se",
        q__plats__reason="Bilen ABC 123 står där",
    )
    with scopes_disabled():
        text = Answer.objects.get(question__key="ovrigt").text
        reason = Answer.objects.get(question__key="plats").reason
    assert text == "Ring mig på [telefonnummer borttaget] eller [e-postadress borttagen]"
    assert reason == "Bilen [registreringsnummer borttaget] står där"


def test_a_map_point_keeps_its_h3_cells_and_the_deso_it_falls_in(client, survey):
    post_answers(client, survey)
    with scopes_disabled():
        place = Answer.objects.select_related("area").get(question__key="plats")
    assert (place.lat, place.lon, place.area.name) == (59.541, 15.991, "Norr")
    assert place.h3_8 is not None and place.h3_9 is not None
