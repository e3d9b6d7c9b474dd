"""Lägesbild documents: ordering, building in the task worker, opening and purging jobs."""

import logging
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from trygg.core.jobs import job_enqueue, jobs_sweep
from trygg.core.kernel import audit, require
from trygg.core.viewer import Viewer

from .. import selectors
from ..models import DocumentJob

log = logging.getLogger(__name__)


# A lägesbild document for up to a quarter is made while the user waits (≤ 0.2 s measured for
# 14 days); longer periods are made by the task worker and fetched from the job's page.
DOCUMENT_INLINE_MAX_DAYS = 92
# A repeated download of the same period within this time gets the same job.
DOCUMENT_REUSE = timedelta(minutes=10)
DOCUMENT_KEEP = DocumentJob.ROW_KEEP
# Orders one person may have waiting or running at once: the worker also runs imports.
DOCUMENT_MAX_RUNNING = 3


def document_in_background(start: date, end: date) -> bool:
    return (end - start).days + 1 > DOCUMENT_INLINE_MAX_DAYS


def document_job_start(
    *, viewer: Viewer, fmt: str, start: date, end: date, resolution: int = 8
) -> DocumentJob:
    """Orders the lägesbild for [start, end] as a document from the task worker. The same
    order again while it runs, or shortly after, returns the same job."""
    require(viewer, "lagesbild.export")
    if viewer.user is None:
        raise PermissionDenied("Bara inloggade användare kan beställa dokument.")
    if fmt not in DocumentJob.Format.values:
        raise ValidationError({"fmt": ["Okänt format."]})
    try:
        selectors.validate_period(start, end)
    except selectors.PeriodError as exc:
        raise ValidationError({"till": [str(exc)]}) from exc
    order = {
        "municipality": viewer.municipality,
        "created_by": viewer.user,
        "fmt": fmt,
        "period_start": start,
        "period_end": end,
        "resolution": resolution,
    }
    with transaction.atomic():
        # One order at a time per person, so a double click gives one job (SQLite's
        # immediate transactions serialise writers already).
        get_user_model().objects.select_for_update().filter(pk=viewer.user.pk).first()
        mine = DocumentJob.objects.filter(municipality=viewer.municipality, created_by=viewer.user)
        now = timezone.now()
        for job in mine.filter(**order).exclude(status=DocumentJob.Status.MISSLYCKAD):
            if job.running or (job.finished_at and job.finished_at >= now - DOCUMENT_REUSE):
                return job
        waiting = mine.filter(status__in=[DocumentJob.Status.VANTAR, DocumentJob.Status.KOR])
        if sum(job.running for job in waiting) >= DOCUMENT_MAX_RUNNING:
            raise ValidationError(
                f"Du har redan {DOCUMENT_MAX_RUNNING} dokument som tas fram. Vänta tills "
                "något av dem är klart."
            )
        job = DocumentJob.objects.create(**order)
        audit(
            viewer,
            "lagesbild.document_ordered",
            job,
            summary=f"Lägesbild {start:%Y-%m-%d}–{end:%Y-%m-%d} beställd som {fmt.upper()}",
            start=start.isoformat(),
            end=end.isoformat(),
            format=fmt,
        )
        from ..tasks import build_picture_document

        job_enqueue(job, build_picture_document)
    return job


def _access(viewer: Viewer) -> str:
    """What decides which reports a viewer reads: roles and organisations."""
    return (
        ",".join(sorted(viewer.roles)) + "|" + ",".join(map(str, sorted(viewer.organisation_ids)))
    )


def document_job_build(job: DocumentJob) -> None:
    """Run by the task worker on a job it has claimed (core.jobs.job_claim): the picture as
    its creator may read it today, rendered. A job not claimed is left alone."""
    from trygg.core.selectors import workspace_for_user

    from .. import documents_adapter

    if job.status != DocumentJob.Status.KOR:
        return
    job.status = DocumentJob.Status.MISSLYCKAD
    try:
        workspace = workspace_for_user(job.created_by)
        viewer = Viewer(
            municipality=job.municipality,
            roles=workspace.roles_in(job.municipality),
            organisation_ids=workspace.organisations_in(job.municipality),
            user=job.created_by,
        )
        if not viewer.may("lagesbild.export"):
            job.message = "Du har inte längre behörighet att ladda ned lägesbilden."
        else:
            picture = selectors.picture_for_period(
                viewer=viewer,
                start=job.period_start,
                end=job.period_end,
                resolution=job.resolution,
            )
            body, _content_type = documents_adapter.picture_document(picture, job.fmt)
            job.filename = (
                f"lagesbild-{job.municipality.slug}-{picture.start:%Y%m%d}-"
                f"{picture.end:%Y%m%d}.{job.fmt}"
            )
            job.access = _access(viewer)
            job.file.save(job.filename, ContentFile(body), save=False)
            job.status = DocumentJob.Status.KLAR
    except selectors.PeriodError as exc:
        job.message = str(exc)
    except Exception:
        # The period and the job id are enough to retry; the picture may hold personal data.
        log.exception("lägesbild document job %s failed", job.pk)
        job.message = "Dokumentet kunde inte tas fram. Försök igen eller kontakta förvaltningen."
    job.finished_at = timezone.now()
    fields = ["status", "file", "filename", "access", "message", "finished_at"]
    if not DocumentJob.objects.filter(pk=job.pk).exists():
        # Deleted meanwhile (its creator was removed): no row will ever point at the file.
        if job.file:
            job.file.delete(save=False)
        return
    job.save(update_fields=fields)


def document_job_open(*, viewer: Viewer, job: DocumentJob):
    """The finished document's file for its creator, audited. Refused, and the file
    deleted, when the creator's roles or organisations changed since it was made."""
    require(viewer, "lagesbild.export")
    if job.created_by_id != viewer.user_id or job.status != DocumentJob.Status.KLAR:
        raise PermissionDenied("Dokumentet finns inte.")
    if job.access != _access(viewer):
        with transaction.atomic():
            job.file.delete(save=False)
            job.status = DocumentJob.Status.MISSLYCKAD
            job.message = (
                "Din behörighet har ändrats sedan dokumentet togs fram, så det är borttaget. "
                "Beställ det igen."
            )
            job.save(update_fields=["status", "file", "message"])
        raise ValidationError(job.message)
    handle = job.file.open("rb")
    audit(
        viewer,
        "lagesbild.document_downloaded",
        job,
        summary=f"Lägesbild {job.period_start:%Y-%m-%d}–{job.period_end:%Y-%m-%d} nedladdad som "
        f"{job.fmt.upper()}",
        start=job.period_start.isoformat(),
        end=job.period_end.isoformat(),
        format=job.fmt,
    )
    return handle


def picture_document_exported(*, viewer: Viewer, start: date, end: date, fmt: str) -> None:
    """Audits a lägesbild downloaded at once (a short period)."""
    require(viewer, "lagesbild.export")
    audit(
        viewer,
        "lagesbild.document_downloaded",
        None,
        summary=f"Lägesbild {start:%Y-%m-%d}–{end:%Y-%m-%d} nedladdad som {fmt.upper()}",
        start=start.isoformat(),
        end=end.isoformat(),
        format=fmt,
    )


def document_jobs_purge(*, now=None) -> int:
    """Deletes document jobs older than a week (DocumentJob.ROW_KEEP) in every municipality,
    files included, and marks lost ones failed; returns how many were deleted."""
    return jobs_sweep(DocumentJob, now=now)["rows"]
