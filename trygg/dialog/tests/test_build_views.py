"""The dialogue and survey builder pages: who reaches which page (a URL × role table, the
rapportör refused), another municipality's objects 404, and the builder used through its
forms without JavaScript."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from trygg.core.models import Role
from trygg.dialog.models import Dialogue, Question, Survey
from trygg.dialog.services import surveys

from .build_helpers import add_question, make_dialogue, make_survey, samordnare

A, S, N, R, P, L = (
    Role.ADMINISTRATOR,
    Role.SAMORDNARE,
    Role.ANALYTIKER,
    Role.RAPPORTOR,
    Role.POLIS,
    Role.RADSLEDAMOT,
)
READERS = {A, S, N, P, L}

# name, object key, the roles that reach it; POST pages answer a redirect (302).
PAGES = [
    ("dialog:list", None, READERS),
    ("dialog:create", None, {S}),
    ("dialog:detail", "dialogue", READERS),
    ("dialog:edit", "dialogue", {S}),
    ("dialog:survey_create", "dialogue", {S}),
    ("dialog:survey", "survey", READERS),
    ("dialog:survey_edit", "survey", {S}),
    ("dialog:survey_preview", "survey", READERS),
    ("dialog:question_create", "survey", {S}),
    ("dialog:section_create", "survey", {S}),
    ("dialog:question_edit", "question", {S}),
    ("dialog:section_edit", "section", {S}),
    ("dialog:channel_poster", "channel", READERS),
    ("dialog:channel_poster_pdf", "channel", READERS),
    ("dialog:bank", None, READERS),
]
POSTS = [
    ("dialog:survey_publish", "survey"),
    ("dialog:survey_close", "survey"),
    ("dialog:survey_delete", "survey"),
    ("dialog:channel_add", "survey"),
    ("dialog:background_add", "survey"),
    ("dialog:bank_add", "survey"),
    ("dialog:question_move", "question"),
    ("dialog:question_delete", "question"),
    ("dialog:section_move", "section"),
    ("dialog:section_delete", "section"),
]


def _objects(users, municipality):
    from trygg.dialog.services.questions import section_save
    from trygg.dialog.services.surveys import channel_add

    if municipality.kommunkod == "1983":
        viewer = samordnare(users, municipality)
    else:
        from tests.helpers import make_member, make_organisation, viewer_for

        org = make_organisation(municipality, "Arboga dialog")
        viewer = viewer_for(make_member("arboga_samordnare", org, S), municipality)
    dialogue = make_dialogue(viewer, title="Hemlig dialog i " + municipality.name)
    survey = make_survey(viewer, dialogue)
    question = add_question(viewer, survey)
    with scope(municipality=municipality):
        section = section_save(viewer=viewer, survey=survey, title="Om dig")
        channel = channel_add(viewer=viewer, survey=survey, name="Biblioteket")
    return {
        "dialogue": dialogue,
        "survey": survey,
        "question": question,
        "section": section,
        "channel": channel,
    }


def _url(name, key, objects):
    url = reverse(name, args=[objects[key].pk]) if key else reverse(name)
    return url + ("?typ=map" if name == "dialog:question_create" else "")


@pytest.mark.parametrize(("name", "key", "roles"), PAGES)
def test_each_role_reaches_only_its_pages(client, users, koping, name, key, roles):
    objects = _objects(users, koping)
    reached = {}
    for role in (A, S, N, R, P, L):
        client.force_login(users[role])
        reached[role] = client.get(_url(name, key, objects)).status_code
    assert reached == {role: 200 if role in roles else 403 for role in reached}


@pytest.mark.parametrize(("name", "key"), POSTS)
def test_only_the_samordnare_changes_a_survey(client, users, koping, name, key):
    objects = _objects(users, koping)
    answered = {}
    # The refused roles first: the samordnare's POST may delete or close what it names.
    for role in (N, R, A, P, L, S):
        client.force_login(users[role])
        answered[role] = client.post(_url(name, key, objects)).status_code
    assert answered == {N: 403, R: 403, A: 403, P: 403, L: 403, S: 302}


@pytest.mark.parametrize(
    ("name", "key"), [(n, k) for n, k, _ in PAGES if k] + POSTS, ids=lambda v: str(v)
)
def test_another_municipalitys_objects_are_not_found(client, users, koping, arboga, name, key):
    theirs = _objects(users, arboga)
    client.force_login(users[S])
    response = client.post(_url(name, key, theirs)) if (name, key) in POSTS else None
    response = response or client.get(_url(name, key, theirs))
    assert response.status_code == 404


def test_the_list_does_not_show_another_municipalitys_dialogues(client, users, koping, arboga):
    _objects(users, arboga)
    make_dialogue(samordnare(users, koping), title="Köpings dialog")
    client.force_login(users[N])
    body = client.get(reverse("dialog:list")).content.decode()
    assert "Köpings dialog" in body
    assert "Hemlig dialog i Arboga" not in body


def test_the_list_has_an_empty_state_and_filters_by_status(client, users, koping):
    client.force_login(users[S])
    assert "Inga dialoger ännu." in client.get(reverse("dialog:list")).content.decode()
    make_dialogue(samordnare(users, koping), title="Planerad dialog")
    planned = client.get(reverse("dialog:list"), {"status": "planerad"}).content.decode()
    finished = client.get(reverse("dialog:list"), {"status": "avslutad"}).content.decode()
    assert "Planerad dialog" in planned
    assert "Inga dialoger med den statusen." in finished


def test_the_list_is_paginated(client, users, koping):
    viewer = samordnare(users, koping)
    for n in range(26):
        make_dialogue(viewer, title=f"Dialog {n:02d}")
    client.force_login(users[S])
    first = client.get(reverse("dialog:list")).content.decode()
    second = client.get(reverse("dialog:list"), {"sida": 2}).content.decode()
    assert "Sida 1 av 2" in first
    assert sum(f"Dialog {n:02d}<" in first for n in range(26)) == 25
    assert sum(f"Dialog {n:02d}<" in second for n in range(26)) == 1


def test_the_list_costs_the_same_queries_for_one_or_three_dialogues(client, users, koping):
    viewer = samordnare(users, koping)
    client.force_login(users[N])
    counts = []
    for n in range(3):
        make_survey(viewer, make_dialogue(viewer, title=f"Dialog {n}"))
        if n in (0, 2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("dialog:list")).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_samordnare_builds_and_publishes_a_survey_through_the_forms(client, users, koping):
    client.force_login(users[S])
    response = client.post(
        reverse("dialog:create"),
        {
            "title": "Tryggt centrum",
            "question": "Var känner sig invånarna otrygga?",
            "decided_by": "BRÅ 2026-03-12 § 4",
            "forms": ["enkat", "vandring"],
            "starts_on": "2026-04-01",
            "ends_on": "2026-06-30",
            "feedback_plan": "Ni sa – vi gör i september.",
            "status": "planerad",
        },
    )
    with scopes_disabled():
        dialogue = Dialogue.objects.get(title="Tryggt centrum")
    assert response["Location"] == reverse("dialog:detail", args=[dialogue.pk])
    assert dialogue.forms == ["enkat", "vandring"]
    response = client.post(
        reverse("dialog:survey_create", args=[dialogue.pk]),
        {"title": "Trygghetsenkät", "mode": "open"},
    )
    with scopes_disabled():
        survey = Survey.objects.get(title="Trygghetsenkät")
    create = reverse("dialog:question_create", args=[survey.pk])
    client.post(
        create + "?typ=single",
        {"text": "Har du varit i centrum en kväll?", "options": "ja=Ja\nnej=Nej", "max_length": 1},
    )
    with scopes_disabled():
        first = Question.objects.get(version__survey=survey)
    page = client.get(create + "?typ=map").content.decode()
    assert f'value="{first.pk}:ja"' in page
    client.post(
        create + "?typ=map",
        {
            "text": "Markera var du känner dig otrygg",
            "map_time_of_day": "on",
            "map_reason": "on",
            "condition": [f"{first.pk}:ja"],
        },
    )
    response = client.post(reverse("dialog:survey_publish", args=[survey.pk]), follow=True)
    body = response.content.decode()
    with scopes_disabled():
        survey.refresh_from_db()
        questions = list(Question.objects.filter(version__survey=survey).order_by("order"))
    assert "Version 1 är publicerad och öppen för svar." in body
    assert survey.status == "publicerad"
    assert [(q.kind, q.condition_question_id, q.condition_values) for q in questions] == [
        ("single", None, []),
        ("map", first.pk, ["ja"]),
    ]
    assert questions[1].map_time_of_day and questions[1].map_reason
    assert "Visas bara om ”Har du varit i centrum en kväll?” besvarats med Ja." in body


def test_publishing_without_questions_shows_the_reason(client, users, koping):
    survey = make_survey(samordnare(users, koping))
    client.force_login(users[S])
    response = client.post(reverse("dialog:survey_publish", args=[survey.pk]), follow=True)
    assert surveys.NO_QUESTIONS in response.content.decode()


def test_a_condition_from_two_questions_is_refused_on_the_form(client, users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    a = add_question(viewer, survey, text="A")
    b = add_question(viewer, survey, text="B")
    client.force_login(users[S])
    response = client.post(
        reverse("dialog:question_create", args=[survey.pk]) + "?typ=text",
        {"text": "C", "max_length": 100, "condition": [f"{a.pk}:ja", f"{b.pk}:nej"]},
    )
    assert "Välj svar från en och samma fråga." in response.content.decode()


def test_the_poster_shows_the_channels_link_as_a_qr_code_and_a_pdf(client, users, koping):
    objects = _objects(users, koping)
    channel, survey = objects["channel"], objects["survey"]
    client.force_login(users[L])
    body = client.get(reverse("dialog:channel_poster", args=[channel.pk])).content.decode()
    pdf = client.get(reverse("dialog:channel_poster_pdf", args=[channel.pk]))
    link = f"http://testserver/enkat/{survey.token}/?kanal={channel.token}"
    assert "<svg" in body and "<script" not in body.split("<svg", 1)[1].split("</svg>")[0]
    assert link in body
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_preview_shows_english_texts_marked_as_english(client, users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    add_question(
        viewer,
        survey,
        text="Känner du dig trygg?",
        text_en="Do you feel safe?",
        options=[
            {"value": "ja", "label": "Ja", "label_en": "Yes"},
            {"value": "nej", "label": "Nej"},
        ],
    )
    client.force_login(users[P])
    body = client.get(
        reverse("dialog:survey_preview", args=[survey.pk]), {"sprak": "en"}
    ).content.decode()
    assert '<legend lang="en">Do you feel safe?' in body
    assert '<span lang="en">Yes</span>' in body
    # No English label: the Swedish one, marked Swedish.
    assert '<span lang="sv">Nej</span>' in body


def test_the_dialogue_page_links_what_it_led_to(client, users, koping, koping_org):
    from trygg.dialog.services.dialogues import dialogue_save
    from trygg.strategy.models import ActionPlan, Measure

    with scopes_disabled():
        plan = ActionPlan.objects.create(
            municipality=koping, title="Plan", start_year=2025, end_year=2026
        )
        measure = Measure.objects.create(
            municipality=koping,
            plan=plan,
            title="Bättre belysning i parken",
            owner=koping_org,
            start=date(2026, 1, 1),
            end=date(2026, 12, 31),
        )
    viewer = samordnare(users, koping)
    dialogue = make_dialogue(viewer)
    with scope(municipality=koping):
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
    make_survey(viewer, dialogue)
    client.force_login(users[L])
    body = client.get(reverse("dialog:detail", args=[dialogue.pk])).content.decode()
    assert f'href="{reverse("strategy:measure_detail", args=[measure.pk])}"' in body
    assert "Trygghetsenkät 2026" in body


def test_the_menu_names_medborgardialog_for_readers_not_the_rapportor(client, users, koping):
    client.force_login(users[L])
    assert "Medborgardialog" in client.get(reverse("core:start")).content.decode()
    client.force_login(users[R])
    assert "Medborgardialog" not in client.get(reverse("core:start")).content.decode()
