"""Core's audit events: sign-in and account security, and the tenancy's administration."""

from .audit import EventType, register_events

EVENTS = (
    EventType("core.login", "Inloggning"),
    EventType("core.login_failed", "Misslyckad inloggning"),
    EventType("core.logout", "Utloggning"),
    EventType("core.lockout", "Kontot låst efter misslyckade försök"),
    EventType("core.password_reset", "Lösenord återställt"),
    EventType("core.otp_enrolled", "Tvåfaktorsinloggning aktiverad"),
    EventType("core.otp_removed", "Tvåfaktorsinloggning borttagen"),
    EventType("core.otp_failed", "Felaktig engångskod"),
    EventType("core.municipality_switched", "Bytte kommun"),
)


def register() -> None:
    register_events(*EVENTS)
