from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "trygg.reports"
    label = "reports"
    verbose_name = "Inrapportering"

    def ready(self):
        from . import signals  # noqa: F401
