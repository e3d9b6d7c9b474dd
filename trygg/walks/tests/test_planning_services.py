"""Planning a walk: the services refuse bad input with a Swedish message next to the field,
the default checklist is made on first use, a template's scale is fixed once a walk uses it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scope

from tests.helpers import make_area, make_forum, make_meeting, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.forums.models import Decision
from trygg.walks.models import ChecklistTemplate, Walk
from trygg.walks.services import planning

LINE = {"type": "LineString", "coordinates": [[15.99, 59.51], [15.995, 59.512]]}


@pytest.fixture
def plan(koping, users):
    """A samordnare with Köping's boundary, a district and the default checklist."""
    make_area(koping, "Köpings kommun", kind="kommungrans", lon=15.99, lat=59.51, d=0.2)
    area = make_area(koping, "Centrum")
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        template = planning.template_default(viewer=viewer)
    return {"viewer": viewer, "area": area, "template": template, "leader": viewer.user}


def _plan(plan, **changes):
    fields = {
        "title": "Trygghetsvandring centrum",
        "area": plan["area"],
        "walk_on": date(2027, 3, 10),
        "pre_meeting_on": date(2027, 3, 1),
        "template": plan["template"],
        "leader": plan["leader"],
        "route": LINE,
        "participant_counts": {"boende": 8, "polis": 2},
    } | changes
    return planning.walk_plan(viewer=plan["viewer"], **fields)


def test_the_default_checklist_has_the_guidelines_nine_points_scored_0_to_3(plan, koping):
    with scope(municipality=koping):
        template = plan["template"]
        assert [i.label for i in template.items.all()] == [
            "Belysning",
            "Sikt och överblick",
            "Gångvägar",
            "Vegetation",
            "Nedskräpning och skadegörelse",
            "Skyltning",
            "Kollektivtrafik",
            "Människor och aktivitet",
            "Känsla av trygghet",
        ]
        assert (template.scale_min, template.scale_max, len(template.scale_labels)) == (0, 3, 4)
        again = planning.template_default(viewer=plan["viewer"])
        assert again.pk == template.pk
        assert ChecklistTemplate.objects.count() == 1


def test_a_planned_walk_keeps_its_route_counts_and_a_join_link_through_the_day_after(plan, koping):
    with scope(municipality=koping):
        walk = _plan(plan)
        stored = Walk.objects.get(pk=walk.pk)
    assert stored.route == LINE
    assert stored.participant_counts == {"boende": 8, "polis": 2}
    assert stored.join_expires_at == planning.join_expiry_default(date(2027, 3, 10))
    assert timezone.localtime(stored.join_expires_at).date() == date(2027, 3, 12)
    assert (
        AuditEvent.objects.filter(event="walks.walk_planned", object_id=str(walk.pk)).count() == 1
    )


BAD_INPUT = [
    ("walk before förmöte", {"walk_on": date(2027, 2, 1)}, "walk_on", "före förmötet"),
    ("no area", {"area": None}, "area", "Välj vilket område"),
    ("no title", {"title": "  "}, "title", "rubrik"),
    (
        "route a point",
        {"route": {"type": "Point", "coordinates": [15.99, 59.51]}},
        "route",
        "linje",
    ),
    (
        "route one position",
        {"route": {"type": "LineString", "coordinates": [[15.99, 59.51]]}},
        "route",
        "minst två",
    ),
    (
        "route text",
        {"route": {"type": "LineString", "coordinates": [["a", "b"], [1, 2]]}},
        "route",
        "linje",
    ),
    (
        "route outside",
        {"route": {"type": "LineString", "coordinates": [[15.99, 59.51], [17.5, 59.9]]}},
        "route",
        "utanför kommunen",
    ),
    ("negative count", {"participant_counts": {"boende": -1}}, "participant_counts", "heltal"),
    ("unknown group", {"participant_counts": {"grannar": 3}}, "participant_counts", "Okänd"),
]


@pytest.mark.parametrize(
    ("case", "changes", "field", "words"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT]
)
def test_bad_input_is_refused_with_a_swedish_message_on_its_field(
    plan, koping, case, changes, field, words
):
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        _plan(plan, **changes)
    assert words in " ".join(error.value.message_dict[field])
    with scope(municipality=koping):
        assert Walk.objects.count() == 0


def test_a_template_without_points_is_refused(plan, koping):
    with scope(municipality=koping):
        empty = planning.template_save(
            viewer=plan["viewer"], name="Tom", scale_min=1, scale_max=2, scale_labels=["Nej", "Ja"]
        )
        with pytest.raises(ValidationError) as error:
            _plan(plan, template=empty)
    assert error.value.message_dict["template"] == [
        "Checklistan har inga punkter: lägg till punkter eller välj en annan."
    ]


def test_a_decisions_forum_holds_the_follow_up_else_est(plan, koping):
    est = make_forum(koping, "est")
    meeting = make_meeting(koping, timezone.now())
    decision = Decision.objects.create(municipality=koping, meeting=meeting, what="Vandra")
    with scope(municipality=koping):
        from_decision = _plan(plan, decision=decision)
        plain = _plan(plan)
    assert from_decision.forum_id == meeting.forum_id
    assert from_decision.decision_id == decision.pk
    assert plain.forum_id == est.pk


WARNINGS = [
    ({"boende": 8, "polis": 2}, []),
    ({"boende": 15, "kommunen": 6}, ["21 deltagare"]),
    ({"kommunen": 4}, ["Inga boende"]),
    ({"kommunen": 25}, ["25 deltagare", "Inga boende"]),
]


