from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "trygg.public"
    label = "public"
    verbose_name = "Publika sidor"
