"""Theme coding of free-text answers: bulk tagging, quotes only after a clean scan, theme
counts per question with counts under 5 suppressed, and the dialogue's themes rolled up from
sessions and surveys with quotes never from a DeSO cell under 5."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from tests.helpers import category, viewer_for
from trygg.core.models import Role
from trygg.dialog.selectors.coding import theme_counts
from trygg.dialog.selectors.themes import themes_for_dialogue
from trygg.dialog.services.coding import answer_quotable_set, answers_code
from trygg.dialog.services.sessions import session_note_add
from trygg.dialog.tests.follow_up_helpers import (
    free_text_question,
    make_answers,
    make_dialogue,
    make_session,
    make_survey,
)


def _code(viewer, survey, answers, themes, operation="add"):
    with scope(municipality=viewer.municipality):
        return answers_code(
            viewer=viewer,
            question=free_text_question(survey),
            answer_ids=[a.pk for a in answers],
            themes=themes,
            operation=operation,
        )


def test_answers_are_tagged_in_bulk_with_several_themes_and_counted(users, koping):
    viewer = viewer_for(users[Role.ANALYTIKER], koping)
    survey = make_survey(make_dialogue(koping))
    answers = make_answers(survey, [f"Mörkt och klotter {i}" for i in range(7)])
    klotter, belysning = category(koping, "klotter"), category(koping, "belysning")
    assert _code(viewer, survey, answers, [klotter]) == 7
    assert _code(viewer, survey, answers[:3], [klotter, belysning]) == 3  # klotter kept once
    with scope(municipality=koping):
        counts = theme_counts(viewer=viewer, question=free_text_question(survey))
    assert [(c.theme, c.count, c.shown) for c in counts] == [
        (klotter.name, 7, "7"),
        (belysning.name, 3, "färre än 5"),
    ]
    _code(viewer, survey, answers[:3], [belysning], operation="remove")
    with scope(municipality=koping):
        counts = theme_counts(viewer=viewer, question=free_text_question(survey))
    assert [(c.theme, c.count) for c in counts] == [(klotter.name, 7)]


@pytest.mark.parametrize(
    "answers, themes, message",
    [([], ["klotter"], "Välj minst ett svar."), (["first"], [], "Välj minst ett tema.")],
)
def test_coding_without_answers_or_themes_is_refused(users, koping, answers, themes, message):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    survey = make_survey(make_dialogue(koping))
    made = make_answers(survey, ["Otryggt"])
    with pytest.raises(ValidationError) as error:
        _code(viewer, survey, made if answers else [], [category(koping, t) for t in themes])
    assert message in " ".join(error.value.messages)


def test_an_answer_of_another_question_cannot_be_coded(users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    survey = make_survey(make_dialogue(koping))
    other = make_answers(make_survey(make_dialogue(koping), title="Annan"), ["Annat svar"])
    with pytest.raises(ValidationError):
        _code(viewer, survey, other, [category(koping)])


def test_the_police_may_not_code_answers(users, koping):
    viewer = viewer_for(users[Role.POLIS], koping)
    survey = make_survey(make_dialogue(koping))
    with pytest.raises(PermissionDenied):
        _code(viewer, survey, make_answers(survey, ["Otryggt"]), [category(koping)])


@pytest.mark.parametrize(
    "text, approved",
    [
        ("Det är mörkt i gångtunneln under järnvägen.", True),
        ("Ring [telefonnummer borttaget] om ni vill veta mer.", False),
        ("Mörkt där, mejla mig på kim@example.se", False),
        ("Jag tycker att vakten Anna Berg borde vara kvar", False),
    ],
)
def test_a_quote_is_approved_only_when_the_scan_finds_nothing(users, koping, text, approved):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    [answer] = make_answers(make_survey(make_dialogue(koping)), [text])
    with scope(municipality=koping):
        if approved:
            answer_quotable_set(viewer=viewer, answer=answer, quotable=True)
        else:
            with pytest.raises(ValidationError) as error:
                answer_quotable_set(viewer=viewer, answer=answer, quotable=True)
            assert "Skriv om den utan personuppgifter." in error.value.messages[0]
        answer.refresh_from_db()
    assert answer.quotable is approved


def test_themes_roll_up_from_sessions_and_surveys_and_quotes_skip_small_cells(users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    dialogue = make_dialogue(koping)
    survey = make_survey(dialogue)
    big = make_answers(survey, [f"Mörkt vid stationen {i}" for i in range(5)], deso="1983C1010")
    small = make_answers(survey, ["Mörkt vid kyrkan"], deso="1983C1020")
    klotter = category(koping, "klotter")
    _code(viewer, survey, big + small, [klotter])
    session = make_session(dialogue, participants=4)
    with scope(municipality=koping):
        for answer in (big[0], small[0]):
            answer_quotable_set(viewer=viewer, answer=answer, quotable=True)
        session_note_add(
            viewer=viewer,
            session=session,
            text="Vi undviker parken.",
            is_quote=True,
            speaker="Deltagare B",
            themes=[klotter],
        )
        rolled = themes_for_dialogue(viewer, dialogue)
    assert [(r.theme, r.answers, r.notes, r.shown) for r in rolled.rows] == [
        (klotter.name, 6, 1, "7")
    ]
    assert [(q.text, q.source) for q in rolled.quotes] == [
        ("Mörkt vid stationen 0", "Enkätsvar"),
        ("Vi undviker parken.", "Deltagare B, fokusgrupp 2026-05-04"),
    ]


def test_a_viewer_of_another_municipality_gets_no_themes(users, koping, arboga, arboga_admin):
    dialogue = make_dialogue(koping)
    survey = make_survey(dialogue)
    _code(
        viewer_for(users[Role.SAMORDNARE], koping),
        survey,
        make_answers(survey, ["Otryggt"] * 5),
        [category(koping)],
    )
    with scope(municipality=arboga):
        assert themes_for_dialogue(viewer_for(arboga_admin, arboga), dialogue).rows == []


@pytest.mark.parametrize("n", [1, 3])
def test_themes_for_a_dialogue_take_the_same_queries_for_1_and_3_sessions(users, koping, n):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    dialogue = make_dialogue(koping)
    with scope(municipality=koping):
        for i in range(n):
            session = make_session(dialogue, title=f"Samtal {i}")
            session_note_add(
                viewer=viewer,
                session=session,
                text="Mörkt.",
                is_quote=True,
                speaker="Deltagare A",
                themes=[category(koping)],
            )
        with CaptureQueriesContext(connection) as queries:
            themes_for_dialogue(viewer, dialogue)
    assert len(queries) == 5
