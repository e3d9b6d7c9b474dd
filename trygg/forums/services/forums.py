"""Forums and their seats: the guideline's forums for a new municipality, working groups,
members (Trygg users or external persons) and the retention rule for external names."""

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from trygg.core.audit import audit_log
from trygg.core.kernel import audit, own, require
from trygg.core.models import Membership
from trygg.core.viewer import Viewer

from .. import audit_events as events
from ..models import CalendarFeed, Forum, ForumMembership, ForumRole
from ..permissions import require_in_forum

DEFAULT_NAMES = {
    Forum.Kind.LAGESBILD: "Lägesbildsmöte",
    Forum.Kind.BRA: "Brottsförebyggande rådet (BRÅ)",
    Forum.Kind.EST: "EST-gruppen",
    Forum.Kind.KLG: "Kommunledningsgruppen (KLG)",
    Forum.Kind.STORA: "Stora samverkansgruppen",
}


@transaction.atomic
def default_forums_create(*, municipality) -> list[Forum]:
    """Gives the municipality each of the guideline's forums it does not have yet. Not
    audited on its own: it happens with the municipality's creation, which core audits."""
    have = set(Forum.objects.filter(municipality=municipality).values_list("kind", flat=True))
    return [
        Forum.objects.create(municipality=municipality, kind=kind, name=DEFAULT_NAMES[kind])
        for kind in Forum.DEFAULTS
        if kind not in have
    ]


@transaction.atomic
def working_group_create(*, viewer: Viewer, parent: Forum, name: str, purpose: str = "") -> Forum:
    """Appoints a working group under EST or Stora samverkansgruppen."""
    own(viewer, parent)
    require(viewer, "forums.manage_forums")
    errors = {}
    if parent.kind not in Forum.PARENT_KINDS:
        errors["parent"] = ["Arbetsgrupper tillsätts av EST-gruppen eller Stora samverkansgruppen."]
    if not name.strip():
        errors["name"] = ["Ge arbetsgruppen ett namn."]
    if errors:
        raise ValidationError(errors)
    forum = Forum.objects.create(
        municipality=viewer.municipality,
        kind=Forum.Kind.ARBETSGRUPP,
        name=name.strip()[:200],
        parent=parent,
        purpose=purpose.strip(),
    )
    audit(
        viewer,
        events.FORUM_CREATED,
        forum,
        summary=f"{forum.name} tillsatt av {parent.name}",
        kind=forum.kind,
        parent=parent.pk,
    )
    return forum


@transaction.atomic
def member_add(
    *,
    viewer: Viewer,
    forum: Forum,
    role: str,
    user=None,
    person_name: str = "",
    organisation_name: str = "",
    appointment_reference: str = "",
    started_on: date | None = None,
    ended_on: date | None = None,
) -> ForumMembership:
    """Gives someone a seat: a user of the municipality, or an external person by name and
    organisation. BRÅ's chair is appointed by Kommunfullmäktige, so the decision is required."""
    own(viewer, forum)
    require_in_forum(viewer, forum, "forums.manage_members")
    errors = {}
    if role not in ForumRole.values:
        errors["role"] = ["Okänd roll."]
    if user is None and not person_name.strip():
        errors["person_name"] = ["Välj en användare eller skriv namnet på den externa ledamoten."]
    if user is not None and person_name.strip():
        errors["person_name"] = ["Välj en användare eller skriv ett namn, inte båda."]
    if (
        user is not None
        and not Membership.objects.filter(user=user, municipality=viewer.municipality).exists()
    ):
        errors["user"] = ["Användaren hör inte till kommunen."]
    if (
        forum.kind == Forum.Kind.BRA
        and role == ForumRole.CHAIR
        and not appointment_reference.strip()
    ):
        errors["appointment_reference"] = [
            "BRÅ:s ordförande utses av kommunfullmäktige: ange beslutet, t.ex. KF § 45/2026."
        ]
    started_on = started_on or timezone.localdate()
    if ended_on is not None and ended_on < started_on:
        errors["ended_on"] = ["Slutdatum ligger före startdatum."]
    if errors:
        raise ValidationError(errors)
    seat = ForumMembership.objects.create(
        municipality=viewer.municipality,
        forum=forum,
        user=user,
        person_name=person_name.strip()[:200],
        organisation_name=organisation_name.strip()[:200],
        role=role,
        appointment_reference=appointment_reference.strip()[:200],
        started_on=started_on,
        ended_on=ended_on,
    )
    # The audit row names the seat and role, never an external person's name.
    audit(
        viewer,
        events.MEMBER_ADDED,
        seat,
        summary=f"{seat.get_role_display()} i {forum.name}",
        forum=forum.pk,
        role=role,
        user=getattr(user, "pk", None),
    )
    return seat


