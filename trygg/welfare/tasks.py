"""The welfare app's background work: the daily retention of closed case references."""

from django_tasks import task

from .services.cases import cases_purge


@task()
def purge_closed_cases() -> int:
    return cases_purge()
