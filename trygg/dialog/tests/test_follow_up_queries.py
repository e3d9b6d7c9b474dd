"""The follow-up's list pages issue as many queries for three rows as for one (no N+1)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import category, make_organisation
from trygg.core.models import Role
from trygg.dialog.tests.follow_up_helpers import (
    free_text_question,
    make_answers,
    make_dialogue,
    make_session,
    make_survey,
)
from trygg.strategy.models import ActionPlan, Measure


def _sessions(koping, n):
    dialogue = make_dialogue(koping)
    for i in range(n):
        make_session(dialogue, title=f"Samtal {i}")
    return reverse("dialog:sessions", args=[dialogue.pk])


def _session_notes(koping, n):
    dialogue = make_dialogue(koping)
    session = make_session(dialogue)
    with scopes_disabled():
        for i in range(n):
            note = session.notes.create(municipality=koping, text=f"Anteckning {i}")
            note.themes.set([category(koping)])
    return reverse("dialog:session_detail", args=[dialogue.pk, session.pk])


def _coding(koping, n):
    dialogue = make_dialogue(koping)
    survey = make_survey(dialogue)
    with scopes_disabled():
        for answer in make_answers(survey, [f"Svar {i}" for i in range(n)]):
            answer.themes.set([category(koping)])
    return reverse("dialog:coding_question", args=[dialogue.pk, free_text_question(survey).pk])


def _public_list(koping, n):
    for i in range(n):
        make_dialogue(koping, title=f"Dialog {i}", published_at=timezone.now())
    return reverse("public:dialogues", args=[koping.slug])


def _public_page(koping, n):
    dialogue = make_dialogue(koping, published_at=timezone.now())
    owner = make_organisation(koping, f"Tekniska förvaltningen {n}")
    with scopes_disabled():
        plan = ActionPlan.objects.create(
            municipality=koping, title="Plan", start_year=2026, end_year=2027
        )
        for i in range(n):
            survey = make_survey(dialogue, title=f"Enkät {i}")
            make_answers(survey, ["Svar"])
            make_session(dialogue, title=f"Samtal {i}")
            dialogue.measures.add(
                Measure.objects.create(
                    municipality=koping,
                    plan=plan,
                    title=f"Åtgärd {i}",
                    owner=owner,
                    start=date(2026, 1, 1),
                    end=date(2026, 12, 31),
                )
            )
    return reverse("public:dialogue", args=[koping.slug, dialogue.pk])


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "make, public",
    [
        (_sessions, False),
        (_session_notes, False),
        (_coding, False),
        (_public_list, True),
        (_public_page, True),
    ],
)
def test_a_list_page_takes_as_many_queries_for_three_rows_as_for_one(
    client, users, koping, arboga, make, public
):
    if not public:
        client.force_login(users[Role.SAMORDNARE])
    counts = []
    for n in (1, 3):
        with scope(municipality=koping):
            url = make(koping, n)
        counts.append(_queries(client, url))
    assert counts[0] == counts[1]