@transaction.atomic
def member_end(*, viewer: Viewer, seat: ForumMembership, ended_on: date | None = None):
    """Ends a seat (the member stays in earlier minutes); the retention clock starts."""
    own(viewer, seat)
    require_in_forum(viewer, seat.forum, "forums.manage_members")
    seat.ended_on = ended_on or timezone.localdate()
    if seat.ended_on < seat.started_on:
        raise ValidationError({"ended_on": ["Slutdatum ligger före startdatum."]})
    seat.save(update_fields=["ended_on"])
    audit(
        viewer,
        events.MEMBER_ENDED,
        seat,
        summary=f"Uppdrag i {seat.forum.name} avslutat",
        forum=seat.forum_id,
    )
    return seat


@transaction.atomic
def external_members_purge(*, municipality, today: date | None = None) -> int:
    """Removes the name and organisation of external members whose seat ended more than
    EXTERNAL_RETENTION ago (gallring); the anonymous seat stays. Returns how many."""
    today = today or timezone.localdate()
    cutoff = today - ForumMembership.EXTERNAL_RETENTION
    due = ForumMembership.objects.filter(
        municipality=municipality,
        user__isnull=True,
        ended_on__lt=cutoff,
        anonymised_at__isnull=True,
    ).filter(~Q(person_name="") | ~Q(organisation_name=""))
    n = 0
    for seat in due:
        seat.person_name = "Tidigare extern ledamot"
        seat.organisation_name = ""
        seat.anonymised_at = timezone.now()
        seat.save(update_fields=["person_name", "organisation_name", "anonymised_at"])
        audit_log(
            event=events.MEMBER_ANONYMISED,
            municipality=municipality,
            obj=seat,
            summary="Extern ledamots namn gallrat",
            data={"forum": seat.forum_id},
        )
        n += 1
    return n


@transaction.atomic
def calendar_feed_create(*, viewer: Viewer, forum: Forum) -> tuple[CalendarFeed, str]:
    """A new secret calendar address for the viewer and the forum; earlier ones of the same
    person and forum are revoked. The secret is returned once and stored only as a digest."""
    own(viewer, forum)
    require_in_forum(viewer, forum, "forums.subscribe")
    if viewer.user_id is None:
        raise ValidationError("En kalenderlänk hör till en inloggad person.")
    _revoke(viewer, forum)
    secret = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(
        municipality=viewer.municipality,
        forum=forum,
        user=viewer.user,
        digest=CalendarFeed.digest_of(secret),
    )
    audit(
        viewer, events.FEED_CREATED, feed, summary=f"Kalenderlänk för {forum.name}", forum=forum.pk
    )
    return feed, secret


@transaction.atomic
def calendar_feed_revoke(*, viewer: Viewer, forum: Forum) -> int:
    """Revokes the viewer's calendar addresses for the forum: they answer 404 from now on."""
    own(viewer, forum)
    return _revoke(viewer, forum)


def _revoke(viewer: Viewer, forum: Forum) -> int:
    feeds = list(
        CalendarFeed.objects.filter(
            municipality=viewer.municipality,
            forum=forum,
            user_id=viewer.user_id,
            revoked_at__isnull=True,
        )
    )
    for feed in feeds:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        audit(viewer, events.FEED_REVOKED, feed, summary=f"Kalenderlänk för {forum.name} spärrad")
    return len(feeds)
