from datetime import time

from django.apps import AppConfig


class WalksConfig(AppConfig):
    name = "trygg.walks"
    label = "walks"
    verbose_name = "Trygghetsvandringar"

    def ready(self):
        from trygg.core.periodic import DailyJob, register

        from . import audit_events, offline, registrations
        from .tasks import send_owner_reminders

        audit_events.register()
        registrations.register()
        offline.register()
        register(DailyJob("walks.owner_reminders", time(7, 45), send_owner_reminders.enqueue))
