"""Core's audit events: sign-in and account security, the tenancy's administration, backups,
and the untyped kinds of rows written before event names existed."""

from .audit import EventType, register_events

SECURITY = (
    EventType("core.login", "Inloggning"),
    EventType("core.login_failed", "Misslyckad inloggning"),
    EventType("core.logout", "Utloggning"),
    EventType("core.lockout", "Kontot låst efter misslyckade försök"),
    EventType("core.password_reset", "Lösenord återställt"),
    EventType("core.otp_enrolled", "Tvåfaktorsinloggning aktiverad"),
    EventType("core.otp_removed", "Tvåfaktorsinloggning borttagen"),
    EventType("core.otp_failed", "Felaktig engångskod"),
    EventType("core.municipality_switched", "Bytte kommun"),
    # A membership is a role in an organisation: granting and revoking one keep the names
    # the rows had before event names existed, so one filter finds old and new rows.
    EventType("core.role_granted", "Roll tilldelad"),
    EventType("core.role_revoked", "Roll borttagen"),
)

ADMINISTRATION = (
    EventType("core.municipality_created", "Kommun skapad"),
    EventType("core.municipality_updated", "Kommunens uppgifter ändrade"),
    EventType("core.organisation_created", "Organisation skapad"),
    EventType("core.organisation_updated", "Organisation ändrad"),
    EventType("core.backup_created", "Säkerhetskopia skapad"),
    EventType("core.backup_restored", "Återställd från säkerhetskopia"),
)

# Rows from before event names whose kind had no typed equivalent get these (migration
# core 0006), so the audit page can still label and filter them. No new code writes them.
LEGACY = (
    EventType("core.created", "Skapad (äldre händelse)"),
    EventType("core.updated", "Ändrad (äldre händelse)"),
    EventType("core.deleted", "Borttagen (äldre händelse)"),
    EventType("core.imported", "Importerad (äldre händelse)"),
    EventType("core.exported", "Exporterade uppgifter (äldre händelse)"),
    EventType("core.viewed_original", "Läste skyddade uppgifter (äldre händelse)"),
)

EVENTS = SECURITY + ADMINISTRATION + LEGACY


def register() -> None:
    register_events(*EVENTS)
