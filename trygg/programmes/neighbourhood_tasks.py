"""Background work for grannsamverkan: sending an area message, and the daily gallring of
messages and ombud."""

from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.jobs import job_claim, jobs_sweep

from .models import AreaMessage


@task()
def send_area_message(message_id: int) -> None:
    from .services.neighbourhood import area_message_deliver

    message = job_claim(AreaMessage, message_id)
    if message is None:
        return
    with scope(municipality=message.municipality):
        area_message_deliver(message)


@task()
def sweep_neighbourhood() -> dict:
    """Runs daily: lost sendings marked failed, old messages and former ombud deleted."""
    from .services.neighbourhood import neighbourhood_retention

    # Every municipality's rows at once: the rule is the same for all.
    with scopes_disabled():
        swept = jobs_sweep(AreaMessage)
        return {**swept, **neighbourhood_retention()}
