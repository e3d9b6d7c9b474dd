"""Writes for tenancy: municipalities, organisations and memberships. Each service checks
the permission, validates, writes and audits in one transaction."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .audit import audit_log
from .kernel import audit, own, require
from .models import Membership, Municipality, Organisation
from .viewer import Viewer

User = get_user_model()


@transaction.atomic
def municipality_create(
    *, actor, name: str, kommunkod: str, county_code: str, slug: str, population=None
) -> Municipality:
    """Creates a tenant. Only superusers create municipalities (a national operator's job);
    there is no viewer yet, since a viewer belongs to a municipality."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(_("Endast systemförvaltare kan skapa kommuner."))
    municipality = Municipality(
        name=name, kommunkod=kommunkod, county_code=county_code, slug=slug, population=population
    )
    municipality.full_clean()
    municipality.save()
    audit_log(
        event="core.municipality_created",
        actor=actor,
        municipality=municipality,
        obj=municipality,
        summary=f"Kommun {name} ({kommunkod}) skapad",
        data={"kommunkod": kommunkod},
    )
    return municipality


@transaction.atomic
def municipality_update(
    *,
    viewer: Viewer,
    name: str,
    population,
    job_file_keep_days: int | None = None,
    official_name: str | None = None,
) -> Municipality:
    """Renames the viewer's municipality, sets its name in text ("Köpings kommun"; empty:
    by the Swedish rule; None: unchanged), its population and how long uploaded files are
    kept after their job (gallring; unchanged if None)."""
    require(viewer, "core.manage_municipality")
    municipality = viewer.municipality
    municipality.name = name
    municipality.population = population
    if official_name is not None:
        municipality.official_name = official_name.strip()
    if job_file_keep_days is not None:
        municipality.job_file_keep_days = job_file_keep_days
    municipality.full_clean()
    municipality.save(update_fields=["name", "official_name", "population", "job_file_keep_days"])
    audit(
        viewer,
        "core.municipality_updated",
        municipality,
        summary="Kommunens uppgifter ändrade",
        population=population,
        official_name=municipality.official_name,
        job_file_keep_days=municipality.job_file_keep_days,
    )
    return municipality


@transaction.atomic
def organisation_create(*, viewer: Viewer, name: str, kind: str, email: str = "") -> Organisation:
    """Adds an actor (department, company, police…) to the viewer's municipality."""
    require(viewer, "core.manage_organisations")
    org = Organisation(municipality=viewer.municipality, name=name.strip(), kind=kind, email=email)
    org.full_clean()
    org.save()
    audit(
        viewer,
        "core.organisation_created",
        org,
        summary=f"Organisation {org.name} skapad",
        kind=kind,
    )
    return org


@transaction.atomic
def organisation_update(
    *, viewer: Viewer, organisation: Organisation, name: str, kind: str, email: str, active: bool
) -> Organisation:
    require(viewer, "core.manage_organisations")
    own(viewer, organisation)
    organisation.name = name.strip()
    organisation.kind = kind
    organisation.email = email
    organisation.active = active
    organisation.full_clean()
    organisation.save(update_fields=["name", "kind", "email", "active"])
    audit(
        viewer,
        "core.organisation_updated",
        organisation,
        summary=f"Organisation {organisation.name} ändrad",
        kind=kind,
        active=active,
    )
    return organisation


@transaction.atomic
def membership_grant(
    *,
    viewer: Viewer,
    organisation: Organisation,
    role: str,
    username: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> Membership:
    """Gives a person a role in an organisation; creates the account (without a usable
    password, so the person sets one through password reset) when it does not exist."""
    require(viewer, "core.manage_memberships")
    municipality = viewer.municipality
    # A field error rather than the kernel's own(): the form shows it next to the choice.
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
    audit(
        viewer,
        "core.role_granted",
        membership,
        summary=f"{user.username} fick rollen {membership.get_role_display()} i {organisation}",
        user_id=user.pk,
        role=role,
        organisation_id=organisation.pk,
    )
    return membership


@transaction.atomic
def membership_revoke(*, viewer: Viewer, membership: Membership) -> None:
    """Takes a role away; an administrator cannot take away their own administrator role."""
    require(viewer, "core.manage_memberships")
    own(viewer, membership)
    if membership.user_id == viewer.user_id and membership.role == "administrator":
        raise ValidationError(_("Du kan inte ta bort din egen administratörsroll."))
    audit(
        viewer,
        "core.role_revoked",
        membership,
        summary=(
            f"{membership.user.username} förlorade rollen {membership.get_role_display()} "
            f"i {membership.organisation}"
        ),
        user_id=membership.user_id,
        role=membership.role,
        organisation_id=membership.organisation_id,
    )
    membership.delete()
