"""The programme register's audit events. Each kind's module registers its own."""

from trygg.core.audit import EventType, register_events

PROGRAMME_CREATED = "programmes.programme_created"
PROGRAMME_UPDATED = "programmes.programme_updated"
PARTNER_ADDED = "programmes.partner_added"
PARTNER_REMOVED = "programmes.partner_removed"
INDICATOR_ADDED = "programmes.indicator_added"
INDICATOR_REMOVED = "programmes.indicator_removed"

EVENTS = (
    EventType(PROGRAMME_CREATED, "Program registrerat"),
    EventType(PROGRAMME_UPDATED, "Program ändrat"),
    EventType(PARTNER_ADDED, "Partner tillagd i program"),
    EventType(PARTNER_REMOVED, "Partner borttagen ur program"),
    EventType(INDICATOR_ADDED, "Indikator tillagd i program"),
    EventType(INDICATOR_REMOVED, "Indikator borttagen ur program"),
)


def register() -> None:
    register_events(*EVENTS)
