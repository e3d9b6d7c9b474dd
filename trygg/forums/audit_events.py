"""The forums' audit events: forums and seats, meetings, § decisions, actions and feeds."""

from trygg.core.audit import EventType, register_events

FORUM_CREATED = "forums.forum_created"
FORUM_UPDATED = "forums.forum_updated"
MEMBER_ADDED = "forums.member_added"
MEMBER_ENDED = "forums.member_ended"
MEMBER_ANONYMISED = "forums.member_anonymised"
SCHEDULE_SET = "forums.schedule_set"
MEETING_CREATED = "forums.meeting_created"
MEETING_UPDATED = "forums.meeting_updated"
AGENDA_ITEM_ADDED = "forums.agenda_item_added"
DECISION_ADDED = "forums.decision_added"
DECISION_FOLLOWED_UP = "forums.decision_followed_up"
ACTION_ADDED = "forums.action_item_added"
ACTION_DONE = "forums.action_item_completed"
FEED_CREATED = "forums.feed_created"
FEED_REVOKED = "forums.feed_revoked"

EVENTS = (
    EventType(FORUM_CREATED, "Forum skapat"),
    EventType(FORUM_UPDATED, "Forum ändrat"),
    EventType(MEMBER_ADDED, "Ledamot tillagd i forum"),
    EventType(MEMBER_ENDED, "Ledamots uppdrag avslutat"),
    EventType(MEMBER_ANONYMISED, "Extern ledamots namn gallrat"),
    EventType(SCHEDULE_SET, "Mötesschema ändrat"),
    EventType(MEETING_CREATED, "Möte skapat"),
    EventType(MEETING_UPDATED, "Möte ändrat"),
    EventType(AGENDA_ITEM_ADDED, "Punkt tillagd på dagordningen"),
    EventType(DECISION_ADDED, "Beslut fattat"),
    EventType(DECISION_FOLLOWED_UP, "Beslut följt upp"),
    EventType(ACTION_ADDED, "Åtgärd tillagd"),
    EventType(ACTION_DONE, "Åtgärd klar"),
    EventType(FEED_CREATED, "Kalenderlänk skapad"),
    EventType(FEED_REVOKED, "Kalenderlänk spärrad"),
)


def register() -> None:
    register_events(*EVENTS)
