from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, make_forum, make_organisation, make_report, viewer_for
from trygg.core.models import Role
from trygg.forums import selectors, services
from trygg.forums.models import ActionItem, AgendaItem, Decision, Meeting

TZ = ZoneInfo("Europe/Stockholm")


def _meeting(client, koping, when):
    return client.post(
        reverse("forums:meeting_create", args=[make_forum(koping).pk]),
        {"held_at": when.strftime("%Y-%m-%dT%H:%M"), "place": "Stadshuset"},
    )


def test_meeting_with_decision_and_action_item_that_returns_next_time(client, users, koping):
    org = make_organisation(koping, "Väktarbolaget")
    area = make_area(koping, "Köping centrala")
    make_report(koping)
    client.force_login(users[Role.SAMORDNARE])
    first_at = timezone.localtime() + timedelta(hours=1)
    response = _meeting(client, koping, first_at)
    assert response.status_code == 302
    with scopes_disabled():
        first = Meeting.objects.get()
        titles = list(first.agenda.values_list("title", flat=True))
    assert titles[0].startswith("Lägesbild ")
    assert "Övriga frågor" in titles
    url = reverse("forums:meeting_detail", args=[first.pk])
    until = (timezone.localdate() + timedelta(days=14)).isoformat()
    client.post(
        url,
        {
            "form": "decision",
            "what": "Förstärkt väktarrond",
            "area": area.pk,
            "time_window": "fre–lör 20–02",
            "responsible": org.pk,
            "until": until,
        },
    )
    client.post(
        url,
        {
            "form": "action",
            "title": "Byt belysning i gångtunneln",
            "owner_organisation": org.pk,
            "due": until,
        },
    )
    with scopes_disabled():
        assert Decision.objects.get().responsible == org
        action = ActionItem.objects.get()
    second = _meeting(client, koping, first_at + timedelta(days=14))
    with scopes_disabled():
        nxt = Meeting.objects.exclude(pk=first.pk).get()
        carried = AgendaItem.objects.get(meeting=nxt, action_item=action)
        follow_up = AgendaItem.objects.filter(
            meeting=nxt, title__startswith="Uppföljning av insats § 1/"
        )
    assert second.status_code == 302
    assert carried.title == "Öppen åtgärd: Byt belysning i gångtunneln"
    assert follow_up.count() == 1
    page = client.get(reverse("forums:meeting_detail", args=[nxt.pk])).content.decode()
    assert "Byt belysning i gångtunneln" in page
    client.post(reverse("forums:action_done", args=[action.pk]), {"back": url})
    with scopes_disabled():
        assert ActionItem.objects.get().status == "klar"
    listing = client.get(reverse("forums:detail", args=[first.forum_id])).content.decode()
    assert "Inga öppna åtgärder." in listing


def test_decision_needs_place_and_future_date(users, koping):
    org = make_organisation(koping, "Polisen")
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        meeting = services.meeting_create(
            viewer=viewer, forum=make_forum(koping), held_at=timezone.now()
        )
        try:
            services.decision_add(
                viewer=viewer,
                meeting=meeting,
                what="Insats",
                responsible=org,
                until=date(2000, 1, 1),
            )
        except Exception as exc:  # noqa: BLE001
            messages = exc.message_dict
    assert messages["until"] == ["Slutdatum ligger före mötet."]
    assert messages["place"] == ["Ange ett område eller en plats."]


