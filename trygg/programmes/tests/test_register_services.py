"""The register's writes: the goal follows the kind, an owner is required (an agreement
without an organisation is bad input), links stay in the municipality, partners and
indicators are added and removed, and every write is audited and refused without the grant."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, make_organisation, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.programmes.models import Partner
from trygg.programmes.services import register as services

from .helpers import register_programme

S, N = Role.SAMORDNARE, Role.ANALYTIKER


def _events(name):
    with scopes_disabled():
        return list(AuditEvent.objects.filter(event=name).values_list("object_id", flat=True))


def test_the_goal_is_the_kinds_when_left_blank(koping, users, koping_org):
    programme = register_programme(koping, users, koping_org, kind="foraldrastod", goal="")
    assert (programme.kind, programme.goal) == ("foraldrastod", "G7")
    assert programme.mechanism == "Vuxna som syns ökar den informella kontrollen."
    assert _events("programmes.programme_created") == [str(programme.pk)]


def test_a_chosen_goal_stands(koping, users, koping_org):
    programme = register_programme(koping, users, koping_org, kind="ungdomsaktiviteter", goal="G6")
    assert programme.goal == "G6"


def test_a_programme_without_an_owner_is_refused_with_the_reason(koping, users):
    with pytest.raises(ValidationError) as caught:
        register_programme(koping, users, None)
    assert caught.value.message_dict["owner"] == [services.NO_OWNER]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "  "}, "name", "Ge programmet ett namn."),
        ({"start": None}, "start", "Ange när programmet startar."),
        ({"end": date(2025, 1, 1)}, "end", "Slutdatum kan inte vara före start."),
        ({"budget_sek": -1}, "budget_sek", "Budgeten kan inte vara negativ."),
        ({"kind": "okand"}, "kind", "Välj typ av program."),
    ],
)
def test_bad_input_is_refused_next_to_its_field(koping, users, koping_org, fields, field, message):
    with pytest.raises(ValidationError) as caught:
        register_programme(koping, users, koping_org, **fields)
    assert caught.value.message_dict[field] == [message]


def test_the_name_is_unique_in_the_municipality(koping, users, koping_org):
    register_programme(koping, users, koping_org)
    with pytest.raises(ValidationError) as caught:
        register_programme(koping, users, koping_org)
    assert caught.value.message_dict["name"] == ["Det finns redan ett program med det namnet."]


def test_another_municipalitys_area_or_owner_is_refused(koping, arboga, users, koping_org):
    theirs = make_area(arboga, "Arboga centrum")
    with pytest.raises(ValidationError):
        register_programme(koping, users, koping_org, areas=[theirs])
    with pytest.raises(ValidationError):
        register_programme(koping, users, make_organisation(arboga, "Arboga förening"))


def test_the_comparison_area_cannot_be_one_of_the_programmes(koping, users, koping_org):
    area = make_area(koping, "Centrum")
    with pytest.raises(ValidationError) as caught:
        register_programme(koping, users, koping_org, areas=[area], comparison_area=area)
    assert "comparison_area" in caught.value.message_dict


def test_editing_keeps_links_and_is_audited(koping, users, koping_org):
    centrum, karlberg = make_area(koping, "Centrum"), make_area(koping, "Karlberg", lon=16.1)
    programme = register_programme(koping, users, koping_org, areas=[centrum])
    viewer = viewer_for(users[S], koping)
    with scope(municipality=koping):
        services.programme_save(
            viewer=viewer,
            programme=programme,
            kind=programme.kind,
            name="Nattvandring i Karlberg",
            owner=koping_org,
            start=programme.start,
            areas=[karlberg],
            mechanism="Ny mekanism",
        )
        programme.refresh_from_db()
        assert [a.name for a in programme.areas.all()] == ["Karlberg"]
    assert (programme.name, programme.mechanism) == ("Nattvandring i Karlberg", "Ny mekanism")
    assert _events("programmes.programme_updated") == [str(programme.pk)]


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, N, Role.RAPPORTOR, Role.POLIS])
def test_only_the_samordnare_registers(koping, users, koping_org, role):
    viewer = viewer_for(users[role], koping)
    with scope(municipality=koping), pytest.raises(PermissionDenied):
        services.programme_save(
            viewer=viewer, kind="sspf", name="X", owner=koping_org, start=date(2026, 1, 1)
        )


def test_partners_are_added_once_and_removed_audited(koping, users, koping_org):
    programme = register_programme(koping, users, koping_org)
    club = make_organisation(koping, "Föreningen Trygga vuxna (demodata)")
    viewer = viewer_for(users[S], koping)
    with scope(municipality=koping):
        partner = services.partner_add(
            viewer=viewer, programme=programme, organisation=club, agreement="iop", role="Vandrar"
        )
        assert (partner.agreement, partner.role) == ("iop", "Vandrar")
        with pytest.raises(ValidationError) as caught:
            services.partner_add(
                viewer=viewer, programme=programme, organisation=club, agreement="bidrag"
            )
        assert caught.value.message_dict["organisation"] == [
            "Organisationen är redan partner i programmet."
        ]
        with pytest.raises(ValidationError) as caught:
            services.partner_add(
                viewer=viewer, programme=programme, organisation=None, agreement="iop"
            )
        assert caught.value.message_dict["organisation"] == [services.NO_PARTNER]
        services.partner_remove(viewer=viewer, partner=partner)
        assert Partner.objects.filter(programme=programme).count() == 0
    assert _events("programmes.partner_added") == [str(programme.pk)]
    assert _events("programmes.partner_removed") == [str(programme.pk)]


def test_indicators_are_added_with_level_unit_and_target_and_removed(koping, users, koping_org):
    programme = register_programme(koping, users, koping_org)
    viewer = viewer_for(users[S], koping)
    with scope(municipality=koping):
        indicator = services.indicator_add(
            viewer=viewer,
            programme=programme,
            level="prestation",
            name="Genomförda vandringar",
            unit="st",
            target=40,
        )
        assert [(i.name, i.unit, i.target) for i in programme.indicators.all()] == [
            ("Genomförda vandringar", "st", 40)
        ]
        with pytest.raises(ValidationError) as caught:
            services.indicator_add(viewer=viewer, programme=programme, level="x", name="")
        assert set(caught.value.message_dict) == {"level", "name"}
        services.indicator_remove(viewer=viewer, indicator=indicator)
        assert programme.indicators.count() == 0
    assert _events("programmes.indicator_added") == [str(programme.pk)]
    assert _events("programmes.indicator_removed") == [str(programme.pk)]
