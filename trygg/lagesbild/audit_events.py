"""The operational lägesbild's audit events: the meeting schedule, meetings, decisions
(insatser), action items, the police's input and the lägesbild documents."""

from trygg.core.audit import EventType, register_events

MEETINGS = (
    EventType("lagesbild.schedule_set", "Mötesschema ändrat"),
    EventType("lagesbild.meeting_created", "Möte skapat"),
    EventType("lagesbild.meeting_updated", "Möte ändrat"),
    EventType("lagesbild.decision_added", "Insats beslutad"),
    EventType("lagesbild.decision_followed_up", "Insats följd upp"),
    EventType("lagesbild.action_item_added", "Åtgärd tillagd"),
    EventType("lagesbild.action_item_completed", "Åtgärd klar"),
)

POLICE = (EventType("lagesbild.police_input_saved", "Polisens lägesbild sparad"),)

# Ordering and downloading a lägesbild document (services/documents.py; the rows from
# before event names get these names in migration core 0006).
DOCUMENTS = (
    EventType("lagesbild.document_ordered", "Lägesbild beställd som dokument"),
    EventType("lagesbild.document_downloaded", "Lägesbild nedladdad"),
)

EVENTS = MEETINGS + POLICE + DOCUMENTS


def register() -> None:
    register_events(*EVENTS)
