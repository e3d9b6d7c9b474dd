"""Survey results where published (issue 21): a snapshot carries the municipality's
published medborgardialoger as its public page shows them — participation per part and
the themes raised by at least 5 — and nothing of a dialogue that is not published."""

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from tests.helpers import body_of, category, viewer_for
from trygg.core.models import Role
from trygg.dialog.services.coding import answers_code
from trygg.dialog.services.follow_up import dialogue_publish
from trygg.dialog.tests.follow_up_helpers import (
    free_text_question,
    make_answers,
    make_dialogue,
    make_survey,
)

from .helpers import make_county, make_county_user, publish


def test_the_county_reads_published_dialogues_only_as_the_public_does(client, users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    published = make_dialogue(koping, title="Trygg i centrum")
    survey = make_survey(published)
    answers = make_answers(survey, [f"Hemligt svar {i}" for i in range(6)])
    hidden = make_dialogue(koping, title="Opublicerad dialog om parken")
    make_answers(make_survey(hidden, title="Parkenkät"), ["Hemligt svar i parken"] * 6)
    with scope(municipality=koping):
        answers_code(
            viewer=viewer,
            question=free_text_question(survey),
            answer_ids=[a.pk for a in answers],
            themes=[category(koping, "belysning")],
        )
        dialogue_publish(viewer=viewer, dialogue=published, public_summary="Vi byter lamporna.")
    county = make_county()
    snapshot = publish(users[Role.SAMORDNARE], koping, timezone.localdate())
    [entry] = snapshot.figures["dialogues"]
    assert entry["title"] == "Trygg i centrum"
    assert entry["parts"] == [
        ["Enkät: Trygghetsenkät 2026, öppen länk (självselekterat urval)", "6"]
    ]
    assert entry["themes"] == [[category(koping, "belysning").name, "6"]]

    client.force_login(make_county_user(county))
    page = body_of(client.get(reverse("county:member", args=["1983"]))).decode()
    assert "Trygg i centrum" in page and "6 deltog" in page
    assert "Opublicerad dialog" not in page and "Hemligt svar" not in page
