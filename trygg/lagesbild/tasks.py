"""Background work for the lägesbild, run by the task worker (django-tasks)."""

from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.models import Municipality

from .models import DocumentJob


@task()
def build_picture_document(job_id: int) -> None:
    # Tasks are not tied to one request: find the job across tenants, then scope.
    with scopes_disabled():
        job = (
            DocumentJob.objects.filter(pk=job_id, status=DocumentJob.Status.VANTAR)
            .select_related("municipality", "created_by")
            .first()
        )
    if job is None:
        return
    from .services import document_job_build

    with scope(municipality=job.municipality):
        document_job_build(job)


@task()
def purge_document_jobs() -> int:
    """Deletes week-old lägesbild documents in every municipality; returns how many."""
    from .services import document_jobs_purge

    total = 0
    with scopes_disabled():
        municipalities = list(Municipality.objects.all())
    for municipality in municipalities:
        with scope(municipality=municipality):
            total += document_jobs_purge()
    return total
