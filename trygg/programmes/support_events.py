"""The support programmes' audit events (programmes.support_*, programmes.cooperation_*)."""

from trygg.core.audit import EventType, register_events

AGREEMENT_CREATED = "programmes.support_agreement_created"
INDICATOR_ADDED = "programmes.support_indicator_added"
REPORT_UPLOADED = "programmes.support_report_uploaded"
REPORT_READ = "programmes.support_report_read"
REPORT_REVIEWED = "programmes.support_report_reviewed"
REPORTS_PRUNED = "programmes.support_reports_pruned"
QUARTER_RECORDED = "programmes.cooperation_quarter_recorded"
ROUTINE_ADDED = "programmes.cooperation_routine_added"
ROUTINE_REVIEWED = "programmes.cooperation_routine_reviewed"
FORUM_LINKED = "programmes.cooperation_forum_linked"

EVENTS = (
    EventType(AGREEMENT_CREATED, "Stödöverenskommelse registrerad"),
    EventType(INDICATOR_ADDED, "Överenskommen aktivitet tillagd"),
    EventType(REPORT_UPLOADED, "Årsrapport uppladdad"),
    EventType(REPORT_READ, "Årsrapport öppnad"),
    EventType(REPORT_REVIEWED, "Årsrapport granskad"),
    EventType(REPORTS_PRUNED, "Årsrapportfiler gallrade"),
    EventType(QUARTER_RECORDED, "Kvartalssiffror för samverkan registrerade"),
    EventType(ROUTINE_ADDED, "Samverkansrutin registrerad"),
    EventType(ROUTINE_REVIEWED, "Samverkansrutin översedd"),
    EventType(FORUM_LINKED, "Forum kopplat till samverkan"),
)


def register() -> None:
    register_events(*EVENTS)
