"""The demo's medborgardialog: an open survey being answered, its earlier round, a closed
sampled survey without its sample, focus groups and a published "ni sa – vi gör", all for
Köping and linked to the demo's strategic cycle; map points inside Köping near real places;
only valid strata; no personal data in any free text; loaded once."""

import math

from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.models import Municipality
from trygg.demo.dialog import CHANNELS, TITLE
from trygg.demo.dialog.respondents import map_places
from trygg.dialog.models import (
    Answer,
    Channel,
    Dialogue,
    Invitation,
    PopulationStratum,
    Question,
    Response,
    Session,
    SessionNote,
    Survey,
)
from trygg.dialog.models.answers import AgeBand, Sex
from trygg.dialog.tasks import purge_dialog_stores
from trygg.geo.models import Area
from trygg.geo.selectors import area_index
from trygg.reports.privacy import find_personal_data

DIALOG_MODELS = (Dialogue, Survey, Channel, Question, Response, Answer, Session, SessionNote)


def _koping():
    return Municipality.objects.get(kommunkod="1983")


def _surveys():
    """The demo's three surveys: (open now, its earlier round, sampled)."""
    current = Survey.objects.get(mode=Survey.Mode.OPEN, previous_round__isnull=False)
    sampled = Survey.objects.get(mode=Survey.Mode.SAMPLED)
    return current, current.previous_round, sampled


def _counts():
    with scopes_disabled():  # the demo's rows in every table, whatever the tenant
        return {
            **{model.__name__: model.objects.count() for model in DIALOG_MODELS},
            "themes": Answer.themes.through.objects.count(),
            "PopulationStratum": PopulationStratum.objects.count(),
        }


def _demo_dialogue_is_decided_by_bra_linked_to_the_cycle_and_published():
    year = timezone.localdate().year
    with scopes_disabled():  # the demo's rows, read as the test's setup
        dialogue = Dialogue.objects.get(title=f"{TITLE} {year}")
        assert dialogue.municipality == _koping()
        assert dialogue.decided_by.startswith("BRÅ 20")
        assert dialogue.published
        assert dialogue.public_summary.startswith("Ni sa:")
        assert "\n\nVi gör:" in dialogue.public_summary
        assert dialogue.strategic_picture is not None
        assert dialogue.focus_areas.count() == 1
        assert dialogue.promises.count() == 1
        assert sorted(m.title for m in dialogue.measures.all()) == [
            "Klotter saneras inom ett dygn och Stora Torget får ny belysning",
            "Kvällsöppen fritidsgård i Nibblesbacke fredag och lördag",
            "Nattvandring vid Stora Torget och Resecentrum helgkvällar",
        ]
        assert dialogue.promise_activities.count() == 2
        assert [s.title for s in dialogue.surveys.order_by("opens_on")] == [
            f"Trygghetsenkät till ett urval av invånare {year}",
            f"Trygghetsenkät för centrala Köping {year}",
        ]


def _demo_open_survey_is_being_answered_and_has_an_earlier_round():
    with scopes_disabled():  # the demo's rows, read as the test's setup
        current, earlier, sampled = _surveys()
        assert (current.status, earlier.status, sampled.status) == (
            Survey.Status.PUBLICERAD,
            Survey.Status.STANGD,
            Survey.Status.STANGD,
        )
        assert current.closes_on > timezone.localdate()
        assert earlier.closes_on.year == current.opens_on.year - 2
        assert sorted(current.channels.values_list("name", flat=True)) == sorted(
            name for name, _d, _s in CHANNELS
        )
        questions = list(current.current_version.questions.all())
        assert 15 <= len(questions) <= 25
        assert {q.kind for q in questions} == set(Question.Kind.values)
        assert {q.stratum for q in questions} == {"", "sex", "age_band", "deso"}
        follow_up = [q for q in questions if q.condition_question_id]
        assert [(q.key, q.condition_question.key) for q in follow_up] == [("avstar_var", "avstar")]
        # The earlier round asked the same questions, so rounds compare key by key.
        assert sorted(earlier.current_version.questions.values_list("key", flat=True)) == sorted(
            q.key for q in questions
        )
        n_current = Response.objects.filter(survey=current).count()
        assert 300 <= n_current <= 400
        assert 200 <= Response.objects.filter(survey=earlier).count() <= 300
        assert not Response.objects.filter(survey=current, channel__isnull=True).exists()
        # Still open: the repeat-answer guard has its device hashes and flagged a few.
        assert not Response.objects.filter(survey=current, device_hash="").exists()
        assert 1 <= Response.objects.filter(survey=current, looks_repeated=True).count() <= 15
        assert not Response.objects.filter(survey=earlier).exclude(device_hash="").exists()
        answered_map = Answer.objects.filter(response__survey=current, question__kind="map")
        assert answered_map.filter(lat__isnull=False).count() >= 150
        assert answered_map.exclude(reason="").count() >= 100
        assert set(answered_map.exclude(time_of_day="").values_list("time_of_day", flat=True)) == {
            "dag",
            "kvall",
            "natt",
        }
        # Some free text is coded with themes (report categories) and approved as quotes.
        texts = Answer.objects.filter(response__survey=current).exclude(text="")
        assert texts.count() >= 50
        assert texts.filter(themes__isnull=False).distinct().count() >= 20
        assert texts.filter(quotable=True).count() >= 10
        # A self-selected sample: women are over-represented against SCB's population.
        women = PopulationStratum.objects.filter(deso_code__startswith="1983", sex="kvinna")
        everyone = PopulationStratum.objects.filter(deso_code__startswith="1983", sex="")
        population_share = sum(women.values_list("population", flat=True)) / sum(
            everyone.values_list("population", flat=True)
        )
        answer_share = Response.objects.filter(survey=current, sex="kvinna").count() / n_current
        assert answer_share - population_share > 0.05


