from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "trygg.core"
    label = "core"
    verbose_name = "Kärna"

    def ready(self):
        from . import lookups, signals  # noqa: F401
