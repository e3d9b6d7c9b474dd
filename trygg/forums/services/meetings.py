"""Meetings of every forum and their schedule, agenda items, § decisions and action items.
Each write checks the forum permission (a role, or a seat in the forum) and is audited in
the same transaction."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.models import Organisation
from trygg.core.viewer import Viewer
from trygg.geo.models import Area

from .. import audit_events as events
from ..models import ActionItem, AgendaItem, Decision, Forum, Meeting, MeetingSchedule
from ..permissions import require_in_forum
from .agenda import generate_agenda

# The lägesbildsmöte reviews the 14 days before it unless told otherwise.
DEFAULT_PERIOD_DAYS = 14


@transaction.atomic
def schedule_set(
    *, viewer: Viewer, first_date: date, interval_days: int, time_of_day, place: str = ""
) -> MeetingSchedule:
    """Sets when the lägesbildsmöten are held (one schedule per municipality)."""
    require(viewer, "forums.manage_meetings")
    if not 1 <= interval_days <= 90:
        raise ValidationError({"interval_days": ["Ange mellan 1 och 90 dagar."]})
    schedule, _ = MeetingSchedule.objects.update_or_create(
        municipality=viewer.municipality,
        defaults={
            "first_date": first_date,
            "interval_days": interval_days,
            "time_of_day": time_of_day,
            "place": place,
        },
    )
    audit(
        viewer,
        events.SCHEDULE_SET,
        schedule,
        summary=f"Mötesschema: var {interval_days}:e dag från {first_date}",
        interval_days=interval_days,
    )
    return schedule


@transaction.atomic
def meeting_create(
    *,
    viewer: Viewer,
    forum: Forum,
    held_at: datetime,
    place: str = "",
    period_start: date | None = None,
    period_end: date | None = None,
    organisations=(),
) -> Meeting:
    """Creates a meeting of the forum with its agenda: what contributing apps add (the
    period's picture for a lägesbildsmöte), decisions still in force and open actions."""
    own(viewer, forum)
    require_in_forum(viewer, forum, "forums.manage_meetings")
    held_date = timezone.localtime(held_at).date()
    if period_end is None:
        period_end = held_date - timedelta(days=1)
    if period_start is None:
        period_start = period_end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    if period_end < period_start:
        raise ValidationError({"period_end": ["Slutdatum ligger före startdatum."]})
    own(viewer, *organisations)
    meeting = Meeting.objects.create(
        municipality=viewer.municipality,
        forum=forum,
        held_at=held_at,
        place=place,
        period_start=period_start,
        period_end=period_end,
        created_by=viewer.user,
    )
    meeting.organisations.set(organisations)
    generate_agenda(viewer, meeting)
    audit(
        viewer,
        events.MEETING_CREATED,
        meeting,
        summary=f"{meeting} skapat",
        forum=forum.pk,
        kind=forum.kind,
        period_start=period_start.isoformat(),
        period_end=period_end.isoformat(),
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    viewer: Viewer,
    meeting: Meeting,
    notes: str,
    participants: str,
    organisations,
    status: str,
    place: str,
) -> Meeting:
    require_in_forum(viewer, meeting.forum, "forums.manage_meetings")
    if status not in Meeting.Status.values:
        raise ValidationError({"status": ["Okänd status."]})
    if status == Meeting.Status.GENOMFORT and meeting.held_at > timezone.now():
        held = timezone.localtime(meeting.held_at)
        raise ValidationError(
            {
                "status": [
                    f"Mötet är planerat till {held:%Y-%m-%d %H:%M} och kan inte markeras som "
                    "genomfört förrän det har hållits."
                ]
            }
        )
    own(viewer, *organisations)
    meeting.notes = notes
    meeting.participants = participants
    meeting.status = status
    meeting.place = place
    meeting.save(update_fields=["notes", "participants", "status", "place", "updated_at"])
    meeting.organisations.set(organisations)
    audit(viewer, events.MEETING_UPDATED, meeting, summary=f"{meeting} ändrat", status=status)
    return meeting


@transaction.atomic
def agenda_item_add(
    *, viewer: Viewer, meeting: Meeting, title: str, body: str = "", link: str = ""
) -> AgendaItem:
    require_in_forum(viewer, meeting.forum, "forums.manage_meetings")
    if not title.strip():
        raise ValidationError({"title": ["Ange en rubrik."]})
    position = (
        meeting.agenda.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    item = AgendaItem.objects.create(
        municipality=viewer.municipality,
        meeting=meeting,
        position=position,
        title=title.strip()[:300],
        body=body,
        link=link[:500],
    )
    audit(
        viewer,
        events.AGENDA_ITEM_ADDED,
        item,
        summary=f"Punkt på dagordningen för {meeting}",
        meeting=meeting.pk,
    )
    return item


@transaction.atomic
def agenda_send(
    *, viewer: Viewer, forum: Forum, title: str, body: str = "", link: str = ""
) -> AgendaItem:
    """Puts an item (a plan, a picture, a follow-up…) on the forum's next planned meeting."""
    own(viewer, forum)
    meeting = (
        Meeting.objects.filter(
            municipality=viewer.municipality,
            forum=forum,
            status=Meeting.Status.PLANERAT,
            held_at__gte=timezone.now(),
        )
        .select_related("forum")
        .order_by("held_at")
        .first()
    )
    if meeting is None:
        raise ValidationError(f"{forum.name} har inget planerat möte. Skapa ett möte först.")
    return agenda_item_add(viewer=viewer, meeting=meeting, title=title, body=body, link=link)


def _renumber(forum: Forum, year: int) -> None:
    """§ numbers run per forum and year in order of meeting date, then of recording: a
    decision recorded afterwards at an earlier meeting takes its place in the sequence."""
    decisions = list(
        Decision.objects.filter(municipality=forum.municipality_id, meeting__forum=forum, year=year)
        .select_related("meeting")
        .order_by("meeting__held_at", "created_at", "pk")
    )
    changed = []
    for number, decision in enumerate(decisions, start=1):
        if decision.number != number:
            decision.number = number
            changed.append(decision)
    Decision.objects.bulk_update(changed, ["number"])


@transaction.atomic
def decision_add(
    *,
    viewer: Viewer,
    meeting: Meeting,
    what: str,
    responsible: Organisation | None = None,
    until: date | None = None,
    area: Area | None = None,
    place: str = "",
    time_window: str = "",
) -> Decision:
    """Records a decision as the forum's next § of the year. In the lägesbildsmöte it is an
    insats, which must say where, who and until when."""
    forum = meeting.forum
    require_in_forum(viewer, forum, "forums.manage_meetings")
    own(viewer, responsible, area)
    held = timezone.localtime(meeting.held_at).date()
    errors = {}
    if not what.strip():
        errors["what"] = [
            "Beskriv insatsen." if forum.decisions_direct_resources else "Skriv beslutet."
        ]
    if until is not None and until < held:
        errors["until"] = ["Slutdatum ligger före mötet."]
    if forum.decisions_direct_resources:
        if area is None and not place.strip():
            errors["place"] = ["Ange ett område eller en plats."]
        if responsible is None:
            errors["responsible"] = ["Ange vilken organisation som ansvarar för insatsen."]
        if until is None:
            errors["until"] = ["Ange hur länge insatsen gäller."]
    if errors:
        raise ValidationError(errors)
    # Serialises numbering within the forum, so two secretaries never get the same §.
    Forum.objects.select_for_update().filter(pk=forum.pk).first()
    decision = Decision.objects.create(
        municipality=viewer.municipality,
        meeting=meeting,
        year=held.year,
        what=what.strip(),
        area=area,
        place=place.strip(),
        time_window=time_window.strip(),
        responsible=responsible,
        until=until,
    )
    _renumber(forum, held.year)
    decision.refresh_from_db(fields=["number"])
    audit(
        viewer,
        events.DECISION_ADDED,
        decision,
        summary=f"{forum.name} {decision.paragraph}: {decision.what[:100]}",
        meeting=meeting.pk,
        number=decision.number,
        year=decision.year,
        responsible=getattr(responsible, "pk", None),
        area=getattr(area, "pk", None),
        until=until.isoformat() if until else None,
    )
    return decision


@transaction.atomic
def decision_follow_up(
    *, viewer: Viewer, decision: Decision, status: str, follow_up: str
) -> Decision:
    own(viewer, decision)
    require_in_forum(viewer, decision.meeting.forum, "forums.manage_meetings")
    if status not in Decision.Status.values:
        raise ValidationError({"status": ["Okänd status."]})
    decision.status = status
    decision.follow_up = follow_up
    decision.save(update_fields=["status", "follow_up"])
    audit(
        viewer,
        events.DECISION_FOLLOWED_UP,
        decision,
        summary=f"{decision.paragraph} följt upp: {decision.get_status_display()}",
        meeting=decision.meeting_id,
        status=status,
    )
    return decision


@transaction.atomic
def action_item_add(
    *,
    viewer: Viewer,
    meeting: Meeting,
    title: str,
    owner_organisation: Organisation,
    due: date,
    owner_name: str = "",
) -> ActionItem:
    require_in_forum(viewer, meeting.forum, "forums.manage_meetings")
    own(viewer, owner_organisation)
    errors = {}
    if not title.strip():
        errors["title"] = ["Beskriv åtgärden."]
    if due < timezone.localtime(meeting.held_at).date():
        errors["due"] = ["Datumet ligger före mötet."]
    if errors:
        raise ValidationError(errors)
    item = ActionItem.objects.create(
        municipality=viewer.municipality,
        meeting=meeting,
        title=title.strip()[:300],
        owner_organisation=owner_organisation,
        owner_name=owner_name.strip()[:200],
        due=due,
    )
    audit(
        viewer,
        events.ACTION_ADDED,
        item,
        summary=f"Åtgärd: {item.title[:100]}",
        meeting=meeting.pk,
        owner_organisation=owner_organisation.pk,
        due=due.isoformat(),
    )
    return item


@transaction.atomic
def action_item_complete(*, viewer: Viewer, item: ActionItem, note: str = "") -> ActionItem:
    own(viewer, item)
    require_in_forum(viewer, item.meeting.forum, "forums.manage_meetings")
    item.status = ActionItem.Status.KLAR
    item.done_at = timezone.now()
    item.done_note = note.strip()
    item.save(update_fields=["status", "done_at", "done_note"])
    audit(
        viewer,
        events.ACTION_DONE,
        item,
        summary=f"Åtgärd klar: {item.title[:100]}",
        meeting=item.meeting_id,
    )
    return item
