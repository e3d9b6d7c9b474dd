"""The county app's audit events."""

from trygg.core.audit import EventType, register_events

MAPPING_SAVED = "county.mapping_saved"
SNAPSHOT_PUBLISHED = "county.snapshot_published"
SNAPSHOT_WITHDRAWN = "county.snapshot_withdrawn"
HOTSPOTS_RUN = "county.hotspots_run"
COUNTY_RETENTION = "county.retention"

EVENTS = (
    EventType(MAPPING_SAVED, "Kategorier kopplade till länets kodlista"),
    EventType(SNAPSHOT_PUBLISHED, "Sammanställning publicerad till länet"),
    EventType(SNAPSHOT_WITHDRAWN, "Sammanställning till länet återkallad"),
    EventType(HOTSPOTS_RUN, "Länets analys av brännpunkter körd"),
    EventType(COUNTY_RETENTION, "Länets sammanställningar och analyser gallrade"),
)


def register() -> None:
    register_events(*EVENTS)
