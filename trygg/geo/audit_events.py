"""Geo's audit events: areas imported from GeoJSON and deleted, the basemap chosen or built."""

from trygg.core.audit import EventType, register_events

EVENTS = (
    EventType("geo.area_imported", "Områden importerade"),
    EventType("geo.area_deleted", "Område borttaget"),
    EventType("geo.basemap_changed", "Bakgrundskarta vald"),
    EventType("geo.basemap_built", "Egen bakgrundskarta sparad"),
)


def register() -> None:
    register_events(*EVENTS)
