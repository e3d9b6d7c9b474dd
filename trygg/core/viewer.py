"""Who is looking: the one object selectors and services receive to decide what is visible.

A person in the browser, an organisation's API key and a background task all become a
Viewer, so every entry point gets the same permission and visibility rules.
"""

from dataclasses import dataclass, field

from .models import Municipality, Role
from .permissions import roles_may


@dataclass(frozen=True)
class Viewer:
    municipality: Municipality
    roles: frozenset[str]
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    user: object | None = None
    # Set when the request came through an organisation's API key.
    api_key_id: int | None = None
    organisation: object | None = None

    def may(self, action: str) -> bool:
        return roles_may(self.roles, action)

    @property
    def user_id(self) -> int | None:
        return getattr(self.user, "pk", None)


def viewer_for_request(request) -> Viewer:
    return Viewer(
        municipality=request.municipality,
        roles=request.roles,
        organisation_ids=request.workspace.organisations_in(request.municipality),
        user=request.user if request.user.is_authenticated else None,
    )


def operator_viewer(municipality: Municipality) -> Viewer:
    """The viewer of a command run by the operator (import_areas, load_demo): the
    administrator's rights in one municipality, and no user, so its audit rows name nobody."""
    return Viewer(municipality=municipality, roles=frozenset({Role.ADMINISTRATOR}))
