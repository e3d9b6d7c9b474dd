from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "trygg.strategy"
    label = "strategy"
    verbose_name = "Strategiskt arbete"
