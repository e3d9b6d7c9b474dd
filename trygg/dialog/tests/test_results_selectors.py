"""Survey results: suppression applied, modes never mixed, map answers on the grid only from
20 points, weights used for sampled surveys, rounds compared; in few queries."""

import h3.api.basic_int as h3_int
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from trygg.core.models import Role
from trygg.core.viewer import Viewer
from trygg.dialog.models import Response, Survey
from trygg.dialog.selectors.results import survey_results

from .results_helpers import add_answers, add_population, make_survey, make_town

pytestmark = pytest.mark.django_db
N1, N2, S1 = "1983C1010", "1983C1020", "1983C1030"


@pytest.fixture
def viewer(koping):
    make_town(koping)
    return Viewer(municipality=koping, roles=frozenset({Role.SAMORDNARE}))


def _results(viewer, survey, breakdown=""):
    with scope(municipality=viewer.municipality):
        return survey_results(viewer=viewer, survey=survey, breakdown=breakdown)


def _row(result, label):
    return next(r for r in result.rows if r.label.startswith(label))


def test_an_open_surveys_deso_with_three_answers_of_one_kind_is_hidden_with_a_partner(viewer):
    survey = make_survey(viewer.municipality, mode=Survey.Mode.OPEN)
    add_answers(
        survey,
        [(N1, "kvinna", "25-44", {"q0": "1"})] * 20
        + [(N1, "man", "25-44", {"q0": "3"})] * 3
        + [(N2, "kvinna", "45-64", {"q0": "1"})] * 30
        + [(N2, "man", "45-64", {"q0": "3"})] * 10
        + [(S1, "kvinna", "65-", {"q0": "2"})] * 25,
    )
    results = _results(viewer, survey, "deso")
    q = results.questions[0]
    north1 = _row(q, "Norr 1")
    # The 3 would be the row's 23 minus the 20 who feel very safe: the 20 is hidden too.
    assert [c.text for c in north1.cells] == ["–", "0 %", "färre än 5"]
    assert north1.total.text == "23"
    # It would also be the district's 13 minus Norr 2's 10: Norr 2's is hidden too.
    assert _row(q, "Norr 2").cells[2].text == "–"
    assert results.mode_label == "Öppen länk – självselekterat urval, ovägt"
    assert results.weighted is False and all(c.ci == "" for c in north1.cells)


def test_answers_of_the_other_mode_never_count_in_a_surveys_figures(viewer):
    survey = make_survey(viewer.municipality, mode=Survey.Mode.OPEN)
    add_answers(survey, [(N1, "kvinna", "25-44", {"q0": "1"})] * 10)
    with scopes_disabled():
        first = list(Response.objects.filter(survey=survey).values_list("pk", flat=True)[:4])
        Response.objects.filter(pk__in=first).update(mode=Survey.Mode.SAMPLED)
    q = _results(viewer, survey).questions[0]
    assert q.answers == 6
    assert q.rows[0].total.text == "6"


def test_a_previous_round_of_the_other_mode_is_not_compared(viewer):
    before = make_survey(viewer.municipality, mode=Survey.Mode.SAMPLED)
    add_answers(before, [(N1, "kvinna", "25-44", {"q0": "1"})] * 10)
    survey = make_survey(viewer.municipality, mode=Survey.Mode.OPEN, previous=before)
    add_answers(survey, [(N1, "kvinna", "25-44", {"q0": "3"})] * 10)
    results = _results(viewer, survey)
    assert results.previous is None
    assert results.previous_note.startswith("Föregående omgång (Trygghetsenkät) hade ett annat")
    assert results.questions[0].comparison == []


