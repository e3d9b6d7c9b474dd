"""Reads for tenancy: which municipalities and roles a user has, organisations, audit."""

import re
from dataclasses import dataclass

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django_scopes import scopes_disabled

from .audit import event_label, registered_events
from .kernel import require
from .models import AuditEvent, Membership, Municipality, Organisation, Role
from .viewer import Viewer


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


OBJECT_TYPE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page shows: one registered event and/or one object, or everything.
    Built from the query string by `audit_filter`, which drops what it does not know."""

    event: str = ""
    object_type: str = ""
    object_id: str = ""

    @property
    def by_object(self) -> bool:
        return bool(self.object_type and self.object_id)


def audit_filter(*, event: str = "", object_type: str = "", object_id: str = "") -> AuditFilter:
    """A filter from client input: an unknown event or a malformed object is ignored rather
    than refused, as a stale bookmark should still open the page. Event names from before
    they had an app prefix (`?handelse=login_failed`) mean core's event of that name."""
    known = {e.name for e in registered_events()}
    if event not in known:
        event = f"core.{event}" if f"core.{event}" in known else ""
    if not OBJECT_TYPE.match(object_type) or not object_id or len(object_id) > 64:
        object_type = object_id = ""
    return AuditFilter(event=event, object_type=object_type, object_id=object_id)


def audit_event_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The registered events grouped by app (the app's Swedish name), for the filter's
    select: groups and events in alphabetical order of their Swedish names."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for event in registered_events():
        app = event.name.split(".")[0]
        try:
            group = str(apps.get_app_config(app).verbose_name)
        except LookupError:
            group = app
        groups.setdefault(group, []).append((event.name, event.label))
    return [(g, sorted(items, key=lambda i: i[1])) for g, items in sorted(groups.items())]


def audit_page(*, viewer: Viewer, filters: AuditFilter = AuditFilter(), page=1, per_page=50):
    """The municipality's audit events, plus security events (e.g. failed logins) of its
    members that belong to no municipality, newest first and filtered. Each row on the page
    gets `label` (the event's Swedish name) and `details` (its structured data, sorted)."""
    require(viewer, "core.view_audit")
    with scopes_disabled():
        member_ids = list(
            Membership.objects.filter(municipality=viewer.municipality).values_list(
                "user_id", flat=True
            )
        )
    qs = AuditEvent.objects.filter(
        Q(municipality=viewer.municipality) | Q(municipality__isnull=True, actor_id__in=member_ids)
    ).select_related("actor")
    if filters.event:
        qs = qs.filter(event=filters.event)
    if filters.by_object:
        qs = qs.filter(object_type=filters.object_type, object_id=filters.object_id)
    result = Paginator(qs.order_by("-at"), per_page).get_page(page)
    result.object_list = list(result.object_list)
    for row in result.object_list:
        # Rows written before event names, by code not yet converted, carry only `action`.
        row.label = event_label(row.event) if row.event else row.get_action_display()
        row.details = sorted(row.data.items()) if isinstance(row.data, dict) else []
    return result


def role_label(role: str) -> str:
    return Role(role).label


def object_events(*, municipality: Municipality, objects) -> list[AuditEvent]:
    """The municipality's audit events of the given objects, newest first, with the actor:
    the history a page shows beside what it changes. Each row gets `label` (the event's
    Swedish name)."""
    by_type: dict[str, list[str]] = {}
    for obj in objects:
        by_type.setdefault(obj._meta.label_lower, []).append(str(obj.pk))
    if not by_type:
        return []
    match = Q()
    for object_type, ids in by_type.items():
        match |= Q(object_type=object_type, object_id__in=ids)
    rows = list(
        AuditEvent.objects.filter(match, municipality=municipality)
        .select_related("actor")
        .order_by("-at")
    )
    for row in rows:
        row.label = event_label(row.event) if row.event else row.get_action_display()
    return rows
