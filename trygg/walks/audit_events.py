"""The walks app's audit events."""

from trygg.core.audit import EventType, register_events

TEMPLATE_SAVED = "walks.template_saved"
WALK_PLANNED = "walks.walk_planned"
WALK_UPDATED = "walks.walk_updated"
JOIN_LINK_REVOKED = "walks.join_link_revoked"
JOIN_LINK_RENEWED = "walks.join_link_renewed"
OBSERVATION_RECEIVED = "walks.observation_received"
OBSERVATION_REVIEWED = "walks.observation_reviewed"
WALK_CLOSED = "walks.walk_closed"
FINDING_CREATED = "walks.finding_created"
FINDING_UPDATED = "walks.finding_updated"
FINDING_TO_MEASURE = "walks.finding_to_measure"
FINDING_TO_REPORT = "walks.finding_to_report"
OWNER_ASKED = "walks.owner_asked"
OWNER_ANSWERED = "walks.owner_answered"
PROTOCOL_PUBLISHED = "walks.protocol_published"
REWALK_PLANNED = "walks.rewalk_planned"

EVENTS = (
    EventType(TEMPLATE_SAVED, "Checklista för trygghetsvandring sparad"),
    EventType(WALK_PLANNED, "Trygghetsvandring planerad"),
    EventType(WALK_UPDATED, "Trygghetsvandring ändrad"),
    EventType(JOIN_LINK_REVOKED, "Deltagarlänk återkallad"),
    EventType(JOIN_LINK_RENEWED, "Ny deltagarlänk"),
    EventType(OBSERVATION_RECEIVED, "Observation mottagen"),
    EventType(OBSERVATION_REVIEWED, "Observation granskad"),
    EventType(WALK_CLOSED, "Trygghetsvandring avslutad"),
    EventType(FINDING_CREATED, "Brist registrerad"),
    EventType(FINDING_UPDATED, "Brist ändrad"),
    EventType(FINDING_TO_MEASURE, "Brist blev åtgärd i åtgärdsplanen"),
    EventType(FINDING_TO_REPORT, "Brist blev rapport"),
    EventType(OWNER_ASKED, "Ansvarig tillfrågad"),
    EventType(OWNER_ANSWERED, "Ansvarig har svarat"),
    EventType(PROTOCOL_PUBLISHED, "Protokoll publicerat"),
    EventType(REWALK_PLANNED, "Ny vandring planerad"),
)


def register() -> None:
    register_events(*EVENTS)