def test_a_sampled_surveys_shares_are_weighted_to_the_population_with_an_interval(viewer):
    # Women answered four times as often as men; in the population they are as many.
    survey = make_survey(viewer.municipality, mode=Survey.Mode.SAMPLED)
    rows = []
    for deso in (N1, N2, S1):
        rows += [(deso, "kvinna", "", {"q0": "3"})] * 40 + [(deso, "man", "", {"q0": "1"})] * 10
    add_answers(survey, rows)
    with scopes_disabled():
        add_population({(d, s, ""): 500 for d in (N1, N2, S1) for s in ("kvinna", "man")})
    results = _results(viewer, survey)
    everyone = results.questions[0].rows[0]
    # Unweighted 120 of 150 would be 80 %; weighted, women and men count half each.
    assert [c.text for c in everyone.cells] == ["50 %", "0 %", "50 %"]
    assert everyone.cells[2].ci == "40–60 %"  # Kish: n_eff = 150² / (…) = 96
    assert results.weighting_note == (
        "Vägda efter kön och DeSO mot SCB:s befolkning 2019 (poststratifiering)."
    )


def test_a_deso_whose_men_did_not_answer_is_weighted_with_its_district(viewer):
    survey = make_survey(viewer.municipality, mode=Survey.Mode.SAMPLED)
    add_answers(
        survey,
        [(N1, "kvinna", "", {"q0": "3"})] * 10
        + [(N2, "kvinna", "", {"q0": "3"})] * 10
        + [(N2, "man", "", {"q0": "1"})] * 10
        + [(S1, "kvinna", "", {"q0": "3"})] * 10
        + [(S1, "man", "", {"q0": "1"})] * 10,
    )
    with scopes_disabled():
        add_population({(d, s, ""): 100 for d in (N1, N2, S1) for s in ("kvinna", "man")})
    results = _results(viewer, survey)
    assert results.weighted is True
    assert "För 1983C1010, 1983C1020 vägs svaren på stadsdelsnivå" in results.weighting_note
    assert [c.text for c in results.questions[0].rows[0].cells] == ["50 %", "0 %", "50 %"]


def _points(n):
    lat, lon = 59.51, 15.99
    return [(lat, lon, h3_int.latlng_to_cell(lat, lon, 8))] * n


@pytest.mark.parametrize(("points", "grid"), [(19, False), (20, True)])
def test_map_answers_are_shown_on_the_grid_only_from_twenty_points(viewer, points, grid):
    survey = make_survey(viewer.municipality, mode=Survey.Mode.OPEN, kinds=("map",))
    add_answers(survey, [(N1, "kvinna", "25-44", {"q0": p}) for p in _points(points)])
    result = _results(viewer, survey).questions[0].map
    assert (result.points, result.show_grid) == (points, grid)
    assert result.note == (
        ""
        if grid
        else "Frågan har 19 markeringar på kartan. Under 20 visas de bara per område, så att "
        "ingen enskild plats kan pekas ut."
    )


def test_a_same_mode_previous_round_is_compared_with_a_significance_test(viewer):
    before = make_survey(viewer.municipality, mode=Survey.Mode.OPEN)
    add_answers(before, [(N1, "kvinna", "25-44", {"q0": "3"})] * 30
                + [(N1, "kvinna", "25-44", {"q0": "1"})] * 70)  # fmt: skip
    survey = make_survey(viewer.municipality, mode=Survey.Mode.OPEN, previous=before)
    add_answers(survey, [(N1, "kvinna", "25-44", {"q0": "3"})] * 15
                + [(N1, "kvinna", "25-44", {"q0": "1"})] * 85)  # fmt: skip
    otrygg = _results(viewer, survey).questions[0].comparison[2]
    assert (otrygg.now, otrygg.before, otrygg.change) == ("15 %", "30 %", "−15 procentenheter")
    assert (otrygg.p_text, otrygg.significant) == ("p = 0,011", True)


@pytest.mark.parametrize("questions", [1, 3])
def test_results_take_the_same_few_queries_for_one_question_or_three(viewer, questions):
    survey = make_survey(
        viewer.municipality, mode=Survey.Mode.SAMPLED, kinds=("single",) * questions
    )
    add_answers(survey, [(N1, "kvinna", "", {f"q{i}": "1" for i in range(questions)})] * 8)
    with scopes_disabled():
        add_population({(N1, "kvinna", ""): 100})
    _results(viewer, survey)  # warms the area index
    with CaptureQueriesContext(connection) as queries:
        _results(viewer, survey, "deso")
    assert len(queries) <= 8
