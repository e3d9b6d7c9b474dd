"""Starting imports: an upload, its column mapping, a dry run run for real, a failed or lost
import started again. Each checks permission, writes the audit row and queues the task
worker only once the transaction commits (core.jobs.job_enqueue); the import itself runs in
the worker (reports/imports.py)."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from trygg.core.jobs import job_enqueue, job_fail_if_stale
from trygg.core.kernel import audit, own, require
from trygg.core.models import Organisation
from trygg.core.selectors import organisation_list
from trygg.core.viewer import Viewer

from .. import tabular
from ..models import ImportJob

ALREADY_STARTED = "Importen har redan startats."
FILE_GONE = "Filen är borttagen enligt gallringsreglerna för uppladdade filer. Ladda upp den igen."


def _task():
    # The task module imports the import code, which imports these services.
    from ..tasks import run_import

    return run_import


def _organisation(viewer: Viewer) -> Organisation | None:
    """The organisation an import's reports are stored for: the importer's first one."""
    if not viewer.organisation_ids:
        return None
    return (
        organisation_list(municipality=viewer.municipality)
        .filter(pk__in=viewer.organisation_ids)
        .first()
    )


def import_start(*, viewer: Viewer, kind: str, filename: str, content: bytes, dry_run: bool):
    """Stores an upload as an import. The Police's events are queued at once; a table is read
    for its headers and waits for its owner to confirm the column mapping. A table that
    cannot be read is refused with the reason, and nothing is stored."""
    require(viewer, "reports.import")
    if kind not in ImportJob.Kind.values:
        raise ValidationError({"kind": ["Välj en filtyp."]})
    job = ImportJob(
        municipality=viewer.municipality,
        kind=kind,
        dry_run=dry_run,
        filename=filename[:255],
        created_by=viewer.user,
        organisation=_organisation(viewer),
    )
    if kind == ImportJob.Kind.TABELL:
        try:
            table = tabular.read_table(content, filename)
        except tabular.TabularError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        job.mapping = tabular.suggest_mapping(table.headers)
    with transaction.atomic():
        job.file.save(filename, ContentFile(content), save=False)
        job.save()
        audit(
            viewer,
            "reports.import_uploaded",
            job,
            summary=f"Importfil uppladdad ({job.get_kind_display()})",
            kind=kind,
            dry_run=dry_run,
        )
        if kind == ImportJob.Kind.POLISEN:
            _queue(viewer, job)
    return job


def _queue(viewer: Viewer, job: ImportJob, **data) -> None:
    job_enqueue(job, _task())
    what = "Provkörning av import startad" if job.dry_run else "Import startad"
    audit(viewer, "reports.import_started", job, summary=what, dry_run=job.dry_run, **data)


def import_mapping_set(*, viewer: Viewer, job: ImportJob, mapping: dict, headers, dry_run: bool):
    """Confirms a table's column mapping and starts it. Every required field needs a column
    of the file; columns the file does not have are dropped."""
    require(viewer, "reports.import")
    own(viewer, job)
    if not job.awaiting_mapping:
        raise ValidationError(ALREADY_STARTED)
    mapping = {name: column for name, column in mapping.items() if column in headers}
    missing = [f.label for f in tabular.FIELDS if f.required and f.name not in mapping]
    if missing:
        raise ValidationError("Välj kolumn för: " + ", ".join(missing) + ".")
    with transaction.atomic():
        # Two submits of the form (a double click, a second tab) both saw the job waiting.
        # The claim of the mapping is one UPDATE on the row as it still is, so only the
        # first starts it: otherwise the second would put a job its worker already took
        # back in the queue, and it would run twice.
        taken = ImportJob.objects.filter(
            pk=job.pk, status=ImportJob.Status.VANTAR, queued_at__isnull=True
        ).update(mapping=mapping, dry_run=dry_run, queued_at=timezone.now())
        if not taken:
            raise ValidationError(ALREADY_STARTED)
        job.mapping, job.dry_run = mapping, dry_run
        _queue(viewer, job)
    return job


def _again(viewer: Viewer, job: ImportJob, *, dry_run: bool) -> ImportJob:
    """A new import of the same upload and mapping, queued."""
    if not job.file:
        raise ValidationError(FILE_GONE)
    again = ImportJob.objects.create(
        municipality=job.municipality,
        kind=job.kind,
        dry_run=dry_run,
        filename=job.filename,
        file=job.file.name,
        mapping=job.mapping,
        created_by=viewer.user,
        organisation=job.organisation,
    )
    _queue(viewer, again, again_of=job.pk)
    return again


def import_run_for_real(*, viewer: Viewer, job: ImportJob) -> ImportJob:
    """Runs a finished dry run for real, as a new import of the same file and mapping."""
    require(viewer, "reports.import")
    own(viewer, job)
    if not (job.dry_run and job.status == ImportJob.Status.KLAR):
        raise ValidationError("Bara en färdig provkörning kan köras på riktigt.")
    with transaction.atomic():
        return _again(viewer, job, dry_run=False)


def import_restart(*, viewer: Viewer, job: ImportJob) -> ImportJob:
    """Starts an import that failed through no fault of its file again, as a new import of
    the same file and mapping; one whose worker was lost is marked failed first. What the
    failed run stored stays, and the external ids keep the new run from storing it twice."""
    require(viewer, "reports.import")
    own(viewer, job)
    with transaction.atomic():
        job_fail_if_stale(job)
        if job.status != ImportJob.Status.MISSLYCKAD:
            raise ValidationError("Bara en import som misslyckades kan startas igen.")
        if not job.restartable and job.file:
            raise ValidationError("Filen går inte att importera; rätta den och ladda upp den igen.")
        return _again(viewer, job, dry_run=job.dry_run)
