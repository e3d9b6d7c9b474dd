"""Audit events of youth activities and parent support."""

from trygg.core.audit import EventType, register_events

ACTIVITY_CREATED = "programmes.activity_created"
ACTIVITY_UPDATED = "programmes.activity_updated"
SESSION_RECORDED = "programmes.session_recorded"
PARENT_OFFER_CREATED = "programmes.parent_offer_created"
PARENT_EVENT_CREATED = "programmes.parent_event_created"
PARENT_EVENT_UPDATED = "programmes.parent_event_updated"

EVENTS = (
    EventType(ACTIVITY_CREATED, "Aktivitet för unga tillagd"),
    EventType(ACTIVITY_UPDATED, "Aktivitet för unga ändrad"),
    EventType(SESSION_RECORDED, "Aktivitetstillfälle registrerat"),
    EventType(PARENT_OFFER_CREATED, "Föräldrastöd tillagt"),
    EventType(PARENT_EVENT_CREATED, "Träff för föräldrar tillagd"),
    EventType(PARENT_EVENT_UPDATED, "Träff för föräldrar ändrad"),
)


def register() -> None:
    register_events(*EVENTS)
