from datetime import time

from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "trygg.forums"
    label = "forums"
    verbose_name = "Forum och möten"

    def ready(self):
        from trygg.core.periodic import DailyJob, register

        from . import audit_events, registrations, signals  # noqa: F401
        from .tasks import purge_external_members

        audit_events.register()
        registrations.register()
        register(DailyJob("forums.retention", time(2, 50), purge_external_members.enqueue))
