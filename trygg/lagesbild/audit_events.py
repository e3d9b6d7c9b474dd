"""The operational lägesbild's audit events: the police's input and the lägesbild documents
(the lägesbildsmöte's events are the forums' since the meetings moved there; forums 0003
renamed the old rows' lagesbild.meeting_created and the like)."""

from trygg.core.audit import EventType, register_events

POLICE = (EventType("lagesbild.police_input_saved", "Polisens lägesbild sparad"),)

# Ordering and downloading a lägesbild document (services/documents.py; the rows from
# before event names get these names in migration core 0006).
DOCUMENTS = (
    EventType("lagesbild.document_ordered", "Lägesbild beställd som dokument"),
    EventType("lagesbild.document_downloaded", "Lägesbild nedladdad"),
)

EVENTS = POLICE + DOCUMENTS


def register() -> None:
    register_events(*EVENTS)
