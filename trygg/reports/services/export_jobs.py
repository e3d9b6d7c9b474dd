"""Large exports of the report list (more rows than exports.DIRECT_LIMIT): ordered by a person,
written by the task worker on the job base (core.jobs) with progress, downloaded by that
person only, the file deleted with the municipality's retention of job files. The file is
the direct export's for the same filters: same query, same rows, same bytes (CSV)."""

import logging
import tempfile

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from trygg.core.jobs import job_enqueue
from trygg.core.kernel import audit, require
from trygg.core.viewer import Viewer

from .. import exports
from ..models import ExportJob

log = logging.getLogger(__name__)

# Orders one person may have waiting or running at once: the worker also runs imports.
EXPORT_MAX_RUNNING = 2
ACCESS_CHANGED = (
    "Din behörighet har ändrats sedan exporten beställdes, så den är borttagen. Beställ den igen."
)
FILE_GONE = "Filen är borttagen enligt gallringsreglerna. Beställ exporten igen."
FAILED = "Exporten kunde inte tas fram. Försök igen eller kontakta förvaltningen."


def _access(viewer: Viewer) -> str:
    """What decides which reports and which texts a viewer reads: roles and organisations."""
    return (
        ",".join(sorted(viewer.roles)) + "|" + ",".join(map(str, sorted(viewer.organisation_ids)))
    )


def _filters(query: str):
    from ..selectors import ReportFilter

    return ReportFilter.from_query(QueryDict(query))


def export_job_start(*, viewer: Viewer, fmt: str, query: str) -> ExportJob:
    """Orders the list as filtered by `query` (the list's query string, q included) as a file
    from the task worker. The same order again while it runs returns the same job, so a
    double submit makes one file."""
    require(viewer, "reports.export")
    if viewer.user is None:
        raise PermissionDenied("Bara inloggade användare kan beställa exporter.")
    if fmt not in ExportJob.Format.values:
        raise ValidationError({"fmt": ["Okänt format."]})
    filters = _filters(query)
    if filters.errors:
        # An export without the filter asked for would hand out more than was meant.
        raise ValidationError(list(filters.errors.values()))
    order = {
        "municipality": viewer.municipality,
        "created_by": viewer.user,
        "fmt": fmt,
        "query": filters.to_query(),
        "access": _access(viewer),
    }
    with transaction.atomic():
        # One order at a time per person (SQLite's immediate transactions serialise already).
        get_user_model().objects.select_for_update().filter(pk=viewer.user.pk).first()
        mine = ExportJob.objects.filter(municipality=viewer.municipality, created_by=viewer.user)
        waiting = [
            job
            for job in mine.filter(status__in=[ExportJob.Status.VANTAR, ExportJob.Status.KOR])
            if job.running
        ]
        for job in waiting:
            if (job.fmt, job.query, job.access) == (fmt, order["query"], order["access"]):
                return job
        if len(waiting) >= EXPORT_MAX_RUNNING:
            raise ValidationError(
                f"Du har redan {EXPORT_MAX_RUNNING} exporter som tas fram. Vänta tills någon "
                "av dem är klar."
            )
        job = ExportJob.objects.create(**order)
        audit(
            viewer,
            "reports.export_ordered",
            job,
            summary=f"Export som {fmt.upper()} beställd",
            fmt=fmt,
        )
        from ..tasks import run_export

        job_enqueue(job, run_export)
    return job


def _viewer(job: ExportJob) -> Viewer:
    """The requester as they are today: a role taken away since the order counts."""
    from trygg.core.selectors import workspace_for_user

    workspace = workspace_for_user(job.created_by)
    return Viewer(
        municipality=job.municipality,
        roles=workspace.roles_in(job.municipality),
        organisation_ids=workspace.organisations_in(job.municipality),
        user=job.created_by,
    )


def _save(job: ExportJob, **fields) -> None:
    # Every progress save is the worker's heartbeat (core.jobs).
    fields["heartbeat_at"] = timezone.now()
    for key, value in fields.items():
        setattr(job, key, value)
    job.save(update_fields=[*fields])


def export_job_build(job: ExportJob) -> None:
    """Run by the task worker on a job it has claimed (core.jobs.job_claim): the list as its
    requester may read it now, written as the direct export writes it. A job not claimed is
    left alone; one whose requester's access changed since the order is refused."""
    from ..selectors import report_list

    if job.status != ExportJob.Status.KOR:
        return
    viewer = _viewer(job)
    if not viewer.may("reports.export") or _access(viewer) != job.access:
        _save(
            job,
            status=ExportJob.Status.MISSLYCKAD,
            message=ACCESS_CHANGED,
            finished_at=timezone.now(),
        )
        return
    try:
        reports = report_list(viewer=viewer, filters=_filters(job.query))
        _save(job, total=reports.count())
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        filename = f"rapporter-{stamp}.{job.fmt}"
        with tempfile.TemporaryFile() as out:

            def progress(n):
                _save(job, processed=min(n, job.total))

            write = exports.write_csv if job.fmt == "csv" else exports.write_xlsx
            kwargs = {} if job.fmt == "csv" else {"audited": False}
            n = write(viewer=viewer, reports=reports, out=out, progress=progress, **kwargs)
            out.seek(0)
            job.file.save(filename, File(out), save=False)
    except Exception:
        # The job id is enough to look again; the rows may hold personal data.
        log.exception("export job %s failed", job.pk)
        _save(job, status=ExportJob.Status.MISSLYCKAD, message=FAILED, finished_at=timezone.now())
        return
    if not ExportJob.objects.filter(pk=job.pk).exists():
        # Deleted meanwhile (its requester was removed): no row will ever point at the file.
        job.file.delete(save=False)
        return
    _save(
        job,
        status=ExportJob.Status.KLAR,
        file=job.file.name,
        filename=filename,
        total=n,
        processed=n,
        finished_at=timezone.now(),
    )


def export_job_open(*, viewer: Viewer, job: ExportJob):
    """The finished export's file for its requester, audited as the direct export is. Refused,
    and the file deleted, when the requester's roles or organisations changed since."""
    require(viewer, "reports.export")
    if job.created_by_id != viewer.user_id or job.status != ExportJob.Status.KLAR:
        raise PermissionDenied("Exporten finns inte.")
    if not job.file:
        raise ValidationError(FILE_GONE)
    if job.access != _access(viewer):
        with transaction.atomic():
            job.file.delete(save=False)
            job.status, job.message = ExportJob.Status.MISSLYCKAD, ACCESS_CHANGED
            job.save(update_fields=["status", "file", "message"])
        raise ValidationError(ACCESS_CHANGED)
    handle = job.file.open("rb")
    exports.export_audit(viewer, job.fmt, job.total, job=job)
    return handle