def _demo_sampled_survey_is_closed_without_its_sample_and_focus_groups_are_recorded():
    with scopes_disabled():  # the demo's rows, read as the test's setup
        _current, _earlier, sampled = _surveys()
        answers = Response.objects.filter(survey=sampled)
        assert 200 <= answers.count() <= 500
        assert not Invitation.objects.exists()
        assert not answers.exclude(device_hash="").exists()
        assert not answers.filter(channel__isnull=False).exists()
        assert f"{answers.count()} svarade" in sampled.response_rate_note
        # Every stratum the weighting needs is in every answer, and is in the population.
        assert not answers.filter(deso_code="").exists()
        assert not answers.filter(sex="").exists()
        assert not answers.filter(age_band="").exists()
        strata = set(PopulationStratum.objects.values_list("deso_code", "sex"))
        assert set(answers.values_list("deso_code", "sex")) <= strata
        assert PopulationStratum.objects.filter(deso_code__startswith="1983").count() == 16 * 3
        sessions = list(Session.objects.filter(dialogue=sampled.dialogue))
        assert [s.kind for s in sessions] == [Session.Kind.FOKUSGRUPP] * 2
        for session in sessions:
            assert session.consent_recorded and session.consent_method
            assert sum(session.composition["sex"].values()) == session.participants
            assert sum(session.composition["age_band"].values()) == session.participants
            quotes = session.notes.filter(is_quote=True)
            assert quotes.count() >= 2
            assert all(q.speaker.startswith("Deltagare ") for q in quotes)
            assert session.notes.filter(themes__isnull=False).exists()


def _demo_map_points_lie_inside_koping_near_real_places_and_strata_are_valid():
    places = map_places()
    with scopes_disabled():  # the demo's rows, read as the test's setup
        koping = _koping()
        index = area_index(koping)
        deso_codes = set(
            Area.objects.filter(municipality=koping, kind=Area.Kind.DESO).values_list(
                "code", flat=True
            )
        )
        deso_ids = set(
            Area.objects.filter(municipality=koping, kind=Area.Kind.DESO).values_list(
                "pk", flat=True
            )
        )
        points = list(
            Answer.objects.filter(lat__isnull=False).values_list("lat", "lon", "area_id", "h3_9")
        )
        alternatives = Answer.objects.filter(question__kind="map", lat__isnull=True)
        assert alternatives.count() >= 5
        assert not alternatives.filter(area__isnull=True).exists()
        responses = list(Response.objects.values_list("deso_code", "sex", "age_band"))
        texts = [
            *Answer.objects.exclude(text="").values_list("text", flat=True),
            *Answer.objects.exclude(reason="").values_list("reason", flat=True),
            *SessionNote.objects.values_list("text", flat=True),
        ]
    assert len(points) >= 250
    assert [p for p in points if not index.inside_municipality(p[0], p[1])] == []
    assert {area for *_, area, _h3 in points} <= deso_ids
    assert all(h3 for *_, h3 in points)

    def metres_to_nearest_place(lat, lon):
        return min(
            math.hypot((lat - plat) * 111_320, (lon - plon) * 111_320 * math.cos(math.radians(lat)))
            for _name, plat, plon, _spread, _w in places
        )

    near = [p for p in points if metres_to_nearest_place(p[0], p[1]) < 500]
    assert len(near) / len(points) > 0.95
    assert {d for d, _s, _a in responses} <= deso_codes | {""}
    assert {s for _d, s, _a in responses} <= set(Sex.values) | {""}
    assert {a for _d, _s, a in responses} <= set(AgeBand.values)
    assert len(set(texts)) >= 40
    assert [t for t in texts if find_personal_data(t)] == []


def test_demo_dialog_is_loaded_once_and_already_as_the_retention_job_leaves_it(loaded_demo):
    # One load for every check: the whole demo takes a while to build on two databases.
    _demo_dialogue_is_decided_by_bra_linked_to_the_cycle_and_published()
    _demo_open_survey_is_being_answered_and_has_an_earlier_round()
    _demo_sampled_survey_is_closed_without_its_sample_and_focus_groups_are_recorded()
    _demo_map_points_lie_inside_koping_near_real_places_and_strata_are_valid()
    first = _counts()
    assert first["Dialogue"] == 2
    assert first["Survey"] == 3
    call_command("load_demo")
    assert _counts() == first
    # Nothing in the demo is past its retention: no sample, no stale hash, no old free text.
    assert purge_dialog_stores.call() == {
        "invitations": 0,
        "device_hashes": 0,
        "subscribers": 0,
        "free_texts": 0,
    }
