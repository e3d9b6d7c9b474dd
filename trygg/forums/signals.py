"""A new municipality gets the guideline's forums. Core creates municipalities and must not
know about forums, so this app listens for the new row instead of core calling it."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django_scopes import scope

from trygg.core.models import Municipality


@receiver(post_save, sender=Municipality, dispatch_uid="forums.default_forums")
def create_default_forums(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .services import default_forums_create

        with scope(municipality=instance):
            default_forums_create(municipality=instance)
