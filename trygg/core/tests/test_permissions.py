"""The role × action table, written out in full: a new action fails here until someone has
decided it for every role."""

import pytest

from trygg.core.models import Role
from trygg.core.permissions import ACTIONS, roles_may

A, S, N, R, P, L, V = (
    Role.ADMINISTRATOR,
    Role.SAMORDNARE,
    Role.ANALYTIKER,
    Role.RAPPORTOR,
    Role.POLIS,
    Role.RADSLEDAMOT,
    Role.VALFARD,
)
ALL = (A, S, N, R, P, L, V)

EXPECTED = {
    #                            admin  samord analyt rapp  polis  råd  välfärd
    "core.view_workspace": (True, True, True, True, True, True, True),
    "core.manage_organisations": (True, False, False, False, False, False, False),
    "core.manage_memberships": (True, False, False, False, False, False, False),
    "core.manage_municipality": (True, False, False, False, False, False, False),
    "core.view_audit": (True, False, False, False, False, False, False),
    "geo.view_areas": (True, True, True, True, True, True, False),
    "geo.manage_areas": (True, True, False, False, False, False, False),
    "reports.create": (True, True, True, True, True, False, False),
    "reports.view": (True, True, True, True, True, False, False),
    "reports.view_all_organisations": (True, True, True, False, True, False, False),
    "reports.view_original": (False, True, False, False, True, False, False),
    "reports.triage": (False, True, True, False, False, False, False),
    "reports.assign": (False, True, False, False, False, False, False),
    "reports.reply_public": (False, True, True, False, False, False, False),
    "reports.comment": (False, True, True, True, True, False, False),
    "reports.export": (False, True, True, False, False, False, False),
    "reports.import": (False, True, True, False, False, False, False),
    "reports.manage_categories": (True, True, False, False, False, False, False),
    "reports.manage_api_keys": (True, False, False, False, False, False, False),
    "lagesbild.view": (False, True, True, False, True, False, False),
    "lagesbild.view_police": (False, True, True, False, True, False, False),
    "lagesbild.police_input": (False, False, False, False, True, False, False),
    "lagesbild.export": (False, True, True, False, True, False, False),
    "forums.view": (True, True, True, False, True, True, False),
    "forums.view_operational": (False, True, True, False, True, False, False),
    "forums.manage_forums": (True, True, False, False, False, False, False),
    "forums.manage_members": (True, True, False, False, False, False, False),
    "forums.manage_meetings": (False, True, False, False, False, False, False),
    "forums.export": (True, True, True, False, True, True, False),
    "forums.subscribe": (True, True, True, False, True, True, False),
    "strategy.view": (True, True, True, False, True, True, False),
    "strategy.manage_promises": (False, True, False, False, False, False, False),
    "strategy.import_statistics": (False, True, True, False, False, False, False),
    "strategy.manage_picture": (False, True, True, False, False, False, False),
    "strategy.manage_plans": (False, True, False, False, False, False, False),
    "dialog.view": (True, True, True, False, True, True, False),
    "dialog.manage": (False, True, False, False, False, False, False),
    "dialog.manage_sample": (False, True, False, False, False, False, False),
    "dialog.view_results": (False, True, True, False, True, True, False),
    "dialog.code_answers": (False, True, True, False, False, False, False),
    "dialog.record_sessions": (False, True, True, False, False, False, False),
    "dialog.export": (False, True, True, False, False, False, False),
    "dialog.import_population": (False, True, True, False, False, False, False),
    "walks.view": (True, True, True, True, True, True, False),
    "walks.manage": (False, True, False, False, False, False, False),
    "walks.record": (False, True, True, True, True, False, False),
    "walks.review": (False, True, False, False, False, False, False),
    "walks.manage_templates": (True, True, False, False, False, False, False),
    "programmes.view": (True, True, True, True, True, True, False),
    "programmes.manage": (False, True, False, False, False, False, False),
    "programmes.view_activities": (True, True, True, True, True, True, False),
    "programmes.manage_activities": (False, True, False, False, False, False, False),
    "programmes.record_sessions": (False, True, False, True, False, False, False),
    "programmes.view_nightwalks": (True, True, True, False, True, True, False),
    "programmes.manage_nightwalks": (False, True, False, False, False, False, False),
    "programmes.view_support": (False, True, True, False, True, True, False),
    "programmes.manage_support": (False, True, False, False, False, False, False),
    "programmes.record_cooperation": (False, True, False, False, True, False, False),
    "programmes.manage_neighbourhood": (False, True, False, False, False, False, False),
    "programmes.send_area_message": (False, True, False, False, True, False, False),
    "welfare.view_aggregates": (False, True, False, False, False, False, True),
    "welfare.view": (False, False, False, False, False, False, True),
    "welfare.manage": (False, False, False, False, False, False, True),
    "welfare.view_cases": (False, False, False, False, False, False, True),
    "welfare.manage_cases": (False, False, False, False, False, False, True),
    "county.view_publications": (True, True, True, False, False, False, False),
    "county.publish": (False, True, False, False, False, False, False),
}


def test_every_action_is_decided_for_every_role():
    assert set(ACTIONS) == set(EXPECTED)


@pytest.mark.parametrize(
    ("action", "role", "allowed"),
    [(action, role, row[i]) for action, row in EXPECTED.items() for i, role in enumerate(ALL)],
)
def test_role_may_do_action(action, role, allowed):
    assert roles_may({role}, action) is allowed


def test_no_roles_may_do_nothing():
    assert not any(roles_may(set(), action) for action in ACTIONS)


def test_unknown_action_is_an_error():
    with pytest.raises(KeyError):
        roles_may({A}, "core.does_not_exist")
