"""The night-walk audit events (programmes.nightwalk_*)."""

from trygg.core.audit import EventType, register_events

GROUP_CREATED = "programmes.nightwalk_group_created"
LINK_REVOKED = "programmes.nightwalk_link_revoked"
LINK_RENEWED = "programmes.nightwalk_link_renewed"
EVENING_PLANNED = "programmes.nightwalk_evening_planned"
SIGNUP_ADDED = "programmes.nightwalk_signup_added"
LOG_RECEIVED = "programmes.nightwalk_log_received"
OBSERVATION_TO_REPORT = "programmes.nightwalk_observation_to_report"
SIGNUPS_PRUNED = "programmes.nightwalk_signups_pruned"

EVENTS = (
    EventType(GROUP_CREATED, "Nattvandringsgrupp registrerad"),
    EventType(LINK_REVOKED, "Nattvandringslänk återkallad"),
    EventType(LINK_RENEWED, "Ny nattvandringslänk"),
    EventType(EVENING_PLANNED, "Nattvandringskväll planerad"),
    EventType(SIGNUP_ADDED, "Anmälan till nattvandring"),
    EventType(LOG_RECEIVED, "Nattvandring loggad"),
    EventType(OBSERVATION_TO_REPORT, "Nattvandringsobservation blev rapport"),
    EventType(SIGNUPS_PRUNED, "Namn i nattvandringsanmälningar gallrade"),
)


def register() -> None:
    register_events(*EVENTS)
