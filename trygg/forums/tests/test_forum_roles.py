"""A seat in a forum grants forum actions on top of the role × action table: the table
written out per (forum role, action), and what it means for a user whose municipal role
alone would not reach the forum."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_forum, viewer_for
from trygg.core.models import Role
from trygg.forums import services
from trygg.forums.models import ForumMembership, ForumRole
from trygg.forums.permissions import FORUM_ROLE_ACTIONS, forum_may

C, V, S, M = ForumRole.CHAIR, ForumRole.CONVENER, ForumRole.SECRETARY, ForumRole.MEMBER
EXPECTED = {
    #                            chair  convener secretary member
    "forums.view": (True, True, True, True),
    "forums.export": (True, True, True, True),
    "forums.subscribe": (True, True, True, True),
    "forums.manage_meetings": (True, True, True, False),
    "forums.manage_members": (True, True, False, False),
    "forums.manage_forums": (False, False, False, False),
}


def test_every_forum_action_is_decided_for_every_forum_role():
    assert set(FORUM_ROLE_ACTIONS) == set(EXPECTED)
    forum_actions = {a for a in __import__("trygg.core.permissions").core.permissions.ACTIONS}
    assert {a for a in forum_actions if a.startswith("forums.")} - set(EXPECTED) == {
        "forums.view_operational"
    }


@pytest.mark.parametrize(
    ("action", "role", "allowed"),
    [(a, r, row[i]) for a, row in EXPECTED.items() for i, r in enumerate((C, V, S, M))],
)
def test_a_rapportor_with_a_seat_may_what_the_seat_grants(users, koping, action, role, allowed):
    # A rapportör's municipal role grants nothing in forums: only the seat counts.
    reporter = users[Role.RAPPORTOR]
    est = make_forum(koping, "est")
    with scopes_disabled():
        ForumMembership.objects.create(municipality=koping, forum=est, user=reporter, role=role)
    with scope(municipality=koping):
        assert forum_may(viewer_for(reporter, koping), est, action) is allowed
        assert forum_may(viewer_for(reporter, koping), make_forum(koping, "bra"), action) is False


def test_an_ended_seat_grants_nothing(users, koping):
    reporter = users[Role.RAPPORTOR]
    est = make_forum(koping, "est")
    with scopes_disabled():
        ForumMembership.objects.create(
            municipality=koping,
            forum=est,
            user=reporter,
            role=C,
            started_on=timezone.localdate() - timezone.timedelta(days=30),
            ended_on=timezone.localdate() - timezone.timedelta(days=1),
        )
    with scope(municipality=koping):
        assert forum_may(viewer_for(reporter, koping), est, "forums.view") is False


def test_the_est_convener_runs_its_meetings_without_being_samordnare(users, koping):
    analyst = users[Role.ANALYTIKER]
    est = make_forum(koping, "est")
    with scopes_disabled():
        ForumMembership.objects.create(municipality=koping, forum=est, user=analyst, role=V)
    viewer = viewer_for(analyst, koping)
    with scope(municipality=koping):
        meeting = services.meeting_create(viewer=viewer, forum=est, held_at=timezone.now())
        decision = services.decision_add(viewer=viewer, meeting=meeting, what="Fokus: centrum")
        with pytest.raises(PermissionDenied):
            services.meeting_create(
                viewer=viewer, forum=make_forum(koping, "bra"), held_at=timezone.now()
            )
    assert decision.paragraph == f"§ 1/{timezone.localdate().year}"


@pytest.mark.parametrize(
    ("role", "sees_operational"),
    [
        (Role.SAMORDNARE, True),
        (Role.ANALYTIKER, True),
        (Role.POLIS, True),
        (Role.RADSLEDAMOT, False),
        (Role.ADMINISTRATOR, False),
        (Role.RAPPORTOR, False),
    ],
)
def test_the_lagesbildsmote_is_read_by_operational_roles_only(
    users, koping, role, sees_operational
):
    with scope(municipality=koping):
        viewer = viewer_for(users[role], koping)
        assert forum_may(viewer, make_forum(koping, "lagesbild"), "forums.view") is sees_operational
