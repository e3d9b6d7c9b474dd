from datetime import time

from django.apps import AppConfig


class CountyConfig(AppConfig):
    name = "trygg.county"
    label = "county"
    verbose_name = "Länet"

    def ready(self):
        from trygg.core.periodic import DailyJob, register

        from . import audit_events, landing
        from .tasks import purge_county_stores

        audit_events.register()
        landing.register()
        register(DailyJob("county.retention", time(3, 45), purge_county_stores.enqueue))
