from django.apps import AppConfig


class DialogConfig(AppConfig):
    name = "trygg.dialog"
    label = "dialog"
    verbose_name = "Medborgardialog"

    def ready(self):
        from . import audit_events

        audit_events.register()

        from . import registrations

        registrations.register()
