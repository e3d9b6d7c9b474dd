from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "trygg.welfare"
    label = "welfare"
    verbose_name = "Välfärdsbrott"
