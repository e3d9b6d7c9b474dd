from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "trygg.core"
    label = "core"
    verbose_name = "Kärna"

    def ready(self):
        from . import audit_events, jobs, lookups, registrations, signals  # noqa: F401

        audit_events.register()
        registrations.register()
        jobs.connect_signals()
