"""A lägesbild document's file goes with its job however the job is deleted (the weekly
purge, or the creator's account being removed), once the deletion is committed."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import DocumentJob


@receiver(post_delete, sender=DocumentJob)
def delete_document_file(sender, instance, **kwargs):
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
