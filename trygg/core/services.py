"""Writes for tenancy: municipalities, organisations and memberships. Each service checks
the permission, validates, writes and audits in one transaction."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .audit import audit_log
from .models import AuditEvent, Membership, Municipality, Organisation
from .permissions import roles_may

User = get_user_model()


def require(roles, action: str) -> None:
    """Raises PermissionDenied unless one of the roles grants the action."""
    if not roles_may(roles, action):
        raise PermissionDenied(_("Du har inte behörighet att göra detta."))


@transaction.atomic
def municipality_create(
    *, actor, name: str, kommunkod: str, county_code: str, slug: str, population=None
) -> Municipality:
    """Creates a tenant. Only superusers create municipalities (a national operator's job)."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(_("Endast systemförvaltare kan skapa kommuner."))
    municipality = Municipality(
        name=name, kommunkod=kommunkod, county_code=county_code, slug=slug, population=population
    )
    municipality.full_clean()
    municipality.save()
    audit_log(
        action=AuditEvent.Action.CREATED,
        actor=actor,
        municipality=municipality,
        obj=municipality,
        summary=f"Kommun {name} ({kommunkod}) skapad",
    )
    return municipality


@transaction.atomic
def municipality_update(*, municipality: Municipality, actor, roles, name: str, population):
    require(roles, "core.manage_municipality")
    municipality.name = name
    municipality.population = population
    municipality.full_clean()
    municipality.save(update_fields=["name", "population"])
    audit_log(
        action=AuditEvent.Action.UPDATED,
        actor=actor,
        municipality=municipality,
        obj=municipality,
        summary="Kommunens uppgifter ändrade",
    )
    return municipality


@transaction.atomic
def organisation_create(
    *, municipality: Municipality, actor, roles, name: str, kind: str, email: str = ""
) -> Organisation:
    require(roles, "core.manage_organisations")
    org = Organisation(municipality=municipality, name=name.strip(), kind=kind, email=email)
    org.full_clean()
    org.save()
    audit_log(
        action=AuditEvent.Action.CREATED,
        actor=actor,
        municipality=municipality,
        obj=org,
        summary=f"Organisation {org.name} skapad",
    )
    return org


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, actor, roles, name: str, kind: str, email: str, active: bool
) -> Organisation:
    require(roles, "core.manage_organisations")
    organisation.name = name.strip()
    organisation.kind = kind
    organisation.email = email
    organisation.active = active
    organisation.full_clean()
    organisation.save(update_fields=["name", "kind", "email", "active"])
    audit_log(
        action=AuditEvent.Action.UPDATED,
        actor=actor,
        municipality=organisation.municipality,
        obj=organisation,
        summary=f"Organisation {organisation.name} ändrad",
    )
    return organisation


@transaction.atomic
def membership_grant(
    *,
    municipality: Municipality,
    actor,
    roles,
    organisation: Organisation,
    role: str,
    username: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> Membership:
    """Gives a person a role in an organisation; creates the account (without a usable
    password, so the person sets one through password reset) when it does not exist."""
    require(roles, "core.manage_memberships")
    if organisation.municipality_id != municipality.pk:
        raise ValidationError({"organisation": _("Organisationen hör inte till kommunen.")})
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("Ange ett användarnamn.")})
    user = User.objects.filter(username__iexact=username).first()
    if user is None:
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError({"role": _("Personen har redan den rollen i organisationen.")})
    membership = Membership.objects.create(
        user=user, organisation=organisation, municipality=municipality, role=role
    )
    audit_log(
        action=AuditEvent.Action.ROLE_GRANTED,
        actor=actor,
        municipality=municipality,
        obj=membership,
        summary=f"{user.username} fick rollen {membership.get_role_display()} i {organisation}",
        data={"user_id": user.pk, "role": role, "organisation_id": organisation.pk},
    )
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, actor, roles) -> None:
    require(roles, "core.manage_memberships")
    if membership.user_id == getattr(actor, "pk", None) and membership.role == "administrator":
        raise ValidationError(_("Du kan inte ta bort din egen administratörsroll."))
    audit_log(
        action=AuditEvent.Action.ROLE_REVOKED,
        actor=actor,
        municipality=membership.municipality,
        obj=membership,
        summary=(
            f"{membership.user.username} förlorade rollen {membership.get_role_display()} "
            f"i {membership.organisation}"
        ),
        data={"user_id": membership.user_id, "role": membership.role},
    )
    membership.delete()
