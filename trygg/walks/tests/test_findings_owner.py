"""The owner's answer (issue 18, item 4): asked by e-mail with a secret link, answered
without an account (one answer, editable until the deadline, audited, the leader told), a
reminder the day after a missed deadline; the återmöte gets the findings on its agenda."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.helpers import viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.forums.models import Forum
from trygg.walks.models import Finding
from trygg.walks.services import findings as services
from trygg.walks.services.followup import follow_up_meeting_create
from trygg.walks.tasks import send_owner_reminders

from .followup_data import TZ, add_observation, make_walk, today

OWNER = "region.mitt@trafikverket.example"


@pytest.fixture
def finding(koping, users):
    leader = users[Role.SAMORDNARE]
    walk = make_walk(koping, leader)
    shown = add_observation(walk, "belysning", 0, "Mörk gångtunnel", photos=(True, False))
    with scope(municipality=koping):
        return services.finding_create(
            viewer=viewer_for(leader, koping),
            walk=walk,
            data=services.FindingInput(
                title="Mörk gångtunnel",
                proposal="Byt armaturerna.",
                deadline=today() + timedelta(days=14),
                observations=[shown],
                owner_name="Trafikverket",
                owner_email=OWNER,
            ),
        )


def test_the_owner_is_mailed_a_link_to_answer(finding, koping, users, mailoutbox):
    with scope(municipality=koping):
        services.owner_ask(viewer=viewer_for(users[Role.SAMORDNARE], koping), finding=finding)
    (mail,) = mailoutbox
    assert mail.to == [OWNER]
    assert f"/vandringar/svar/{finding.owner_token}/" in mail.body
    assert mail.subject == "Trygghetsvandring: en brist att svara på – Mörk gångtunnel"
    row = AuditEvent.objects.get(event="walks.owner_asked")
    assert OWNER not in str(row.data) + row.summary


def test_the_answer_page_shows_the_finding_and_only_approved_photos(finding, client):
    response = client.get(reverse("walks:owner_answer", args=[finding.owner_token]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Byt armaturerna." in page
    with scopes_disabled():
        approved, unapproved = finding.observations.get().photos.order_by("pk")
    assert reverse("walks:owner_photo", args=[finding.owner_token, approved.pk]) in page
    assert f"/foto/{unapproved.pk}/" not in page
    photo_url = reverse("walks:owner_photo", args=[finding.owner_token, unapproved.pk])
    assert client.get(photo_url).status_code == 404


@pytest.mark.parametrize(
    ("token", "days_after_deadline", "status"),
    [
        ("fel-token", -1, 404),
        ("right", -1, 200),
        ("right", 30, 200),
        ("right", 31, 404),
    ],
)
def test_a_wrong_or_expired_link_answers_404(finding, client, token, days_after_deadline, status):
    with scopes_disabled():
        Finding.objects.filter(pk=finding.pk).update(
            deadline=today() - timedelta(days=days_after_deadline)
        )
    token = finding.owner_token if token == "right" else token
    assert client.get(reverse("walks:owner_answer", args=[token])).status_code == status


def test_the_answer_is_stored_audited_and_the_leader_told(
    finding, client, mailoutbox, koping, django_capture_on_commit_callbacks
):
    url = reverse("walks:owner_answer", args=[finding.owner_token])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"text": "Vi byter armaturerna i mars."})
    assert response.status_code == 302
    with scopes_disabled():
        finding.refresh_from_db()
    assert finding.owner_answer == "Vi byter armaturerna i mars."
    (mail,) = mailoutbox
    assert mail.to == [finding.walk.leader.email]
    assert "Vi byter armaturerna i mars." in mail.body
    row = AuditEvent.objects.get(event="walks.owner_answered")
    assert (row.actor_id, row.municipality_id, row.data["first"]) == (None, koping.pk, True)
    client.post(url, {"text": "Vi byter dem i februari."})
    with scopes_disabled():
        finding.refresh_from_db()
    assert finding.owner_answer == "Vi byter dem i februari."


def test_an_answer_cannot_be_changed_after_the_deadline(finding, koping):
    with scope(municipality=koping):
        services.owner_answer(finding=finding, text="Vi åtgärdar det.")
        late = datetime.combine(
            finding.deadline + timedelta(days=1), datetime.min.time(), tzinfo=TZ
        )
        with pytest.raises(ValidationError, match="Sista dag för att ändra svaret har passerat"):
            services.owner_answer(finding=finding, text="Ändrat", now=late + timedelta(hours=12))


def test_an_empty_answer_is_refused(finding, client):
    url = reverse("walks:owner_answer", args=[finding.owner_token])
    response = client.post(url, {"text": "  "})
    assert response.status_code == 200
    assert "Skriv vad ni kommer att göra." in response.content.decode()


@pytest.mark.parametrize(
    ("asked", "answered", "days_past", "mails"),
    [
        (True, False, 1, 2),  # the owner and the leader
        (True, True, 1, 0),
        (False, False, 1, 0),
        (True, False, 2, 0),  # reminded once, the day after
        (True, False, 0, 0),
    ],
)
def test_owners_are_reminded_the_day_after_a_missed_deadline(
    finding, mailoutbox, asked, answered, days_past, mails
):
    with scopes_disabled():
        Finding.objects.filter(pk=finding.pk).update(
            deadline=today() - timedelta(days=days_past),
            owner_asked_at=finding.created_at if asked else None,
            owner_answered_at=finding.created_at if answered else None,
        )
    assert send_owner_reminders.call() == (1 if mails else 0)
    assert len(mailoutbox) == mails
    if mails:
        assert mailoutbox[0].to == [OWNER]
        assert finding.owner_token in mailoutbox[0].body


def test_the_follow_up_meeting_is_an_est_meeting_with_the_findings_on_its_agenda(
    finding, koping, users
):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    held = datetime.combine(today() + timedelta(days=21), datetime.min.time(), tzinfo=TZ)
    with scope(municipality=koping):
        meeting = follow_up_meeting_create(viewer=viewer, walk=finding.walk, held_at=held)
        finding.walk.refresh_from_db()
        assert finding.walk.follow_up_meeting_id == meeting.pk
        assert meeting.forum.kind == Forum.Kind.EST
        titles = list(meeting.agenda.filter(kind="manuell").values_list("title", flat=True))
        day = f"{finding.walk.walk_on:%Y-%m-%d}"
        assert titles[-2:] == [
            f"Återmöte: trygghetsvandringen Kvällsvandring i centrum ({day})",
            "Brist: Mörk gångtunnel",
        ]
        body = meeting.agenda.get(title="Brist: Mörk gångtunnel").body
        assert "Ansvarig: Trafikverket." in body
        with pytest.raises(ValidationError, match="redan ett återmöte"):
            follow_up_meeting_create(viewer=viewer, walk=finding.walk, held_at=held)
