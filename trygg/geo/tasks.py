"""Background work for geography, run by the task worker (django-tasks, database backend)."""

from django_scopes import scope
from django_tasks import task

from trygg.core.jobs import job_claim, jobs_sweep
from trygg.core.viewer import operator_viewer

from .models import AddressImportJob


@task()
def run_address_import(job_id: int) -> None:
    from .gazetteer.services import address_import_run

    job = job_claim(AddressImportJob, job_id)
    if job is None:
        return
    with scope(municipality=job.municipality):
        # The uploader's right was checked when the job was started; the worker acts for
        # the municipality's administration, and its audit row names the job.
        address_import_run(job, operator_viewer(job.municipality))


@task()
def sweep_address_import_jobs() -> dict:
    """Gallring of address uploads after the municipality's job_file_keep_days, as for
    every import; lost jobs marked failed."""
    return jobs_sweep(AddressImportJob)
