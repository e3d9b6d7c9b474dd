from django.apps import AppConfig


class CountyConfig(AppConfig):
    name = "trygg.county"
    label = "county"
    verbose_name = "Länet"

    def ready(self):
        from . import audit_events, landing

        audit_events.register()
        landing.register()
