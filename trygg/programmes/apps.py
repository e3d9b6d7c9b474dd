from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "trygg.programmes"
    label = "programmes"
    verbose_name = "Program (mål G4–G7)"
