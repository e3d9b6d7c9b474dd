from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "trygg.geo"
    label = "geo"
    verbose_name = "Geografi"

    def ready(self):
        from . import registrations, signals  # noqa: F401

        registrations.register()
