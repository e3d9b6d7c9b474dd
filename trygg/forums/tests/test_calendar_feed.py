"""A forum's meetings at a person's secret calendar address, read back with the icalendar
parser from PyPI: local Stockholm times on both sides of the change to summer time, the
VTIMEZONE, a cancelled meeting, and 404 once the address is revoked or access is lost."""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.helpers import make_forum, make_meeting, membership_of
from trygg.core.ical import Event, escape, fold, render_calendar
from trygg.core.models import Role
from trygg.forums.models import CalendarFeed, Meeting

TZ = ZoneInfo("Europe/Stockholm")


def _subscribe(client, forum):
    page = client.post(reverse("forums:calendar", args=[forum.pk]), {"action": "create"})
    assert page.status_code == 200
    return re.search(r'value="(http[^"]+\.ics)"', page.content.decode()).group(1)


def _summer_time_starts(year):
    """The last Sunday of March: Sweden moves its clocks forward that night."""
    day = date(year, 3, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


@pytest.fixture
def bra_meetings(koping):
    # Next year's change to summer time: the same 09:00 is 08:00 UTC before, 07:00 after.
    change = _summer_time_starts(timezone.localdate().year + 1)
    at_nine = lambda day: datetime.combine(day, time(9), tzinfo=TZ)  # noqa: E731
    before = make_meeting(
        koping, at_nine(change - timedelta(days=3)), "bra", place="Rum 3, Stadshuset"
    )
    after = make_meeting(koping, at_nine(change + timedelta(days=4)), "bra", place="Rum 3")
    cancelled = make_meeting(
        koping, at_nine(change + timedelta(days=60)), "bra", status=Meeting.Status.INSTALLT
    )
    make_meeting(koping, at_nine(change + timedelta(days=2)), "est")  # another forum's
    return before, after, cancelled


def test_feed_parses_with_local_times_across_the_change_to_summer_time(
    client, users, koping, bra_meetings
):
    before, after, cancelled = bra_meetings
    client.force_login(users[Role.SAMORDNARE])
    url = _subscribe(client, make_forum(koping, "bra"))
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    events = {int(str(e["UID"]).split("-")[2].split("@")[0]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == sorted([before.pk, after.pk, cancelled.pk])
    starts = {pk: e.decoded("DTSTART") for pk, e in events.items()}
    assert [str(starts[m.pk].tzinfo) for m in bra_meetings] == ["Europe/Stockholm"] * 3
    assert [starts[m.pk].strftime("%H:%M") for m in bra_meetings] == ["09:00"] * 3
    assert starts[before.pk].astimezone(UTC).hour == 8
    assert starts[after.pk].astimezone(UTC).hour == 7
    assert str(events[before.pk]["LOCATION"]) == "Rum 3, Stadshuset"
    assert str(events[before.pk]["SUMMARY"]) == "Brottsförebyggande rådet (BRÅ)"
    assert [str(events[m.pk]["STATUS"]) for m in bra_meetings] == [
        "CONFIRMED",
        "CONFIRMED",
        "CANCELLED",
    ]
    assert all("DTSTAMP" in e for e in events.values())
    # Unchanged meetings give the same bytes: calendar programs poll often.
    assert client.get(url).content == response.content


def test_a_revoked_address_answers_404(client, users, koping, bra_meetings):
    forum = make_forum(koping, "bra")
    client.force_login(users[Role.SAMORDNARE])
    first = _subscribe(client, forum)
    second = _subscribe(client, forum)  # a new address revokes the old one
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    client.post(reverse("forums:calendar", args=[forum.pk]), {"action": "revoke"})
    assert client.get(second).status_code == 404
    with scopes_disabled():
        assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 0


def test_an_address_closes_when_its_person_loses_access(client, users, koping, bra_meetings):
    council = users[Role.RADSLEDAMOT]
    client.force_login(council)
    url = _subscribe(client, make_forum(koping, "bra"))
    assert client.get(url).status_code == 200
    with scopes_disabled():
        membership_of(council).delete()
    assert client.get(url).status_code == 404


def test_an_unknown_address_answers_404(client, db):
    assert client.get(reverse("forums:feed", args=["x" * 43])).status_code == 404


def test_only_a_digest_of_the_secret_is_stored(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    url = _subscribe(client, make_forum(koping, "bra"))
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    with scopes_disabled():
        stored = CalendarFeed.objects.get()
    assert stored.digest == CalendarFeed.digest_of(secret) and secret not in stored.digest


# --- The renderer itself (pure) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Rum 3, Stadshuset", "Rum 3\\, Stadshuset"),
        ("a;b", "a\\;b"),
        ("rad 1\nrad 2", "rad 1\\nrad 2"),
        ("C:\\mapp", "C:\\\\mapp"),
    ],
)
def test_text_values_are_escaped(text, escaped):
    assert escape(text) == escaped


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "Trygghetsvandring på Ängsgärdet och Öster " * 4
    folded = fold(line).split("\r\n")
    assert all(len(part.encode()) <= 75 for part in folded)
    assert "".join(p[1:] if i else p for i, p in enumerate(folded)) == line


def test_a_public_feed_renders_and_parses_with_every_field():
    stamp = datetime(2026, 11, 1, 12, tzinfo=UTC)
    text = render_calendar(
        name="Föräldrakvällar, Köping",
        stamp=stamp,
        events=[
            Event(
                uid="lecture-1@trygg.example",
                start=datetime(2026, 10, 24, 18, tzinfo=TZ),  # the day before winter time
                end=datetime(2026, 10, 24, 20, tzinfo=TZ),
                summary="Föreläsning: unga och nätet; frågor, svar",
                location="Aulan",
                description="Rad ett\nRad två",
                url="https://trygg.example/aktiviteter/1/",
                modified=stamp,
            )
        ],
    )
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Föreläsning: unga och nätet; frågor, svar"
    assert str(event["DESCRIPTION"]) == "Rad ett\nRad två"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime(2026, 1, 1, 2) - datetime(
        2026, 1, 1
    )
    assert event.decoded("DTSTART").astimezone(UTC).hour == 16
    assert text.endswith("END:VCALENDAR\r\n") and "\r\n" in text
