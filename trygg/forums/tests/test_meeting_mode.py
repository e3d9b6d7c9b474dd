"""Meeting mode: the meeting on the projector, one agenda item per address, with the
period's figures and hot-spot map under the lägesbild's items and the decision form in place.
A decision made there is the same § as on the meeting page: audited and in the minutes."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.helpers import make_area, make_forum, make_organisation, make_report
from trygg.core.models import AuditEvent, Role
from trygg.forums.models import AgendaItem, Decision, ForumMembership, ForumRole, Meeting
from trygg.lagesbild.tests.test_document_docx import open_docx


@pytest.fixture
def meeting(client, users, koping):
    """A lägesbildsmöte tomorrow whose period holds five reports, with its generated agenda."""
    for days in (2, 3, 4, 5, 6):
        make_report(koping, when=timezone.now() - timedelta(days=days))
    client.force_login(users[Role.SAMORDNARE])
    held = timezone.localtime() + timedelta(days=1)
    client.post(
        reverse("forums:meeting_create", args=[make_forum(koping).pk]),
        {"held_at": held.strftime("%Y-%m-%dT%H:%M"), "place": "Stadshuset"},
    )
    client.logout()
    with scopes_disabled():
        return Meeting.objects.get()


def _agenda(meeting):
    with scopes_disabled():
        return list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))


def _step(number, meeting):
    return reverse("forums:meeting_mode_item", args=[meeting.pk, number])


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMINISTRATOR, 403),
        (Role.SAMORDNARE, 200),
        (Role.ANALYTIKER, 403),
        (Role.RAPPORTOR, 403),
        (Role.POLIS, 403),
        (Role.RADSLEDAMOT, 403),
    ],
)
def test_only_a_role_that_runs_the_meeting_opens_meeting_mode(client, users, meeting, role, status):
    client.force_login(users[role])
    assert client.get(_step(1, meeting)).status_code == status


@pytest.mark.parametrize(
    ("seat", "status"),
    [(ForumRole.CHAIR, 200), (ForumRole.SECRETARY, 200), (ForumRole.MEMBER, 403)],
)
def test_a_seat_that_runs_the_forums_meetings_opens_meeting_mode(
    client, users, koping, meeting, seat, status
):
    with scopes_disabled():
        ForumMembership.objects.create(
            municipality=koping, forum=meeting.forum, user=users[Role.POLIS], role=seat
        )
    client.force_login(users[Role.POLIS])
    assert client.get(_step(1, meeting)).status_code == status


def test_meeting_mode_starts_at_the_first_item_and_steps_to_the_last(client, users, meeting):
    agenda = _agenda(meeting)
    client.force_login(users[Role.SAMORDNARE])
    first = client.get(reverse("forums:meeting_mode", args=[meeting.pk])).content.decode()
    last = client.get(_step(len(agenda), meeting)).content.decode()
    assert f"Punkt 1 av {len(agenda)}" in first
    assert f'<link rel="next" href="{_step(2, meeting)}">' in first
    assert 'rel="prev"' not in first
    assert f"Punkt {len(agenda)} av {len(agenda)}" in last
    assert f'<link rel="prev" href="{_step(len(agenda) - 1, meeting)}">' in last
    assert 'rel="next"' not in last
    assert client.get(_step(len(agenda) + 1, meeting)).status_code == 404
    assert client.get(_step(0, meeting)).status_code == 404


def test_the_lagesbild_item_shows_the_periods_figures_and_its_hot_spot_map(client, users, meeting):
    first = _agenda(meeting)[0]
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(_step(1, meeting)).content.decode()
    assert first.title.startswith("Lägesbild ")
    figures = re.findall(
        r"<dt>([^<]+)</dt>\s*<dd class=\"meeting-mode__figure\">(?:<a[^>]*>)?(\d+)", page
    )
    assert figures[0] == ("Rapporter", "5")
    assert figures[-1][0] == "Hot spots"
    assert len(re.findall(r"<svg [^>]*class=\"hotspot-map\"", page)) == 1


def test_an_item_added_by_hand_has_no_material_but_its_text(client, users, meeting):
    agenda = _agenda(meeting)
    number = next(i for i, a in enumerate(agenda, 1) if a.title == "Övriga frågor")
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(_step(number, meeting)).content.decode()
    assert "Övriga frågor</h1>" in page
    assert "meeting-mode__material" not in page
    assert "hotspot-map" not in page


def test_a_decision_in_meeting_mode_is_the_meetings_audited_paragraph_in_the_minutes(
    client, users, koping, meeting
):
    org = make_organisation(koping, "Väktarbolaget")
    area = make_area(koping, "Köping centrala")
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(
        _step(2, meeting),
        {
            "form": "decision",
            "what": "Förstärkt väktarrond vid torget",
            "area": area.pk,
            "time_window": "fre–lör 20–02",
            "responsible": org.pk,
            "until": (timezone.localdate() + timedelta(days=14)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _step(2, meeting)
    with scopes_disabled():
        decision = Decision.objects.get()
        audited = AuditEvent.objects.filter(event="forums.decision_added").count()
    assert (decision.meeting_id, decision.what, decision.number) == (
        meeting.pk,
        "Förstärkt väktarrond vid torget",
        1,
    )
    assert audited == 1
    page = client.get(_step(2, meeting)).content.decode()
    assert "Beslutet är sparat." in page
    assert f"<strong>{decision.paragraph}</strong> Förstärkt väktarrond vid torget" in page
    minutes = client.get(reverse("forums:minutes_document", args=[meeting.pk, "docx"]))
    texts = [c.text for t in open_docx(minutes.content).tables for r in t.rows for c in r.cells]
    assert "Förstärkt väktarrond vid torget" in texts


def test_an_incomplete_decision_stays_on_the_item_with_swedish_errors(
    client, users, koping, meeting
):
    client.force_login(users[Role.SAMORDNARE])
    org = make_organisation(koping, "Väktarbolaget")
    until = (timezone.localdate() + timedelta(days=14)).isoformat()
    response = client.post(
        _step(1, meeting),
        {"form": "decision", "what": "Insats", "responsible": org.pk, "until": until},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ange ett område eller en plats." in page
    assert "Punkt 1 av" in page
    with scopes_disabled():
        assert not Decision.objects.exists()


def test_an_unknown_form_in_meeting_mode_is_not_found(client, users, meeting):
    client.force_login(users[Role.SAMORDNARE])
    assert client.post(_step(1, meeting), {"form": "update"}).status_code == 404
