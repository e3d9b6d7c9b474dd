"""The dialog app's audit events."""

from trygg.core.audit import EventType, register_events

DIALOGUE_CREATED = "dialog.dialogue_created"
DIALOGUE_UPDATED = "dialog.dialogue_updated"
DIALOGUE_PUBLISHED = "dialog.dialogue_published"
SURVEY_CREATED = "dialog.survey_created"
SURVEY_UPDATED = "dialog.survey_updated"
SURVEY_PUBLISHED = "dialog.survey_published"
SURVEY_CLOSED = "dialog.survey_closed"
SURVEY_DELETED = "dialog.survey_deleted"
VERSION_CREATED = "dialog.version_created"
BANK_IMPORTED = "dialog.bank_imported"
SAMPLE_IMPORTED = "dialog.sample_imported"
CODES_EXPORTED = "dialog.codes_exported"
SAMPLE_DELETED = "dialog.sample_deleted"
ANSWERS_CODED = "dialog.answers_coded"
SESSION_RECORDED = "dialog.session_recorded"
RESULTS_EXPORTED = "dialog.results_exported"
POPULATION_IMPORTED = "dialog.population_imported"
SUBSCRIBERS_DELETED = "dialog.subscribers_deleted"
FREE_TEXT_DELETED = "dialog.free_text_deleted"
SESSION_NOTE_ADDED = "dialog.session_note_added"
QUOTE_APPROVED = "dialog.quote_approved"

EVENTS = (
    EventType(DIALOGUE_CREATED, "Medborgardialog skapad"),
    EventType(DIALOGUE_UPDATED, "Medborgardialog ändrad"),
    EventType(DIALOGUE_PUBLISHED, "\u201dNi sa – vi gör\u201d publicerad"),
    EventType(SURVEY_CREATED, "Enkät skapad"),
    EventType(SURVEY_UPDATED, "Enkät ändrad"),
    EventType(SURVEY_PUBLISHED, "Enkät publicerad"),
    EventType(SURVEY_CLOSED, "Enkät stängd"),
    EventType(SURVEY_DELETED, "Utkast till enkät borttaget"),
    EventType(VERSION_CREATED, "Ny version av enkät"),
    EventType(BANK_IMPORTED, "Frågebank importerad"),
    EventType(SAMPLE_IMPORTED, "Urval importerat"),
    EventType(CODES_EXPORTED, "Engångskoder hämtade"),
    EventType(SAMPLE_DELETED, "Urvalslista gallrad"),
    EventType(ANSWERS_CODED, "Fritextsvar kodade"),
    EventType(SESSION_RECORDED, "Intervju eller fokusgrupp registrerad"),
    EventType(RESULTS_EXPORTED, "Enkätresultat exporterade"),
    EventType(POPULATION_IMPORTED, "Befolkning per DeSO, kön och ålder importerad"),
    EventType(SUBSCRIBERS_DELETED, "E-postadresser för besked om resultat gallrade"),
    EventType(FREE_TEXT_DELETED, "Fritextsvar gallrade"),
    EventType(SESSION_NOTE_ADDED, "Anteckning från intervju eller fokusgrupp"),
    EventType(QUOTE_APPROVED, "Citat ur fritextsvar godkänt eller återkallat"),
)


def register() -> None:
    register_events(*EVENTS)
