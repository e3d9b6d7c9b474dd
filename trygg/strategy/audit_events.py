"""Strategy's audit events: the biennial lägesbild, the åtgärdsplan with its measures and
indicators, problem pictures, focus areas, medborgarlöften and the official statistics.
Names are stored in AuditEvent.event: never rename one that has been written."""

from trygg.core.audit import EventType, register_events

EVENTS = (
    EventType("strategy.picture_drafted", "Strategisk lägesbild skapad från data"),
    EventType("strategy.picture_version_saved", "Ny version av strategisk lägesbild"),
    EventType("strategy.picture_status_changed", "Strategisk lägesbild bytte status"),
    EventType("strategy.picture_decided", "Strategisk lägesbild beslutad"),
    EventType("strategy.plan_created", "Åtgärdsplan skapad"),
    EventType("strategy.plan_updated", "Åtgärdsplan ändrad"),
    EventType("strategy.plan_decided", "Åtgärdsplan beslutad"),
    EventType("strategy.measure_created", "Åtgärd tillagd"),
    EventType("strategy.measure_updated", "Åtgärd ändrad"),
    EventType("strategy.plan_withdrawn", "Åtgärdsplan tillbakadragen"),
    EventType("strategy.measure_withdrawn", "Åtgärd tillbakadragen"),
    EventType("strategy.follow_up_added", "Uppföljning av åtgärd"),
    EventType("strategy.indicator_added", "Indikator tillagd"),
    EventType("strategy.indicator_value_added", "Indikatorvärde inlagt"),
    EventType("strategy.problem_created", "Problembild skapad"),
    EventType("strategy.problem_updated", "Problembild ändrad"),
    EventType("strategy.focus_area_created", "Fokusområde beslutat"),
    EventType("strategy.focus_area_updated", "Fokusområde ändrat"),
    EventType("strategy.promise_created", "Medborgarlöfte skapat"),
    EventType("strategy.promise_updated", "Medborgarlöfte ändrat"),
    EventType("strategy.promise_published", "Medborgarlöfte publicerat"),
    EventType("strategy.activity_created", "Aktivitet i medborgarlöfte tillagd"),
    EventType("strategy.activity_updated", "Aktivitet i medborgarlöfte ändrad"),
    EventType("strategy.statistics_imported", "Brottsstatistik importerad"),
    EventType("strategy.official_statistics_loaded", "Officiell statistik inläst av drift"),
    EventType("strategy.deso_crime_imported", "Polisens brottsstatistik per DeSO importerad"),
)


def register() -> None:
    register_events(*EVENTS)
