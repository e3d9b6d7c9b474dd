"""Geo's audit events: areas imported from GeoJSON and deleted."""

from trygg.core.audit import EventType, register_events

EVENTS = (
    EventType("geo.area_imported", "Områden importerade"),
    EventType("geo.area_deleted", "Område borttaget"),
)


def register() -> None:
    register_events(*EVENTS)
