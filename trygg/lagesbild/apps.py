from datetime import time

from django.apps import AppConfig


class LagesbildConfig(AppConfig):
    name = "trygg.lagesbild"
    label = "lagesbild"
    verbose_name = "Operativ lägesbild"

    def ready(self):
        from trygg.core.periodic import DailyJob, register
        from trygg.forums import contributions

        from . import audit_events, registrations
        from .meetings import CONTRIBUTION
        from .tasks import purge_document_jobs

        audit_events.register()
        registrations.register()
        contributions.register(CONTRIBUTION)
        register(DailyJob("lagesbild.documents", time(2, 45), purge_document_jobs.enqueue))
