from django.apps import AppConfig


class WalksConfig(AppConfig):
    name = "trygg.walks"
    label = "walks"
    verbose_name = "Trygghetsvandringar"

    def ready(self):
        from . import audit_events

        audit_events.register()
        from . import offline

        offline.register()
