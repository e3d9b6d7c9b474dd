"""Reads for the forums: which forums a viewer sees, their members and meetings, open
actions, the schedule of the lägesbildsmöte and the totals official documents publish."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from trygg.core.kernel import REFUSED
from trygg.core.viewer import Viewer

from . import contributions
from .models import (
    ActionItem,
    CalendarFeed,
    Decision,
    Forum,
    ForumMembership,
    Meeting,
    MeetingSchedule,
)
from .permissions import forum_may


def _visible_forums(viewer: Viewer):
    qs = Forum.objects.filter(municipality=viewer.municipality)
    seated = Q(
        memberships__user_id=viewer.user_id,
        memberships__started_on__lte=timezone.localdate(),
    ) & (Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gte=timezone.localdate()))
    if viewer.user_id is None:
        seated = Q(pk__in=[])
    by_role = Q(pk__in=[])
    if viewer.may("forums.view"):
        # Not Q(): an empty Q vanishes from an OR and would leave only the seats.
        by_role = Q(pk__isnull=False)
        if not viewer.may("forums.view_operational"):
            by_role = ~Q(kind=Forum.Kind.LAGESBILD)
    return qs.filter(by_role | seated).distinct()


def forum_list(*, viewer: Viewer):
    """The forums the viewer may read (by role, or by a seat), working groups after their
    parents, each with its number of members and of meetings to come."""
    now = timezone.now()
    return (
        _visible_forums(viewer)
        .select_related("parent")
        .annotate(
            n_members=Count(
                "memberships",
                filter=Q(memberships__ended_on__isnull=True)
                | Q(memberships__ended_on__gte=timezone.localdate()),
                distinct=True,
            ),
            n_upcoming=Count(
                "meetings",
                filter=Q(meetings__held_at__gte=now) & ~Q(meetings__status="installt"),
                distinct=True,
            ),
        )
        .order_by("pk")
    )


def forum_get(*, viewer: Viewer, pk: int) -> Forum | None:
    """The forum; None (a 404) for another municipality's, PermissionDenied for one of the
    viewer's municipality it may not read (its name is no secret inside the municipality)."""
    forum = (
        Forum.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("parent")
        .first()
    )
    if forum is not None and not forum_may(viewer, forum, "forums.view"):
        raise PermissionDenied(REFUSED)
    return forum


def forum_of_kind(*, municipality, kind: str) -> Forum | None:
    return Forum.objects.filter(municipality=municipality, kind=kind).first()


def operational_forum(*, municipality) -> Forum | None:
    """The municipality's lägesbildsmöte."""
    return forum_of_kind(municipality=municipality, kind=Forum.Kind.LAGESBILD)


def forum_members(*, forum: Forum, include_ended: bool = False):
    qs = ForumMembership.objects.filter(municipality=forum.municipality_id, forum=forum)
    if not include_ended:
        qs = qs.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localdate()))
    return qs.select_related("user").order_by("role", "person_name", "pk")


