from django.apps import AppConfig


class LagesbildConfig(AppConfig):
    name = "trygg.lagesbild"
    label = "lagesbild"
    verbose_name = "Operativ lägesbild"

    def ready(self):
        from . import signals  # noqa: F401
