"""A forum's meetings as an iCalendar feed at a person's secret address (core/ical.py
renders it). The address is the key, since calendar programs cannot log in; it is checked
against the person's access on every read, so a lost seat or role closes it too."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from trygg.core.ical import Event, render_calendar
from trygg.core.selectors import workspace_for_user
from trygg.core.viewer import Viewer

from . import selectors
from .models import CalendarFeed, Meeting
from .permissions import forum_may

# How far back the feed reaches: a calendar keeps what it has already seen.
HISTORY = timedelta(days=365)


def forum_feed(*, secret: str, base_url: str) -> str | None:
    """The feed's text, or None (a 404) for an unknown or revoked address, or a person who
    may no longer read the forum."""
    # The request carries no session and so no municipality: the digest finds the tenant.
    with scopes_disabled():
        feed = (
            CalendarFeed.objects.filter(
                digest=CalendarFeed.digest_of(secret), revoked_at__isnull=True
            )
            .select_related("forum", "user", "municipality")
            .first()
        )
    if feed is None or not feed.user.is_active:
        return None
    with scope(municipality=feed.municipality):
        ws = workspace_for_user(feed.user)
        viewer = Viewer(
            municipality=feed.municipality,
            roles=ws.roles_in(feed.municipality),
            organisation_ids=ws.organisations_in(feed.municipality),
            user=feed.user,
        )
        if not forum_may(viewer, feed.forum, "forums.subscribe"):
            return None
        meetings = list(selectors.feed_meetings(forum=feed.forum, since=timezone.now() - HISTORY))
        CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=timezone.now())
    events = [_event(m, feed.forum.name, base_url) for m in meetings]
    stamp = max((m.updated_at for m in meetings), default=feed.created_at)
    name = f"{feed.forum.name} – {feed.municipality.name}"
    return render_calendar(name=name, events=events, stamp=stamp)


def _event(meeting: Meeting, forum_name: str, base_url: str) -> Event:
    host = base_url.split("://", 1)[-1].split(":")[0].split("/")[0]
    return Event(
        uid=f"forums-meeting-{meeting.pk}@{host}",
        start=meeting.held_at,
        summary=forum_name,
        location=meeting.place,
        url=base_url + reverse("forums:meeting_detail", args=[meeting.pk]),
        cancelled=meeting.status == Meeting.Status.INSTALLT,
        modified=meeting.updated_at,
    )
