"""Reads for tenancy: which municipalities and roles a user has, organisations, audit."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django_scopes import scopes_disabled

from .models import AuditEvent, Membership, Municipality, Organisation, Role


@dataclass(frozen=True)
class Workspace:
    """The municipalities a user belongs to and the roles held in each."""

    municipalities: tuple[Municipality, ...]
    roles: dict[int, frozenset[str]]
    # Where a session starts: the municipality of the user's first membership.
    default: Municipality | None = None
    organisations: dict[int, frozenset[int]] | None = None

    def organisations_in(self, municipality: Municipality | None) -> frozenset[int]:
        if municipality is None or not self.organisations:
            return frozenset()
        return self.organisations.get(municipality.pk, frozenset())

    def roles_in(self, municipality: Municipality | None) -> frozenset[str]:
        if municipality is None:
            return frozenset()
        return self.roles.get(municipality.pk, frozenset())


def workspace_for_user(user) -> Workspace:
    """All of a user's memberships across municipalities, in one query."""
    if not user.is_authenticated:
        return Workspace((), {}, None)
    # Crossing tenants is the point here: the user picks among their own municipalities.
    with scopes_disabled():
        memberships = list(
            Membership.objects.filter(user=user, organisation__active=True)
            .select_related("municipality")
            .order_by("pk")
        )
    municipalities: dict[int, Municipality] = {}
    roles: dict[int, set[str]] = {}
    organisations: dict[int, set[int]] = {}
    for m in memberships:
        municipalities[m.municipality_id] = m.municipality
        roles.setdefault(m.municipality_id, set()).add(m.role)
        organisations.setdefault(m.municipality_id, set()).add(m.organisation_id)
    ordered = tuple(sorted(municipalities.values(), key=lambda m: m.name))
    default = memberships[0].municipality if memberships else None
    return Workspace(
        ordered,
        {k: frozenset(v) for k, v in roles.items()},
        default,
        {k: frozenset(v) for k, v in organisations.items()},
    )


def municipality_by_slug(slug: str) -> Municipality | None:
    return Municipality.objects.filter(slug=slug).first()


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("name")


def organisation_list(*, municipality: Municipality) -> QuerySet[Organisation]:
    return Organisation.objects.filter(municipality=municipality).order_by("name")


def organisation_get(*, municipality: Municipality, pk: int) -> Organisation | None:
    return Organisation.objects.filter(municipality=municipality, pk=pk).first()


def membership_list(*, municipality: Municipality) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(municipality=municipality)
        .select_related("user", "organisation")
        .order_by("user__username", "organisation__name", "role")
    )


def membership_get(*, municipality: Municipality, pk: int) -> Membership | None:
    return (
        Membership.objects.filter(municipality=municipality, pk=pk)
        .select_related("user", "organisation")
        .first()
    )


def audit_page(*, municipality: Municipality, page: int = 1, action: str = "", per_page=50):
    """The municipality's audit events, plus security events (e.g. failed logins) of its
    members that belong to no municipality."""
    with scopes_disabled():
        member_ids = list(
            Membership.objects.filter(municipality=municipality).values_list("user_id", flat=True)
        )
    qs = AuditEvent.objects.filter(
        Q(municipality=municipality) | Q(municipality__isnull=True, actor_id__in=member_ids)
    ).select_related("actor")
    if action:
        qs = qs.filter(action=action)
    return Paginator(qs.order_by("-at"), per_page).get_page(page)


def role_label(role: str) -> str:
    return Role(role).label
