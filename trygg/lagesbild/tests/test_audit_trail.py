"""The police's input in the audit log: one typed event with the ids and codes it concerns
beside the Swedish summary (the lägesbildsmöte's events are in forums/tests)."""

from datetime import date

from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.lagesbild import services
from trygg.lagesbild.models import PoliceInputItem


def test_the_police_input_records_its_event_and_the_ids_it_concerns(users, koping):
    area = make_area(koping, "Köping centrala")
    with scope(municipality=koping):
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
    assert trail == [
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
