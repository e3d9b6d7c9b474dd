"""Background work for nattvandring: the daily retention of sign-up nicknames."""

from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.models import Municipality


@task()
def prune_nightwalk_signups() -> int:
    """Runs daily; returns how many nicknames were blanked across municipalities."""
    from .services.nightwalk import signups_prune

    pruned = 0
    # A job for every municipality: each is then read inside its own scope.
    with scopes_disabled():
        municipalities = list(Municipality.objects.all())
    for municipality in municipalities:
        with scope(municipality=municipality):
            pruned += signups_prune(municipality=municipality)
    return pruned
