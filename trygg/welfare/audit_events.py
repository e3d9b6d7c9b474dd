"""The welfare app's audit events. Reads of a case are events too: the register is
restricted, so the audit log shows who opened or exported which case reference."""

from trygg.core.audit import EventType, register_events

ANALYSIS_CREATED = "welfare.analysis_created"
ANALYSIS_REVIEWED = "welfare.analysis_reviewed"
RISK_ADDED = "welfare.risk_added"
RISK_STATUS_CHANGED = "welfare.risk_status_changed"
CONTROL_CREATED = "welfare.control_created"
CONTROL_RUN = "welfare.control_run"
CASE_CREATED = "welfare.case_created"
CASE_UPDATED = "welfare.case_updated"
CASE_READ = "welfare.case_read"
CASES_EXPORTED = "welfare.cases_exported"
CASES_PURGED = "welfare.cases_purged"

EVENTS = (
    EventType(ANALYSIS_CREATED, "Brottsförebyggande analys av regelverk registrerad"),
    EventType(ANALYSIS_REVIEWED, "Analys av regelverk granskad"),
    EventType(RISK_ADDED, "Risk tillagd i analys"),
    EventType(RISK_STATUS_CHANGED, "Risks status ändrad"),
    EventType(CONTROL_CREATED, "Kontroll lagd till i kontrollplanen"),
    EventType(CONTROL_RUN, "Kontroll genomförd"),
    EventType(CASE_CREATED, "Välfärdsbrottsärende registrerat"),
    EventType(CASE_UPDATED, "Välfärdsbrottsärende ändrat"),
    EventType(CASE_READ, "Välfärdsbrottsärende läst"),
    EventType(CASES_EXPORTED, "Välfärdsbrottsärenden exporterade"),
    EventType(CASES_PURGED, "Avslutade välfärdsbrottsärenden gallrade"),
)


def register() -> None:
    register_events(*EVENTS)
