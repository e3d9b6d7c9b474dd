from datetime import time

from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "trygg.strategy"
    label = "strategy"
    verbose_name = "Strategiskt arbete"

    def ready(self):
        from trygg.core.periodic import DailyJob, register

        from . import audit_events, registrations
        from .tasks import send_follow_up_reminders

        audit_events.register()
        registrations.register()

        register(DailyJob("strategy.reminders", time(7, 30), send_follow_up_reminders.enqueue))
