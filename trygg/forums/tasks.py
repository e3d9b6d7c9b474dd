"""Background work for the forums, run by the task worker (django-tasks)."""

from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.models import Municipality


@task()
def purge_external_members() -> int:
    """Removes the names of external members whose seat ended longer ago than the retention
    rule allows, in every municipality; returns how many."""
    from .services import external_members_purge

    total = 0
    # The job runs for every tenant: list them unscoped, then work inside each one's scope.
    with scopes_disabled():
        municipalities = list(Municipality.objects.all())
    for municipality in municipalities:
        with scope(municipality=municipality):
            total += external_members_purge(municipality=municipality)
    return total
