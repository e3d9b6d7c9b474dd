"""One iCalendar (RFC 5545) renderer for every feed: a forum's meetings at a person's secret
address today, public event feeds (parent-support lectures, youth activities) later. Pure
Python, no Django: events in, the text of a VCALENDAR out.

Times are written as local Stockholm time with TZID and a VTIMEZONE, so a meeting at 09:00
stays at 09:00 in every calendar across the change to and from summer time."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

TZID = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(TZID)
PRODID = "-//Trygg//Trygg kalender//SV"

# The EU rule Sweden follows since 1996: summer time from the last Sunday of March at 02:00
# to the last Sunday of October at 03:00 local time.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class Event:
    uid: str  # stable across renders: "<kind>-<pk>@<host>"
    start: datetime  # aware
    summary: str
    end: datetime | None = None  # aware; None: `start` + DEFAULT_LENGTH
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False
    modified: datetime | None = None  # aware; LAST-MODIFIED and the SEQUENCE clients compare


DEFAULT_LENGTH = timedelta(hours=2)


def escape(text: str) -> str:
    """TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Folds a content line at 75 octets (3.1) without splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def _local(dt: datetime) -> str:
    if dt.tzinfo is None:
        raise ValueError("Kalendertider måste ha tidszon")
    return dt.astimezone(STOCKHOLM).strftime("%Y%m%dT%H%M%S")


def _utc(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def render_calendar(*, name: str, events: list[Event], stamp: datetime) -> str:
    """A VCALENDAR with the events. `stamp` is DTSTAMP for every event: pass the newest
    change, not now, so an unchanged feed gives the same bytes on every request."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        end = event.end or event.start + DEFAULT_LENGTH
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape(event.uid)}",
            f"DTSTAMP:{_utc(stamp)}",
            f"DTSTART;TZID={TZID}:{_local(event.start)}",
            f"DTEND;TZID={TZID}:{_local(end)}",
            f"SUMMARY:{escape(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        if event.modified is not None:
            lines.append(f"LAST-MODIFIED:{_utc(event.modified)}")
            # Clients replace an event only when SEQUENCE grows: seconds since 2020 do.
            lines.append(f"SEQUENCE:{max(0, int(event.modified.timestamp()) - 1577836800)}")
        lines.append("STATUS:CANCELLED" if event.cancelled else "STATUS:CONFIRMED")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
