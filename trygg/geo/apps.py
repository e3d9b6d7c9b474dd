from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "trygg.geo"
    label = "geo"
    verbose_name = "Geografi"

    def ready(self):
        from . import audit_events, registrations, signals  # noqa: F401

        audit_events.register()
        registrations.register()
