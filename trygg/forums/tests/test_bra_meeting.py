"""The issue's journey without a browser: samordnare creates a BRÅ meeting, records § 1 of
the year, downloads the minutes and subscribes to BRÅ's feed; and old lägesbild addresses
lead to the same meetings."""

from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.helpers import make_forum, make_meeting, make_organisation
from trygg.core.models import Role
from trygg.forums.models import Decision, Meeting


def test_samordnare_runs_a_bra_meeting_from_creation_to_minutes_and_feed(client, users, koping):
    org = make_organisation(koping, "Kultur- och fritidsförvaltningen")
    bra = make_forum(koping, "bra")
    client.force_login(users[Role.SAMORDNARE])
    when = timezone.localtime() + timedelta(days=7)
    response = client.post(
        reverse("forums:meeting_create", args=[bra.pk]),
        {"held_at": when.strftime("%Y-%m-%dT%H:%M"), "place": "Stadshuset"},
    )
    with scopes_disabled():
        meeting = Meeting.objects.get(forum=bra)
    assert response["Location"] == reverse("forums:meeting_detail", args=[meeting.pk])
    url = response["Location"]
    page = client.get(url).content.decode()
    assert "Lägesbild" not in page.split("<h2>")[1]  # no operational picture for BRÅ
    client.post(
        url, {"form": "decision", "what": "Trygghetsvandring i centrum", "responsible": org.pk}
    )
    client.post(url, {"form": "decision", "what": "Föräldravandring"})
    with scopes_disabled():
        numbers = list(Decision.objects.values_list("number", "year"))
    assert numbers == [(1, when.year), (2, when.year)]
    page = client.get(url).content.decode()
    assert f"§ 1/{when.year}" in page and f"§ 2/{when.year}" in page
    pdf = client.get(reverse("forums:minutes_document", args=[meeting.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="minnesanteckningar-koping-bra-{when:%Y%m%d}.pdf"'
    )
    docx = client.get(reverse("forums:minutes_document", args=[meeting.pk, "docx"]))
    assert docx.content[:2] == b"PK"
    subscribed = client.post(reverse("forums:calendar", args=[bra.pk]), {"action": "create"})
    feed_url = subscribed.context["secret_url"]
    client.logout()
    calendar = icalendar.Calendar.from_ical(client.get(feed_url).content)
    assert [str(e["LOCATION"]) for e in calendar.walk("VEVENT")] == ["Stadshuset"]


def test_a_decision_recorded_afterwards_at_an_earlier_meeting_takes_its_place(users, koping):
    from tests.helpers import viewer_for
    from trygg.forums import services

    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    year = timezone.localdate().year
    tz = timezone.get_current_timezone()
    early = make_meeting(koping, timezone.datetime(year, 2, 1, 9, tzinfo=tz), "bra")
    late = make_meeting(koping, timezone.datetime(year, 3, 1, 9, tzinfo=tz), "bra")
    other = make_meeting(koping, timezone.datetime(year, 1, 1, 9, tzinfo=tz), "est")
    from django_scopes import scope

    with scope(municipality=koping):
        first = services.decision_add(viewer=viewer, meeting=late, what="A")
        second = services.decision_add(viewer=viewer, meeting=early, what="B")
        est = services.decision_add(viewer=viewer, meeting=other, what="C")
        first.refresh_from_db()
    assert (second.number, first.number, est.number) == (1, 2, 1)


@pytest.mark.parametrize(
    ("old", "new", "method", "status"),
    [
        ("lagesbild:meeting_detail", "forums:meeting_detail", "get", 301),
        ("lagesbild:decision_follow_up", "forums:decision_follow_up", "post", 308),
        ("lagesbild:action_done", "forums:action_done", "post", 308),
    ],
)
def test_old_lagesbild_addresses_lead_to_the_same_objects(
    client, users, koping, old, new, method, status
):
    meeting = make_meeting(koping, timezone.now())
    client.force_login(users[Role.SAMORDNARE])
    response = getattr(client, method)(reverse(old, args=[meeting.pk]))
    assert (response.status_code, response["Location"]) == (status, reverse(new, args=[meeting.pk]))


def test_old_meeting_list_and_minutes_redirect_to_the_lagesbildsmote(client, users, koping):
    meeting = make_meeting(koping, timezone.now())
    client.force_login(users[Role.SAMORDNARE])
    forum = make_forum(koping)
    assert client.get("/lagesbild/moten/")["Location"] == reverse("forums:detail", args=[forum.pk])
    assert client.get("/lagesbild/moten/nytt/")["Location"] == reverse(
        "forums:meeting_create", args=[forum.pk]
    )
    minutes = client.get(f"/lagesbild/moten/{meeting.pk}/minnesanteckningar.pdf")
    assert minutes.status_code == 301
    assert minutes["Location"] == f"/forum/moten/{meeting.pk}/minnesanteckningar.pdf"
    assert client.get(minutes["Location"]).content.startswith(b"%PDF")
