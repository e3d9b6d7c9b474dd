from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .gazetteer import index as gazetteer_index
from .models import Area, PlaceName
from .selectors import invalidate


@receiver([post_save, post_delete], sender=Area)
def _area_changed(sender, instance, **kwargs):
    invalidate(instance.municipality_id)
    gazetteer_index.invalidate(instance.municipality_id)


@receiver([post_save, post_delete], sender=PlaceName)
def _place_name_changed(sender, instance, **kwargs):
    gazetteer_index.invalidate(instance.municipality_id)
