from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Area
from .selectors import invalidate


@receiver([post_save, post_delete], sender=Area)
def _area_changed(sender, instance, **kwargs):
    invalidate(instance.municipality_id)
