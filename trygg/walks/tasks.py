"""Background work for trygghetsvandringar: reminders to owners whose deadline passed
without an answer (and to the walk's leader)."""

from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.models import Municipality


@task()
def send_owner_reminders() -> int:
    """Runs daily; returns how many findings were reminded about."""
    from .services.findings import owner_reminders_send

    sent = 0
    # A job for every municipality: each is then read inside its own scope.
    with scopes_disabled():
        municipalities = list(Municipality.objects.all())
    for municipality in municipalities:
        with scope(municipality=municipality):
            sent += owner_reminders_send(municipality=municipality)
    return sent
