"""A lägesbild meeting's life in the audit log: one typed event per write, with the ids and
codes it concerns beside the Swedish summary, and nothing from another municipality."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, make_organisation, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.lagesbild import services
from trygg.lagesbild.models import PoliceInputItem


def test_each_meeting_write_records_its_event_and_the_ids_it_concerns(users, koping):
    org = make_organisation(koping, "Väktarbolaget")
    area = make_area(koping, "Köping centrala")
    samordnare = viewer_for(users[Role.SAMORDNARE], koping)
    until = timezone.localdate() + timedelta(days=14)
    with scope(municipality=koping):
        meeting = services.meeting_create(viewer=samordnare, held_at=timezone.now())
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
        police = services.police_input_save(
            viewer=viewer_for(users[Role.POLIS], koping),
            period_start=date(2026, 11, 1),
            period_end=date(2026, 11, 14),
            summary="Lugnt",
            sensitivity="intern",
            items=[{"theme": PoliceInputItem.Theme.values[0], "text": "Ungdomar", "area": area}],
        )
    with scopes_disabled():
        trail = [
            (e.event, e.object_type, e.object_id, e.data)
            for e in AuditEvent.objects.filter(municipality=koping).order_by("at")
        ]
    start, end = meeting.period_start.isoformat(), meeting.period_end.isoformat()
    assert trail == [
        (
            "lagesbild.meeting_created",
            "lagesbild.meeting",
            str(meeting.pk),
            {"forum": "lagesbild", "period_start": start, "period_end": end},
        ),
        (
            "lagesbild.decision_added",
            "lagesbild.decision",
            str(decision.pk),
            {
                "meeting": meeting.pk,
                "responsible": org.pk,
                "area": area.pk,
                "until": until.isoformat(),
            },
        ),
        (
            "lagesbild.decision_followed_up",
            "lagesbild.decision",
            str(decision.pk),
            {"meeting": meeting.pk, "status": "genomford"},
        ),
        (
            "lagesbild.action_item_added",
            "lagesbild.actionitem",
            str(item.pk),
            {"meeting": meeting.pk, "owner_organisation": org.pk, "due": until.isoformat()},
        ),
        (
            "lagesbild.action_item_completed",
            "lagesbild.actionitem",
            str(item.pk),
            {"meeting": meeting.pk},
        ),
        (
            "lagesbild.police_input_saved",
            "lagesbild.policeinput",
            str(police.pk),
            {
                "period_start": "2026-11-01",
                "period_end": "2026-11-14",
                "sensitivity": "intern",
                "items": 1,
            },
        ),
    ]


def test_a_decision_for_another_municipalitys_organisation_is_refused_and_not_audited(
    users, koping, arboga
):
    theirs = make_organisation(arboga, "Arboga väktare")
    samordnare = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        meeting = services.meeting_create(viewer=samordnare, held_at=timezone.now())
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
        assert not AuditEvent.objects.filter(event="lagesbild.decision_added").exists()