def test_schedule_gives_next_meeting(users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        services.schedule_set(
            viewer=viewer,
            first_date=date(2026, 1, 7),
            interval_days=14,
            time_of_day=datetime.strptime("09:00", "%H:%M").time(),
        )
        # 2026-01-07 + 23 × 14 days = 2026-11-25: the day itself counts, the day after not.
        on_day = selectors.next_meeting_time(municipality=koping, after=date(2026, 11, 25))
        nxt = selectors.next_meeting_time(municipality=koping, after=date(2026, 11, 26))
    assert timezone.localtime(on_day).date() == date(2026, 11, 25)
    assert timezone.localtime(nxt).date() == date(2026, 12, 9)


def test_only_samordnare_manages_meetings(client, users, koping):
    client.force_login(users[Role.ANALYTIKER])
    forum = make_forum(koping)
    assert client.get(reverse("forums:meeting_create", args=[forum.pk])).status_code == 403
    assert client.get(reverse("forums:detail", args=[forum.pk])).status_code == 200


def test_minutes_download(client, users, koping):
    make_report(koping)
    client.force_login(users[Role.SAMORDNARE])
    _meeting(client, koping, timezone.localtime() + timedelta(hours=2))
    with scopes_disabled():
        meeting = Meeting.objects.get()
    minutes = client.get(reverse("forums:minutes_document", args=[meeting.pk, "pdf"]))
    assert minutes.content.startswith(b"%PDF")


def test_meeting_planned_weeks_ahead_gets_an_agenda_and_minutes(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    when = timezone.localtime() + timedelta(days=40)
    assert _meeting(client, koping, when).status_code == 302
    with scopes_disabled():
        meeting = Meeting.objects.get()
        first = meeting.agenda.first()
    assert "Perioden har inte börjat" in first.body
    pdf = client.get(reverse("forums:minutes_document", args=[meeting.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


# --- A meeting ahead: not held, and its period only as far as today -----------------------


@pytest.mark.parametrize(
    ("starts_in", "status", "refused"),
    [
        (timedelta(hours=2), Meeting.Status.GENOMFORT, True),
        (timedelta(days=30), Meeting.Status.GENOMFORT, True),
        (timedelta(hours=-1), Meeting.Status.GENOMFORT, False),
        (timedelta(days=30), Meeting.Status.PLANERAT, False),
    ],
)
def test_only_a_meeting_that_has_begun_can_be_marked_as_held(
    users, koping, starts_in, status, refused
):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        meeting = services.meeting_create(
            viewer=viewer, forum=make_forum(koping), held_at=timezone.now() + starts_in
        )
        update = dict(notes="", participants="", organisations=[], status=status, place="")
        if refused:
            with pytest.raises(ValidationError) as caught:
                services.meeting_update(viewer=viewer, meeting=meeting, **update)
            held = timezone.localtime(meeting.held_at)
            assert caught.value.message_dict == {
                "status": [
                    f"Mötet är planerat till {held:%Y-%m-%d %H:%M} och kan inte markeras som "
                    "genomfört förrän det har hållits."
                ]
            }
        else:
            services.meeting_update(viewer=viewer, meeting=meeting, **update)
        meeting.refresh_from_db()
    assert meeting.status == (Meeting.Status.PLANERAT if refused else status)


def test_the_meeting_page_says_why_a_future_meeting_cannot_be_marked_as_held(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    _meeting(client, koping, timezone.localtime() + timedelta(days=3))
    with scopes_disabled():
        meeting = Meeting.objects.get()
    response = client.post(
        reverse("forums:meeting_detail", args=[meeting.pk]),
        {"form": "update", "status": "genomfort", "place": "", "notes": ""},
    )
    assert response.status_code == 200
    assert "kan inte markeras som genomfört förrän det har hållits" in response.content.decode()
    with scopes_disabled():
        assert Meeting.objects.get().status == Meeting.Status.PLANERAT


@pytest.mark.parametrize(
    ("days_ahead", "shown_end", "note"),
    [
        # Period: the 14 days before the meeting. In 5 days: it has run for 10 days.
        (5, 0, "Hittills; perioden slutar"),
        # Tomorrow: the period ends today.
        (1, 0, None),
        # Ten days ago: the period ended eleven days ago.
        (-10, -11, None),
        # In 40 days: the period has not begun.
        (40, None, "Perioden har inte börjat"),
    ],
)
def test_the_period_a_meeting_shows_never_runs_past_today(
    client, users, koping, days_ahead, shown_end, note
):
    client.force_login(users[Role.SAMORDNARE])
    today = timezone.localdate()
    _meeting(client, koping, timezone.localtime() + timedelta(days=days_ahead))
    with scopes_disabled():
        meeting = Meeting.objects.get()
        title = meeting.agenda.first().title
    start = today + timedelta(days=days_ahead - 14)
    assert meeting.period_end == today + timedelta(days=days_ahead - 1)
    page = client.get(reverse("forums:meeting_detail", args=[meeting.pk])).content.decode()
    if shown_end is None:
        assert meeting.period_end_so_far is None
        assert title == f"Lägesbild {start:%Y-%m-%d}–{meeting.period_end:%Y-%m-%d}"
        assert "Lägesbild för perioden</a>" in page
    else:
        end = today + timedelta(days=shown_end)
        assert meeting.period_end_so_far == end
        assert title == f"Lägesbild {start:%Y-%m-%d}–{end:%Y-%m-%d}"
        assert f"{title}</a>" in page
    assert (note in page) if note else ("Hittills" not in page and "har inte börjat" not in page)
