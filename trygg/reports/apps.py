from datetime import time

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "trygg.reports"
    label = "reports"
    verbose_name = "Inrapportering"

    def ready(self):
        from trygg.core.logging import text_carrying
        from trygg.core.periodic import DailyJob, register

        from . import audit_events, registrations, signals  # noqa: F401
        from .tasks import (
            purge_expired_reports,
            send_daily_digests,
            sweep_export_jobs,
            sweep_import_jobs,
        )

        audit_events.register()
        registrations.register()

        register(DailyJob("reports.digest", time(7, 0), send_daily_digests.enqueue))
        register(DailyJob("reports.retention", time(2, 30), purge_expired_reports.enqueue))
        register(DailyJob("reports.import_files", time(2, 40), sweep_import_jobs.enqueue))
        register(DailyJob("reports.export_files", time(2, 55), sweep_export_jobs.enqueue))
        # Their messages quote the rows and feed entries they refuse.
        text_carrying(
            "trygg.reports.tabular.fields.TabularError", "trygg.reports.polisen.PoliceFeedError"
        )
