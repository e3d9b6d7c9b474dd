"""Who answered or took part beside SCB's population of the dialogue's area, per survey and
for the sessions together, with the warnings in Swedish."""

from django.template.loader import render_to_string
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, viewer_for
from trygg.core.models import Role
from trygg.dialog.models import PopulationStratum
from trygg.dialog.selectors.representativeness import representativeness
from trygg.dialog.tests.follow_up_helpers import (
    make_answers,
    make_dialogue,
    make_session,
    make_survey,
)


def _population(deso, *, women, men, bands=None, year=2025):
    with scopes_disabled():
        PopulationStratum.objects.create(
            deso_code=deso, year=year, sex="kvinna", population=women, source="SCB"
        )
        PopulationStratum.objects.create(
            deso_code=deso, year=year, sex="man", population=men, source="SCB"
        )
        for band, n in (bands or {}).items():
            PopulationStratum.objects.create(
                deso_code=deso, year=year, age_band=band, population=n, source="SCB"
            )


def _deso_area(municipality, code):
    area = make_area(municipality, f"DeSO {code}", kind="deso")
    with scopes_disabled():
        area.code = code
        area.save()
    return area


def test_a_survey_answered_mostly_by_women_warns_that_men_are_under_represented(users, koping):
    _population("1983C1010", women=500, men=500, bands={"16-24": 200, "65-": 800})
    _population("1983C1020", women=9000, men=1000)  # outside the dialogue's area
    dialogue = make_dialogue(koping)
    with scopes_disabled():
        dialogue.target_areas.set([_deso_area(koping, "1983C1010")])
    survey = make_survey(dialogue)
    make_answers(survey, ["a"] * 32, sex="kvinna", age_band="65-")
    make_answers(survey, ["b"] * 8, sex="man", age_band="16-24")
    with scope(municipality=koping):
        result = representativeness(
            viewer=viewer_for(users[Role.ANALYTIKER], koping), dialogue=dialogue
        )
    assert (result.population_year, result.deso_codes) == (2025, ["1983C1010"])
    [source] = result.sources
    sex = source.tables[0]
    assert [(r.label, r.respondents, r.respondent_share, r.population_share) for r in sex.rows] == [
        ("Kvinnor", "32", "80 %", "50 %"),
        ("Män", "8", "20 %", "50 %"),
    ]
    assert source.warnings == [
        "Män är 20 % av dem som svarade men 50 % av befolkningen: gruppen är "
        "underrepresenterad (under hälften av sin andel)."
    ]


def test_a_small_focus_group_is_told_it_cannot_speak_for_the_area(users, koping):
    _population("1983C1010", women=500, men=500)
    dialogue = make_dialogue(koping)
    make_session(dialogue, participants=7, composition={"sex": {"kvinna": 4, "man": 3}})
    with scope(municipality=koping):
        result = representativeness(
            viewer=viewer_for(users[Role.SAMORDNARE], koping), dialogue=dialogue
        )
        html = render_to_string("dialog/representativeness.html", {"representativeness": result})
    [source] = result.sources
    assert source.title == "Intervjuer och fokusgrupper"
    assert source.warnings[0].startswith("Bara 7 personer svarade eller deltog.")
    # Counts under 5 are not shown, nor their shares.
    assert [(r.respondents, r.respondent_share) for r in source.tables[0].rows] == [
        ("färre än 5", "–"),
        ("färre än 5", "–"),
    ]
    assert "Bara 7 personer svarade eller deltog" in html and "Befolkningen 2025" in html


def test_a_field_worker_without_the_results_grant_gets_nothing(users, koping):
    dialogue = make_dialogue(koping)
    with scope(municipality=koping):
        result = representativeness(
            viewer=viewer_for(users[Role.RAPPORTOR], koping), dialogue=dialogue
        )
    assert result is None
