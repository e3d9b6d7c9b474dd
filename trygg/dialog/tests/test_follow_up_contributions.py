"""What the dialogues give lower pages through core's registries: the strategic draft cites
the surveys and sessions and their themes, the medborgarlöfte page links the dialogues behind
each focus area (strategy and public never import dialog)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import category, viewer_for
from trygg.core.contributions import PromiseLink, promise_links, promise_links_for
from trygg.core.models import Role
from trygg.dialog.models import Invitation, Survey
from trygg.dialog.services.coding import answers_code
from trygg.dialog.services.follow_up import dialogue_publish
from trygg.dialog.tests.follow_up_helpers import (
    free_text_question,
    make_answers,
    make_dialogue,
    make_session,
    make_survey,
)
from trygg.strategy import services as strategy_services
from trygg.strategy.models import CitizenPromise, FocusArea


def test_the_strategic_draft_cites_the_survey_and_the_session_and_their_themes(users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    dialogue = make_dialogue(koping, starts_on=date(2026, 4, 1), ends_on=date(2026, 6, 30))
    sampled = make_survey(
        dialogue,
        title="Trygghetsenkät 2026",
        mode=Survey.Mode.SAMPLED,
        response_rate_note="Unga svarade i lägre grad.",
    )
    with scopes_disabled():
        for i in range(40):
            Invitation.objects.create(municipality=koping, survey=sampled, code=f"K{i:04}")
    answers = make_answers(sampled, ["Mörkt"] * 10)
    make_survey(dialogue, title="Öppen enkät")
    make_session(dialogue, participants=8)
    make_dialogue(
        koping, title="Förra perioden", starts_on=date(2022, 1, 1), ends_on=date(2022, 2, 1)
    )
    with scope(municipality=koping):
        answers_code(
            viewer=viewer,
            question=free_text_question(sampled),
            answer_ids=[a.pk for a in answers],
            themes=[category(koping, "belysning")],
        )
        answers_code(
            viewer=viewer,
            question=free_text_question(sampled),
            answer_ids=[answers[0].pk],
            themes=[category(koping, "klotter")],
        )
        picture = strategy_services.strategic_picture_draft(
            viewer=viewer, start_year=2025, end_year=2026
        )
        sections = picture.versions.get().sections
    kallor = sections["kallor"].splitlines()
    assert (
        "- Enkät \u201dTrygghetsenkät 2026\u201d (Trygg i centrum): urval om 40 personer med "
        "engångskoder, 10 svar (svarsfrekvens 25,0 %). Bortfall och begränsningar: Unga "
        "svarade i lägre grad."
    ) in kallor
    assert (
        "- Enkät \u201dÖppen enkät\u201d (Trygg i centrum): öppen länk, självselekterat urval, "
        "0 svar (ingen svarsfrekvens: de som svarade valde själva att svara)."
    ) in kallor
    assert (
        "- Fokusgrupp \u201dUnga på Karlsdal\u201d 2026-05-04 (Trygg i centrum): 8 deltagare; "
        "rekrytering: Via fritidsgården"
    ) in kallor
    assert "Förra perioden" not in sections["kallor"]
    belysning = category(koping, "belysning").name.lower()
    assert f"togs oftast upp: {belysning} (10)." in sections["orsaker"]
    assert category(koping, "klotter").name.lower() + " (" not in sections["orsaker"]


def _focus_and_promise(koping):
    with scopes_disabled():
        focus = FocusArea.objects.create(
            municipality=koping, title="Trygg centrumkväll", decided_on=date(2026, 3, 1)
        )
        promise = CitizenPromise.objects.create(
            municipality=koping,
            year=2026,
            title="Tryggare centrum",
            signed_on=date(2026, 4, 1),
            signed_by_municipality="KS ordförande",
            signed_by_police="LPO-chef",
            published_at=timezone.now(),
        )
        promise.focus_areas.set([focus])
    return focus, promise


def test_the_registry_merges_every_apps_links_per_focus_area(koping):
    made_up = PromiseLink(
        "test.links", 99, lambda *, municipality, focus_area_ids: {7: [("Annat", "/x/")], 8: []}
    )
    with promise_links.registered(made_up):
        assert promise_links_for(municipality=koping, focus_area_ids=[7, 8]) == {
            7: [("Annat", "/x/")]
        }
        assert promise_links_for(municipality=koping, focus_area_ids=[8]) == {}


def test_the_promise_page_links_the_published_dialogue_behind_a_focus_area(client, users, koping):
    focus, _promise = _focus_and_promise(koping)
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    dialogue = make_dialogue(koping, title="Kvällar i centrum")
    with scopes_disabled():
        dialogue.focus_areas.set([focus])
    url = reverse("public:promise", args=[koping.slug])
    dialogue_url = reverse("public:dialogue", args=[koping.slug, dialogue.pk])
    assert dialogue_url not in client.get(url).content.decode()  # not published yet
    with scope(municipality=koping):
        dialogue_publish(viewer=viewer, dialogue=dialogue, public_summary="Vi gör så här.")
    page = client.get(url).content.decode()
    assert f'<a href="{dialogue_url}">Kvällar i centrum</a>' in page
