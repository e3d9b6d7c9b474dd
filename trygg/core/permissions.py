"""Who may do what: one table of role × action for the whole product.

Each app names its actions "<app>.<verb>". The table is written out per action so that a
data-protection officer can read it on one screen, and so that a new action fails the
permission test until someone has decided it for every role.
"""

from collections.abc import Iterable

from .models import Role

A = Role.ADMINISTRATOR
S = Role.SAMORDNARE
N = Role.ANALYTIKER
R = Role.RAPPORTOR
P = Role.POLIS
L = Role.RADSLEDAMOT

ACTIONS: dict[str, frozenset[Role]] = {
    # Workspace
    "core.view_workspace": frozenset({A, S, N, R, P, L}),
    # Administration of the municipality's organisations and people
    "core.manage_organisations": frozenset({A}),
    "core.manage_memberships": frozenset({A}),
    "core.manage_municipality": frozenset({A}),
    "core.view_audit": frozenset({A}),
    # Geography
    "geo.view_areas": frozenset({A, S, N, R, P, L}),
    "geo.manage_areas": frozenset({A, S}),
}

# Roles that must use two-factor login when REQUIRE_2FA is on (production).
ROLES_REQUIRING_2FA = frozenset({A, S})


def roles_may(roles: Iterable[str], action: str) -> bool:
    """True when any of the roles grants the action. An unknown action is an error."""
    allowed = ACTIONS[action]
    return any(role in allowed for role in roles)
