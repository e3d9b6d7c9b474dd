from datetime import time

from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "trygg.geo"
    label = "geo"
    verbose_name = "Geografi"

    def ready(self):
        from trygg.core.periodic import DailyJob, register

        from . import audit_events, registrations, signals  # noqa: F401
        from .tasks import sweep_address_import_jobs

        audit_events.register()
        registrations.register()
        register(DailyJob("geo.address_uploads", time(2, 35), sweep_address_import_jobs.enqueue))
