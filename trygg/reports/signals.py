from django.db.models.signals import post_save
from django.dispatch import receiver

from trygg.core.models import Municipality


@receiver(post_save, sender=Municipality)
def _seed_categories(sender, instance, created, raw=False, **kwargs):
    """Every new municipality starts with the standard taxonomy."""
    if created and not raw:
        from .services import categories_seed

        categories_seed(municipality=instance)
