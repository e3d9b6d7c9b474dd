"""Background work for the dialog app, run by the task worker (django-tasks)."""

from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.models import Municipality


@task()
def purge_dialog_stores() -> dict:
    """Applies the dialog stores' retention rules (services/retention.py) in every
    municipality; returns the summed counts per rule."""
    from .services.retention import dialog_retention_run

    total: dict[str, int] = {}
    # The job runs for every tenant: list them unscoped, then work inside each one's scope.
    with scopes_disabled():
        municipalities = list(Municipality.objects.all())
    for municipality in municipalities:
        with scope(municipality=municipality):
            for rule, n in dialog_retention_run(municipality=municipality).items():
                total[rule] = total.get(rule, 0) + n
    return total
