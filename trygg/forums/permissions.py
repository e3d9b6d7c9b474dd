"""What a seat in a forum grants in that forum, on top of the role × action table in
trygg/core/permissions.py. Written out per action so it can be read (and tested) as a table:
the EST group's convener runs its meetings and appoints its members without being a
säkerhetssamordnare, a BRÅ chair appointed by Kommunfullmäktige runs BRÅ's."""

from django.core.exceptions import PermissionDenied

from trygg.core.kernel import REFUSED
from trygg.core.viewer import Viewer

from .models import Forum, ForumMembership, ForumRole

C, V, S, M = ForumRole.CHAIR, ForumRole.CONVENER, ForumRole.SECRETARY, ForumRole.MEMBER

FORUM_ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "forums.view": frozenset({C, V, S, M}),
    "forums.export": frozenset({C, V, S, M}),
    "forums.subscribe": frozenset({C, V, S, M}),
    "forums.manage_meetings": frozenset({C, V, S}),
    "forums.manage_members": frozenset({C, V}),
    "forums.manage_forums": frozenset(),
}

# Reading a forum's material: the lägesbildsmöte handles the police's picture, so a role
# needs the operational grant too; a seat in the forum is enough on its own.
READS = {"forums.view", "forums.export", "forums.subscribe"}


def forum_roles(viewer: Viewer, forum: Forum) -> frozenset[str]:
    """The viewer's roles in the forum through active seats (none for an API key or task)."""
    if viewer.user_id is None:
        return frozenset()
    seats = ForumMembership.objects.filter(
        municipality=viewer.municipality, forum=forum, user_id=viewer.user_id
    )
    return frozenset(seat.role for seat in seats if seat.active)


def forum_may(viewer: Viewer, forum: Forum, action: str, roles=None) -> bool:
    """True when the viewer's municipal role or a seat in the forum grants the action."""
    if forum.municipality_id != viewer.municipality.pk:
        return False
    by_role = viewer.may(action)
    if by_role and action in READS and forum.is_operational:
        by_role = viewer.may("forums.view_operational")
    if by_role:
        return True
    roles = forum_roles(viewer, forum) if roles is None else roles
    return any(role in FORUM_ROLE_ACTIONS[action] for role in roles)


def require_in_forum(viewer: Viewer, forum: Forum, action: str) -> None:
    if not forum_may(viewer, forum, action):
        raise PermissionDenied(REFUSED)


class ForumCan:
    """Template helper: {% if forum_can.manage_meetings %} for one forum, asked once."""

    def __init__(self, viewer: Viewer, forum: Forum):
        self._viewer, self._forum = viewer, forum
        self._roles = forum_roles(viewer, forum)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return forum_may(self._viewer, self._forum, f"forums.{name}", self._roles)
