"""Background work for the lägesbild, run by the task worker (django-tasks)."""

from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.jobs import job_claim

from .models import DocumentJob


@task()
def build_picture_document(job_id: int) -> None:
    # Claimed once: a second run of the same task, or a second worker, finds it taken.
    job = job_claim(DocumentJob, job_id)
    if job is None:
        return
    from .services import document_job_build

    with scope(municipality=job.municipality):
        document_job_build(job)


@task()
def purge_document_jobs() -> int:
    """Deletes week-old lägesbild documents in every municipality; returns how many."""
    from .services import document_jobs_purge

    # Retention runs across municipalities: the rows are only counted and deleted.
    with scopes_disabled():
        return document_jobs_purge()
