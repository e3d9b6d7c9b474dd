"""Grannsamverkan's audit events (registered in ProgrammesConfig.ready)."""

from trygg.core.audit import EventType, register_events

EVENTS = (
    EventType("programmes.neighbourhood_area_saved", "Grannsamverkansområde sparat"),
    EventType("programmes.ombud_added", "Kontaktombud tillagt"),
    EventType("programmes.ombud_ended", "Kontaktombud avslutat"),
    EventType("programmes.ombud_viewed", "Kontaktombudens uppgifter visade"),
    EventType("programmes.area_message_sent", "Områdesmeddelande skickat"),
    EventType("programmes.area_message_retried", "Områdesmeddelande: nytt försök"),
)


def register() -> None:
    register_events(*EVENTS)