@pytest.mark.parametrize(("counts", "starts"), WARNINGS)
def test_the_representativeness_check_warns_of_large_groups_and_missing_residents(counts, starts):
    warnings = planning.participant_warnings(counts)
    assert [w[: len(s)] for w, s in zip(warnings, starts, strict=True)] == starts


SCALES = [
    ((3, 3, ["A"]), "scale_max"),
    ((0, 20, [str(n) for n in range(21)]), "scale_max"),
    ((0, 3, ["A", "B"]), "scale_labels"),
    ((0, 2, ["A", "", "C"]), "scale_labels"),
]


@pytest.mark.parametrize(("scale", "field"), SCALES)
def test_a_scale_needs_steps_and_a_word_for_each_score(plan, koping, scale, field):
    low, high, labels = scale
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        planning.template_save(
            viewer=plan["viewer"], name="Ny", scale_min=low, scale_max=high, scale_labels=labels
        )
    assert list(error.value.message_dict) == [field]


def test_the_scale_is_fixed_once_a_walk_uses_the_template_but_the_name_is_not(plan, koping):
    template = plan["template"]
    with scope(municipality=koping):
        _plan(plan)
        with pytest.raises(ValidationError) as error:
            planning.template_save(
                viewer=plan["viewer"],
                template=template,
                name=template.name,
                scale_min=1,
                scale_max=5,
                scale_labels=list("ABCDE"),
            )
        renamed = planning.template_save(
            viewer=plan["viewer"],
            template=template,
            name="Vandring 2027",
            scale_min=0,
            scale_max=3,
            scale_labels=template.scale_labels,
        )
    assert "kan inte ändras" in error.value.message_dict["scale_max"][0]
    assert renamed.name == "Vandring 2027"


def test_points_are_added_last_and_moved_with_buttons(plan, koping):
    viewer = plan["viewer"]
    with scope(municipality=koping):
        template = planning.template_save(
            viewer=viewer, name="Kort", scale_min=0, scale_max=1, scale_labels=["Nej", "Ja"]
        )
        first = planning.item_add(viewer=viewer, template=template, label="Belysning")
        second = planning.item_add(viewer=viewer, template=template, label="Sikt")
        planning.item_move(viewer=viewer, item=second, up=True)
        planning.item_move(viewer=viewer, item=second, up=True)  # already first: no change
        labels = [i.label for i in template.items.order_by("order", "pk")]
    assert labels == ["Sikt", "Belysning"]
    assert (first.code, second.code) == ("belysning", "sikt")


def test_a_rapportor_may_not_plan_and_a_leader_on_another_municipality_is_refused(
    plan, koping, users, arboga, arboga_admin
):
    with scope(municipality=koping):
        with pytest.raises(PermissionDenied):
            planning.walk_plan(
                viewer=viewer_for(users[Role.RAPPORTOR], koping),
                title="X",
                area=plan["area"],
                walk_on=date(2027, 3, 10),
                template=plan["template"],
                leader=plan["leader"],
            )
        with pytest.raises(ValidationError) as error:
            _plan(plan, leader=arboga_admin)
    assert error.value.message_dict["leader"] == ["Vandringsledaren måste ha en roll i kommunen."]


def test_another_municipalitys_area_is_refused(plan, koping, arboga):
    foreign = make_area(arboga, "Arboga centrum", lon=15.84, lat=59.39)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        _plan(plan, area=foreign)
    assert error.value.messages == ["Uppgiften hör inte till kommunen."]


def test_moving_the_walk_moves_a_default_join_link_end_with_it(plan, koping):
    with scope(municipality=koping):
        walk = _plan(plan)
        planning.walk_update(
            viewer=plan["viewer"],
            walk=walk,
            walk_on=date(2027, 4, 1),
            pre_meeting_on=date(2027, 3, 20),
        )
    assert walk.join_expires_at == planning.join_expiry_default(date(2027, 4, 1))
    assert walk.join_expires_at - planning.join_expiry_default(date(2027, 3, 31)) == timedelta(
        days=1
    )


def _dialogue(municipality, title):
    from trygg.dialog.models import Dialogue, Survey

    dialogue = Dialogue.objects.create(
        municipality=municipality,
        title=title,
        question="Var känner sig boende otrygga?",
        decided_by="BRÅ",
        starts_on=date(2027, 1, 1),
        ends_on=date(2027, 6, 30),
        feedback_plan="Återkoppling på stormötet.",
    )
    survey = Survey.objects.create(
        municipality=municipality, dialogue=dialogue, title=f"Enkät {title}", mode="open"
    )
    return dialogue, survey


def test_a_walk_planned_in_a_dialogue_keeps_it_and_only_its_own_surveys(plan, koping):
    with scope(municipality=koping):
        dialogue, survey = _dialogue(koping, "Trygg i centrum")
        _other, foreign_survey = _dialogue(koping, "Kolsva")
        walk = _plan(plan, dialogue=dialogue, pre_survey=survey)
        with pytest.raises(ValidationError) as error:
            _plan(plan, dialogue=dialogue, pre_survey=foreign_survey)
        assert list(dialogue.walks.all()) == [walk]
    assert walk.pre_survey_id == survey.pk
    assert error.value.message_dict["pre_survey"] == ["Enkäten hör till en annan dialog."]
