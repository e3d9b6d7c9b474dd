from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "trygg.geo"
    label = "geo"
    verbose_name = "Geografi"

    def ready(self):
        from . import signals  # noqa: F401
