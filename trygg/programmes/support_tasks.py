"""Background work for the support programmes: the daily retention of annual report files."""

from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.models import Municipality


@task()
def prune_support_reports() -> int:
    """Runs daily; returns how many annual report files were removed across municipalities."""
    from .services.support import reports_prune

    pruned = 0
    # A job for every municipality: each is then read inside its own scope.
    with scopes_disabled():
        municipalities = list(Municipality.objects.all())
    for municipality in municipalities:
        with scope(municipality=municipality):
            pruned += reports_prune(municipality=municipality)
    return pruned
