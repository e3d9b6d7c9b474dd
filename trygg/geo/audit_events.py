"""Geo's audit events: areas imported and deleted, the basemap, the address register and
place names."""

from trygg.core.audit import EventType, register_events

EVENTS = (
    EventType("geo.area_imported", "Områden importerade"),
    EventType("geo.area_deleted", "Område borttaget"),
    EventType("geo.basemap_changed", "Bakgrundskarta vald"),
    EventType("geo.basemap_built", "Egen bakgrundskarta sparad"),
    EventType("geo.addresses_uploaded", "Adressfil uppladdad"),
    EventType("geo.addresses_imported", "Adressregistret ersatt"),
    EventType("geo.place_names_imported", "Platsnamn importerade"),
)


def register() -> None:
    register_events(*EVENTS)
