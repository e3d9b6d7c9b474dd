"""Meetings and their schedule, agenda items, decisions (insatser) and action items."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.models import Organisation
from trygg.core.viewer import Viewer
from trygg.geo.models import Area

from .. import selectors
from ..models import ActionItem, AgendaItem, Decision, Forum, Meeting, MeetingSchedule
from .agenda import _generate_agenda


@transaction.atomic
def schedule_set(
    *, viewer: Viewer, first_date: date, interval_days: int, time_of_day, place: str = ""
) -> MeetingSchedule:
    require(viewer, "lagesbild.manage_meetings")
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
        "lagesbild.schedule_set",
        schedule,
        summary=f"Mötesschema: var {interval_days}:e dag från {first_date}",
        first_date=first_date.isoformat(),
        interval_days=interval_days,
    )
    return schedule


@transaction.atomic
def meeting_create(
    *,
    viewer: Viewer,
    held_at: datetime,
    place: str = "",
    period_start: date | None = None,
    period_end: date | None = None,
    organisations=(),
    forum: str = Forum.LAGESBILD,
) -> Meeting:
    """Creates a meeting with its agenda: for a lägesbildsmöte generated from the period's
    picture, the police's input and decisions still in force; for every forum the open
    action items of its earlier meetings."""
    require(viewer, "lagesbild.manage_meetings")
    held_date = timezone.localtime(held_at).date()
    if period_end is None:
        period_end = held_date - timedelta(days=1)
    if period_start is None:
        period_start = period_end - timedelta(days=selectors.DEFAULT_DAYS - 1)
    try:
        selectors.validate_period(period_start, period_end)
    except selectors.PeriodError as exc:
        raise ValidationError({"period_end": [str(exc)]}) from None
    meeting = Meeting.objects.create(
        municipality=viewer.municipality,
        held_at=held_at,
        place=place,
        period_start=period_start,
        period_end=period_end,
        created_by=viewer.user,
        forum=forum,
    )
    own(viewer, *organisations)
    meeting.organisations.set(organisations)
    _generate_agenda(viewer, meeting)
    audit(
        viewer,
        "lagesbild.meeting_created",
        meeting,
        summary=f"{meeting} skapat",
        forum=forum,
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
    require(viewer, "lagesbild.manage_meetings")
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
    audit(viewer, "lagesbild.meeting_updated", meeting, summary=f"{meeting} ändrat", status=status)
    return meeting


@transaction.atomic
def agenda_item_add(*, viewer: Viewer, meeting: Meeting, title: str, body: str = "") -> AgendaItem:
    require(viewer, "lagesbild.manage_meetings")
    if not title.strip():
        raise ValidationError({"title": ["Ange en rubrik."]})
    position = (
        meeting.agenda.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    return AgendaItem.objects.create(
        municipality=viewer.municipality,
        meeting=meeting,
        position=position,
        title=title.strip()[:300],
        body=body,
    )


@transaction.atomic
def decision_add(
    *,
    viewer: Viewer,
    meeting: Meeting,
    what: str,
    responsible: Organisation,
    until: date,
    area: Area | None = None,
    place: str = "",
    time_window: str = "",
) -> Decision:
    """Records a decision that directs resources to a place for a time."""
    require(viewer, "lagesbild.manage_meetings")
    own(viewer, responsible, area)
    errors = {}
    if not what.strip():
        errors["what"] = ["Beskriv insatsen."]
    if until < timezone.localtime(meeting.held_at).date():
        errors["until"] = ["Slutdatum ligger före mötet."]
    if area is None and not place.strip():
        errors["place"] = ["Ange ett område eller en plats."]
    if errors:
        raise ValidationError(errors)
    decision = Decision.objects.create(
        municipality=viewer.municipality,
        meeting=meeting,
        what=what.strip(),
        area=area,
        place=place.strip(),
        time_window=time_window.strip(),
        responsible=responsible,
        until=until,
    )
    audit(
        viewer,
        "lagesbild.decision_added",
        decision,
        summary=f"Insats beslutad: {decision.what[:100]}",
        meeting=meeting.pk,
        responsible=responsible.pk,
        area=getattr(area, "pk", None),
        until=until.isoformat(),
    )
    return decision


@transaction.atomic
def decision_follow_up(
    *, viewer: Viewer, decision: Decision, status: str, follow_up: str
) -> Decision:
    require(viewer, "lagesbild.manage_meetings")
    if status not in Decision.Status.values:
        raise ValidationError({"status": ["Okänd status."]})
    decision.status = status
    decision.follow_up = follow_up
    decision.save(update_fields=["status", "follow_up"])
    audit(
        viewer,
        "lagesbild.decision_followed_up",
        decision,
        summary=f"Insats följd upp: {decision.get_status_display()}",
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
    require(viewer, "lagesbild.manage_meetings")
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
        "lagesbild.action_item_added",
        item,
        summary=f"Åtgärd: {item.title[:100]}",
        meeting=meeting.pk,
        owner_organisation=owner_organisation.pk,
        due=due.isoformat(),
    )
    return item


@transaction.atomic
def action_item_complete(*, viewer: Viewer, item: ActionItem, note: str = "") -> ActionItem:
    require(viewer, "lagesbild.manage_meetings")
    item.status = ActionItem.Status.KLAR
    item.done_at = timezone.now()
    item.done_note = note.strip()
    item.save(update_fields=["status", "done_at", "done_note"])
    audit(
        viewer,
        "lagesbild.action_item_completed",
        item,
        summary=f"Åtgärd klar: {item.title[:100]}",
        meeting=item.meeting_id,
    )
    return item


@transaction.atomic
def agenda_send(*, viewer: Viewer, forum: str, title: str, body: str = "", link: str = ""):
    """Puts an item (a plan, a picture, a follow-up…) on the next planned meeting of a forum."""
    require(viewer, "lagesbild.manage_meetings")
    if forum not in Forum.values:
        raise ValidationError({"forum": ["Okänt forum."]})
    meeting = (
        Meeting.objects.filter(
            municipality=viewer.municipality,
            forum=forum,
            status=Meeting.Status.PLANERAT,
            held_at__gte=timezone.now(),
        )
        .order_by("held_at")
        .first()
    )
    if meeting is None:
        raise ValidationError(
            f"{Forum(forum).label} har inget planerat möte. Skapa ett möte först."
        )
    item = agenda_item_add(viewer=viewer, meeting=meeting, title=title, body=body)
    item.link = link[:500]
    item.save(update_fields=["link"])
    return item
