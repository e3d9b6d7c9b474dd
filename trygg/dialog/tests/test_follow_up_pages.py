"""The follow-up pages as a member uses them: forms post to the services, refusals are shown
next to the field in Swedish, and what was stored is on the next page."""

from django.urls import reverse
from django_scopes import scopes_disabled

from tests.helpers import category
from trygg.core.models import Role
from trygg.dialog.models import Answer, Session
from trygg.dialog.tests.follow_up_helpers import (
    free_text_question,
    make_answers,
    make_dialogue,
    make_session,
    make_survey,
)

SESSION = {
    "kind": "fokusgrupp",
    "title": "Unga på Karlsdal",
    "held_on": "2026-05-04",
    "purpose": "Kvällarna i centrum",
    "recruitment": "Fritidsgården",
    "participants": "6",
    "sex_kvinna": "3",
    "sex_man": "3",
    "age_a16_24": "6",
    "consent_recorded": "on",
    "consent_method": "Skriftligt",
}


def test_a_session_is_recorded_from_the_form_and_refused_without_consent(client, users, koping):
    dialogue = make_dialogue(koping)
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("dialog:session_create", args=[dialogue.pk])
    refused = client.post(url, {**SESSION, "consent_recorded": ""})
    assert refused.status_code == 200
    assert "Samtycke måste vara inhämtat" in refused.content.decode()
    response = client.post(url, SESSION)
    with scopes_disabled():
        session = Session.objects.get()
    assert response["Location"] == reverse("dialog:session_detail", args=[dialogue.pk, session.pk])
    assert session.composition == {"sex": {"kvinna": 3, "man": 3}, "age_band": {"16-24": 6}}
    listing = client.get(reverse("dialog:sessions", args=[dialogue.pk])).content.decode()
    assert "Unga på Karlsdal" in listing


def test_a_quote_with_a_phone_number_is_refused_on_the_page(client, users, koping):
    session = make_session(make_dialogue(koping), participants=3)
    client.force_login(users[Role.ANALYTIKER])
    url = reverse("dialog:session_detail", args=[session.dialogue_id, session.pk])
    theme = category(koping, "belysning")
    page = client.post(
        url,
        {"text": "Ring 070-123 45 67", "is_quote": "on", "speaker": "Deltagare A"},
    ).content.decode()
    assert "Texten innehåller ett telefonnummer. Skriv om den utan personuppgifter." in page
    client.post(
        url,
        {
            "text": "Tunneln är mörk.",
            "is_quote": "on",
            "speaker": "Deltagare B",
            "themes": [theme.pk],
        },
    )
    page = client.get(url).content.decode()
    assert "<p>Tunneln är mörk.</p><footer>Deltagare B</footer>" in page


def test_answers_are_coded_and_a_quote_approved_from_the_coding_page(client, users, koping):
    dialogue = make_dialogue(koping)
    survey = make_survey(dialogue)
    answers = make_answers(survey, [f"Mörkt i tunneln {i}" for i in range(6)])
    question = free_text_question(survey)
    theme = category(koping, "belysning")
    client.force_login(users[Role.SAMORDNARE])
    index = client.get(reverse("dialog:coding", args=[dialogue.pk])).content.decode()
    assert "Varför känner du dig otrygg där?" in index and "6 svar" in index
    url = reverse("dialog:coding_question", args=[dialogue.pk, question.pk])
    response = client.post(
        url, {"answers": [a.pk for a in answers], "themes": [theme.pk], "operation": "add"}
    )
    assert response.status_code == 302
    client.post(
        reverse("dialog:answer_quote", args=[dialogue.pk, answers[0].pk]), {"quotable": "1"}
    )
    with scopes_disabled():
        assert Answer.objects.get(pk=answers[0].pk).quotable
    page = client.get(url).content.decode()
    assert f'<tr><th scope="row">{theme.name}</th><td data-label="Svar">6</td></tr>' in page
    assert "Godkänt som citat" in page
    themes = client.get(reverse("dialog:themes", args=[dialogue.pk])).content.decode()
    assert "Mörkt i tunneln 0" in themes and "Vilka svarade och deltog" in themes


def test_the_publish_form_says_what_happens_to_the_addresses_and_publishes(client, users, koping):
    dialogue = make_dialogue(koping)
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("dialog:publish", args=[dialogue.pk])
    page = client.get(url).content.decode()
    assert "sedan raderas deras adresser" in page
    refused = client.post(url, {"public_summary": ""}).content.decode()
    assert "innan sidan publiceras" in refused
    assert client.post(url, {"public_summary": "Vi byter belysningen."}).status_code == 302
    public = reverse("public:dialogue", args=[koping.slug, dialogue.pk])
    assert public in client.get(url).content.decode()
