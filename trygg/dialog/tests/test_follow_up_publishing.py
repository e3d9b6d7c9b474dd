"""Publishing "ni sa – vi gör": a summary is required, subscribers are told once and then
deleted, and the public page shows only suppressed aggregates and the decided measures."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.helpers import category, make_organisation, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.dialog.models import ResultSubscriber
from trygg.dialog.services.coding import answers_code
from trygg.dialog.services.follow_up import dialogue_publish, dialogue_unpublish
from trygg.dialog.tests.follow_up_helpers import (
    free_text_question,
    make_answers,
    make_dialogue,
    make_session,
    make_survey,
)
from trygg.strategy.models import ActionPlan, CitizenPromise, Measure, PromiseActivity


def _measure(municipality, title="Bättre belysning i gångtunneln"):
    with scopes_disabled():
        plan = ActionPlan.objects.create(
            municipality=municipality, title="Åtgärdsplan 2026–2027", start_year=2026, end_year=2027
        )
        return Measure.objects.create(
            municipality=municipality,
            plan=plan,
            title=title,
            owner=make_organisation(municipality, "Tekniska förvaltningen"),
            start=date(2026, 9, 1),
            end=date(2026, 12, 31),
            status=Measure.Status.PAGAR,
        )


def _activity(municipality):
    with scopes_disabled():
        promise = CitizenPromise.objects.create(
            municipality=municipality, year=2026, title="Tryggare centrum"
        )
        return PromiseActivity.objects.create(
            municipality=municipality,
            promise=promise,
            title="Nattvandring fredagar",
            owner=PromiseActivity.Owner.ANNAN,
            owner_name="Nattvandrarna",
            status=PromiseActivity.Status.GENOMFORD,
        )


def _publish(viewer, dialogue, summary="Ni sa att tunneln är mörk. Vi byter belysningen.", **kw):
    with scope(municipality=viewer.municipality):
        return dialogue_publish(viewer=viewer, dialogue=dialogue, public_summary=summary, **kw)


def test_publishing_without_a_summary_is_refused(users, koping):
    dialogue = make_dialogue(koping)
    with pytest.raises(ValidationError) as error:
        _publish(viewer_for(users[Role.SAMORDNARE], koping), dialogue, summary="  ")
    assert "innan sidan publiceras" in error.value.message_dict["public_summary"][0]
    dialogue.refresh_from_db()
    assert dialogue.published_at is None


def test_only_the_samordnare_publishes(users, koping):
    with pytest.raises(PermissionDenied):
        _publish(viewer_for(users[Role.ANALYTIKER], koping), make_dialogue(koping))


def test_a_measure_of_another_municipality_cannot_be_linked(users, koping, arboga):
    with pytest.raises(ValidationError):
        _publish(
            viewer_for(users[Role.SAMORDNARE], koping),
            make_dialogue(koping),
            measures=[_measure(arboga)],
        )


def test_publishing_mails_each_subscriber_once_and_deletes_the_addresses(users, koping):
    dialogue = make_dialogue(koping)
    with scopes_disabled():
        for email in ("a@example.se", "b@example.se"):
            ResultSubscriber.objects.create(municipality=koping, dialogue=dialogue, email=email)
    told = _publish(viewer_for(users[Role.SAMORDNARE], koping), dialogue)
    assert told == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.se", "b@example.se"]
    assert all(len(m.to) == 1 for m in mail.outbox)
    url = reverse("public:dialogue", args=[koping.slug, dialogue.pk])
    assert url in mail.outbox[0].body and "raderad" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Köping: resultatet av Trygg i centrum"
    with scope(municipality=koping):
        assert ResultSubscriber.objects.count() == 0
        event = AuditEvent.objects.get(event="dialog.dialogue_published")
    assert event.data["subscribers_told"] == 2
    assert "example.se" not in str(event.data)


def test_the_public_page_shows_suppressed_results_and_the_decided_measures(client, users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    dialogue = make_dialogue(koping)
    survey = make_survey(dialogue)
    answers = make_answers(survey, [f"Mörkt i tunneln {i}" for i in range(6)])
    make_session(dialogue, participants=3)
    with scope(municipality=koping):
        answers_code(
            viewer=viewer,
            question=free_text_question(survey),
            answer_ids=[a.pk for a in answers],
            themes=[category(koping, "belysning")],
        )
        answers_code(
            viewer=viewer,
            question=free_text_question(survey),
            answer_ids=[answers[0].pk],
            themes=[category(koping, "klotter")],
        )
    url = reverse("public:dialogue", args=[koping.slug, dialogue.pk])
    assert client.get(url).status_code == 404  # not published yet
    _publish(viewer, dialogue, measures=[_measure(koping)], promise_activities=[_activity(koping)])
    page = client.get(url).content.decode()
    assert "Var känner du dig otrygg i centrum, och varför?" in page
    assert "Enkät: Trygghetsenkät 2026, öppen länk (självselekterat urval)" in page
    assert "Fokusgrupp: 1 tillfälle" in page and "färre än 5" in page
    name = category(koping, "belysning").name
    assert f'<th scope="row">{name}</th><td data-label="Antal gånger">6</td>' in page
    assert "1 tema togs upp färre än 5 gånger och visas inte." in page
    assert category(koping, "klotter").name not in page
    assert "Bättre belysning i gångtunneln" in page and "Pågår" in page
    assert "Nattvandring fredagar" in page and "Genomförd" in page
    assert "Mörkt i tunneln" not in page  # no free text in public
    listing = client.get(reverse("public:dialogues", args=[koping.slug])).content.decode()
    assert url in listing
    assert reverse("public:dialogues", args=[koping.slug]) in client.get("/").content.decode()
    with scope(municipality=koping):
        dialogue_unpublish(viewer=viewer, dialogue=dialogue)
    assert client.get(url).status_code == 404


def test_another_municipalitys_slug_does_not_show_the_dialogue(client, users, koping, arboga):
    dialogue = make_dialogue(koping)
    _publish(viewer_for(users[Role.SAMORDNARE], koping), dialogue)
    assert (
        client.get(reverse("public:dialogue", args=[arboga.slug, dialogue.pk])).status_code == 404
    )
    listing = client.get(reverse("public:dialogues", args=[arboga.slug])).content.decode()
    assert "Trygg i centrum" not in listing


def test_the_public_page_shows_each_published_surveys_results_for_the_municipality(client, koping):
    from django.utils import timezone

    from trygg.dialog.models import Dialogue
    from trygg.dialog.models import Survey as SurveyModel
    from trygg.dialog.tests.results_helpers import add_answers
    from trygg.dialog.tests.results_helpers import make_survey as make_results_survey

    survey = make_results_survey(koping, mode=SurveyModel.Mode.OPEN)
    add_answers(survey, [("", "kvinna", "", {"q0": "1"})] * 7 + [("", "man", "", {"q0": "2"})] * 2)
    with scopes_disabled():
        Dialogue.objects.filter(pk=survey.dialogue_id).update(
            published_at=timezone.now(), public_summary="Vi tänder lamporna."
        )
        url = reverse("public:dialogue", args=[koping.slug, survey.dialogue_id])
        assert "Fråga 0: hur trygg" not in client.get(url).content.decode()  # not published
        SurveyModel.objects.filter(pk=survey.pk).update(published_at=timezone.now())
    page = client.get(url).content.decode()
    assert "Enkätens svar: Trygghetsenkät" in page
    assert "<caption>Fråga 0: hur trygg känner du dig?</caption>" in page
    # Two answered the second option: hidden, and the share that would give it away too.
    assert "färre än 5" in page
    assert ">2<" not in page.split("Enkätens svar")[1].split("</table>")[0]
