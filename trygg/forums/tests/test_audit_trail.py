"""A meeting's life in the audit log: one typed event per write, with the ids and codes it
concerns beside the Swedish summary, and nothing from another municipality."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, make_forum, make_organisation, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.forums import services


def test_each_meeting_write_records_its_event_and_the_ids_it_concerns(users, koping):
    org = make_organisation(koping, "Väktarbolaget")
    area = make_area(koping, "Köping centrala")
    forum = make_forum(koping)
    samordnare = viewer_for(users[Role.SAMORDNARE], koping)
    until = timezone.localdate() + timedelta(days=14)
    with scope(municipality=koping):
        meeting = services.meeting_create(viewer=samordnare, forum=forum, held_at=timezone.now())
        decision = services.decision_add(
            viewer=samordnare,
            meeting=meeting,
            what="Väktare",
            responsible=org,
            until=until,
            area=area,
        )
        services.decision_follow_up(
            viewer=samordnare, decision=decision, status="genomford", follow_up="Gjort"
        )
        item = services.action_item_add(
            viewer=samordnare, meeting=meeting, title="Belysning", owner_organisation=org, due=until
        )
        services.action_item_complete(viewer=samordnare, item=item)
    with scopes_disabled():
        trail = [
            (e.event, e.object_type, e.object_id, e.data)
            for e in AuditEvent.objects.filter(municipality=koping).order_by("at")
        ]
    start, end = meeting.period_start.isoformat(), meeting.period_end.isoformat()
    year = timezone.localtime(meeting.held_at).year
    assert trail == [
        (
            "forums.meeting_created",
            "forums.meeting",
            str(meeting.pk),
            {"forum": forum.pk, "kind": "lagesbild", "period_start": start, "period_end": end},
        ),
        (
            "forums.decision_added",
            "forums.decision",
            str(decision.pk),
            {
                "meeting": meeting.pk,
                "number": 1,
                "year": year,
                "responsible": org.pk,
                "area": area.pk,
                "until": until.isoformat(),
            },
        ),
        (
            "forums.decision_followed_up",
            "forums.decision",
            str(decision.pk),
            {"meeting": meeting.pk, "status": "genomford"},
        ),
        (
            "forums.action_item_added",
            "forums.actionitem",
            str(item.pk),
            {"meeting": meeting.pk, "owner_organisation": org.pk, "due": until.isoformat()},
        ),
        (
            "forums.action_item_completed",
            "forums.actionitem",
            str(item.pk),
            {"meeting": meeting.pk},
        ),
    ]


def test_a_decision_for_another_municipalitys_organisation_is_refused_and_not_audited(
    users, koping, arboga
):
    theirs = make_organisation(arboga, "Arboga väktare")
    samordnare = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        meeting = services.meeting_create(
            viewer=samordnare, forum=make_forum(koping), held_at=timezone.now()
        )
        with pytest.raises(ValidationError) as refused:
            services.decision_add(
                viewer=samordnare,
                meeting=meeting,
                what="Väktare",
                responsible=theirs,
                until=timezone.localdate() + timedelta(days=7),
                place="Torget",
            )
    assert refused.value.messages == ["Uppgiften hör inte till kommunen."]
    with scopes_disabled():
        assert not AuditEvent.objects.filter(event="forums.decision_added").exists()
