"""The reports app's audit events. Each block is one area of the app; `register` declares
them all. A report's own history (status, assignment, comments) is its ReportEvent rows;
the audit log records administration, exports, reads of protected text and retention."""

from trygg.core.audit import EventType, register_events

CATEGORIES = (
    EventType("reports.category_created", "Kategori skapad"),
    EventType("reports.category_updated", "Kategori ändrad"),
)

API_KEYS = (
    EventType("reports.api_key_created", "API-nyckel skapad"),
    EventType("reports.api_key_revoked", "API-nyckel återkallad"),
)

READS_AND_EXPORTS = (
    EventType("reports.original_read", "Läste originaltext i rapport"),
    EventType("reports.exported", "Rapporter exporterade"),
    EventType("reports.export_ordered", "Stor export beställd"),
)

RETENTION = (EventType("reports.purged", "Gallring av rapporter"),)

# --- The citizen loop (issue 15 item 10) ----------------------------------------------------
CITIZEN = (
    EventType("reports.reopened_by_citizen", "Rapport öppnad igen av medborgaren"),
    EventType("reports.citizen_photo_read", "Medborgarens foto visat"),
)
# --- end of the citizen loop ----------------------------------------------------------------

# --- Imports (the job base, issue 12 item 3) ------------------------------------------------
IMPORTS = (
    EventType("reports.import_uploaded", "Importfil uppladdad"),
    EventType("reports.import_started", "Import startad"),
)
# --- end of imports ------------------------------------------------------------------------

EVENTS = CATEGORIES + API_KEYS + READS_AND_EXPORTS + RETENTION + IMPORTS + CITIZEN


def register() -> None:
    register_events(*EVENTS)
