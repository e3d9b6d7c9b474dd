from datetime import time

from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "trygg.welfare"
    label = "welfare"
    verbose_name = "Välfärdsbrott"

    def ready(self):
        from trygg.core.periodic import DailyJob, register

        from . import audit_events, registrations
        from .tasks import purge_closed_cases

        audit_events.register()
        registrations.register()
        register(DailyJob("welfare.purge_closed_cases", time(3, 0), purge_closed_cases.enqueue))
