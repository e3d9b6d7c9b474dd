from datetime import time

from django.apps import AppConfig


class DialogConfig(AppConfig):
    name = "trygg.dialog"
    label = "dialog"
    verbose_name = "Medborgardialog"

    def ready(self):
        from trygg.core.periodic import DailyJob, register

        from . import audit_events, registrations
        from .tasks import purge_dialog_stores

        audit_events.register()
        registrations.register()
        register(DailyJob("dialog.retention", time(2, 20), purge_dialog_stores.enqueue))

        from . import follow_up_registrations

        follow_up_registrations.register()