def member_candidates(*, municipality):
    """The municipality's users, for choosing a member."""
    return (
        get_user_model()
        .objects.filter(memberships__municipality=municipality)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def working_groups(*, forum: Forum):
    return Forum.objects.filter(municipality=forum.municipality_id, parent=forum)


def meeting_list(*, viewer: Viewer, forum: Forum | None = None):
    """Meetings of the forums the viewer may read, with their counts of decisions."""
    qs = Meeting.objects.filter(municipality=viewer.municipality)
    qs = (
        qs.filter(forum=forum)
        if forum is not None
        else qs.filter(forum__in=_visible_forums(viewer))
    )
    return (
        qs.select_related("forum")
        .annotate(
            n_decisions=Count("decisions", distinct=True),
            n_done=Count("decisions", filter=Q(decisions__status="genomford"), distinct=True),
            n_actions=Count("action_items", distinct=True),
        )
        .order_by("-held_at")
    )


def next_meeting_of_kind(*, viewer: Viewer, kind: str) -> Meeting | None:
    """The next meeting not cancelled of a forum of this kind that the viewer may read."""
    return (
        Meeting.objects.filter(
            municipality=viewer.municipality,
            forum__in=_visible_forums(viewer),
            forum__kind=kind,
            held_at__gte=timezone.now(),
        )
        .exclude(status=Meeting.Status.INSTALLT)
        .select_related("forum")
        .order_by("held_at")
        .first()
    )


def meeting_get(*, viewer: Viewer, pk: int) -> Meeting | None:
    """The meeting with what its page shows; None for another municipality's,
    PermissionDenied when the viewer may not read its forum."""
    meeting = (
        Meeting.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("forum", "municipality")
        .prefetch_related(
            "organisations",
            Prefetch("agenda", queryset=_agenda()),
            "decisions__area",
            "decisions__responsible",
            "action_items__owner_organisation",
        )
        .first()
    )
    if meeting is not None and not forum_may(viewer, meeting.forum, "forums.view"):
        raise PermissionDenied(REFUSED)
    return meeting


def _agenda():
    from .models import AgendaItem

    return AgendaItem.objects.select_related(
        "action_item__owner_organisation", "action_item__meeting"
    ).order_by("position", "pk")


def forum_decisions(*, forum: Forum, year: int | None = None):
    qs = Decision.objects.filter(municipality=forum.municipality_id, meeting__forum=forum)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.select_related("meeting", "responsible", "area").order_by("-year", "-number")


def open_action_items(*, municipality, before=None, forum: Forum | None = None):
    qs = ActionItem.objects.filter(municipality=municipality, status=ActionItem.Status.OPPEN)
    if forum is not None:
        qs = qs.filter(meeting__forum=forum)
    if before is not None:
        qs = qs.filter(meeting__held_at__lt=before)
    return qs.select_related("meeting", "owner_organisation").order_by("due")


def decisions_in_force(*, municipality, on: date, forum: Forum | None = None):
    """Decisions whose end date has not passed on the day: insatser to follow up."""
    qs = Decision.objects.filter(municipality=municipality, until__gte=on)
    if forum is not None:
        qs = qs.filter(meeting__forum=forum)
    return qs.select_related("area", "responsible", "meeting")


def schedule_for(*, municipality) -> MeetingSchedule | None:
    return MeetingSchedule.objects.filter(municipality=municipality).first()


def next_meeting_time(*, municipality, after: date | None = None) -> datetime | None:
    """The next date in the lägesbildsmöte's schedule on or after `after` with no meeting."""
    schedule = schedule_for(municipality=municipality)
    if schedule is None:
        return None
    after = after or timezone.localdate()
    day = schedule.first_date
    if day < after:
        steps = -(-(after - day).days // schedule.interval_days)
        day = day + timedelta(days=steps * schedule.interval_days)
    taken = set(
        timezone.localtime(t).date()
        for t in Meeting.objects.filter(
            municipality=municipality,
            forum__kind=Forum.Kind.LAGESBILD,
            held_at__date__gte=after,
        ).values_list("held_at", flat=True)
    )
    while day in taken:
        day += timedelta(days=schedule.interval_days)
    return timezone.make_aware(datetime.combine(day, schedule.time_of_day))


def next_operational_meeting_at(*, municipality, on_or_after: date) -> datetime | None:
    """When the next lägesbildsmöte is held: a planned meeting, else the schedule's date."""
    planned = (
        Meeting.objects.filter(
            municipality=municipality,
            forum__kind=Forum.Kind.LAGESBILD,
            held_at__date__gte=on_or_after,
        )
        .order_by("held_at")
        .values_list("held_at", flat=True)
        .first()
    )
    return planned or next_meeting_time(municipality=municipality, after=on_or_after)


def calendar_feeds(*, viewer: Viewer, forum: Forum):
    """The viewer's own working calendar addresses for the forum (never anyone else's)."""
    return CalendarFeed.objects.filter(
        municipality=viewer.municipality,
        forum=forum,
        user_id=viewer.user_id,
        revoked_at__isnull=True,
    )


def feed_meetings(*, forum: Forum, since: datetime):
    """The meetings a forum's calendar carries: from `since` on, cancelled ones included
    (so a subscribed calendar learns of the cancellation)."""
    return Meeting.objects.filter(
        municipality=forum.municipality_id, forum=forum, held_at__gte=since
    ).order_by("held_at")


# --- Meeting mode ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingStep:
    """One agenda item as meeting mode shows it: its place in the agenda (1-based) and what
    the apps contribute under it (contributions.ItemMaterial)."""

    item: object  # AgendaItem
    number: int
    total: int
    materials: tuple

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.total else None


def meeting_step(*, viewer: Viewer, meeting: Meeting, number: int) -> MeetingStep | None:
    """Agenda item `number` of a meeting (from meeting_get) for the one running the meeting:
    PermissionDenied without forums.manage_meetings in its forum, None past the agenda."""
    if not forum_may(viewer, meeting.forum, "forums.manage_meetings"):
        raise PermissionDenied(REFUSED)
    agenda = list(meeting.agenda.all())
    if not 1 <= number <= len(agenda):
        return None
    item = agenda[number - 1]
    materials = tuple(
        found
        for c in contributions.for_kind(meeting.forum.kind)
        if c.material is not None
        for found in [c.material(viewer, meeting, item)]
        if found is not None
    )
    return MeetingStep(item=item, number=number, total=len(agenda), materials=materials)


# --- Totals for official documents ---------------------------------------------------------
# The annual follow-up and the strategic lägesbild publish these totals to whoever may read
# those documents: only counts leave here, never a decision's text.


@dataclass(frozen=True)
class MeetingTotals:
    meetings: int
    decisions: int
    decisions_done: int


def meeting_totals(*, viewer: Viewer, start: datetime, end: datetime) -> MeetingTotals:
    """Meetings of every forum held in [start, end), their decisions and how many are done."""
    meetings = Meeting.objects.filter(
        municipality=viewer.municipality, held_at__gte=start, held_at__lt=end
    ).exclude(status=Meeting.Status.INSTALLT)
    decisions = Decision.objects.filter(meeting__in=meetings)
    return MeetingTotals(
        meetings=meetings.count(),
        decisions=decisions.count(),
        decisions_done=decisions.filter(status=Decision.Status.GENOMFORD).count(),
    )


def decision_get(*, viewer: Viewer, pk: int) -> Decision | None:
    """A decision of a forum the viewer may read (a walk or another higher app starts from
    one); None for another municipality's or one whose forum the viewer may not read."""
    decision = (
        Decision.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("meeting__forum", "area")
        .first()
    )
    if decision is None or not forum_may(viewer, decision.meeting.forum, "forums.view"):
        return None
    return decision
