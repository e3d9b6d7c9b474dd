"""Background work for reports, run by the task worker (django-tasks, database backend)."""

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db.models import Count
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.jobs import job_claim, jobs_sweep
from trygg.core.mail import absolute_url, mail_send
from trygg.core.models import Municipality, Organisation

from . import images
from .models import ExportJob, ImportJob, Photo, Report, ReportEvent, StatusSubscription

log = logging.getLogger(__name__)


@task()
def make_thumbnail(photo_id: int) -> None:
    # Tasks are not tied to one request: look the row up across tenants, then scope.
    with scopes_disabled():
        photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None or photo.thumbnail:
        return
    with photo.image.open("rb") as fh:
        data = images.thumbnail(fh.read())
    photo.thumbnail.save("thumb.jpg", ContentFile(data), save=False)
    with scopes_disabled():
        photo.save(update_fields=["thumbnail"])


@task()
def notify_assignment(report_id: int) -> None:
    """E-mails the assigned organisation's function address (no personal data in the mail)."""
    with scopes_disabled():
        report = (
            Report.objects.filter(pk=report_id)
            .select_related("assigned_organisation", "category", "municipality")
            .first()
        )
    if report is None or report.assigned_organisation is None:
        return
    org = report.assigned_organisation
    if not org.email:
        log.info("report %s assigned to organisation %s without e-mail", report.pk, org.pk)
        return
    mail_send(
        template="reports/email/assigned",
        context={
            "report": report,
            "organisation": org,
            "occurred_at": timezone.localtime(report.occurred_at),
            "link": absolute_url("reports:detail", report.pk),
        },
        to=[org.email],
    )


@task()
def mail_status_change(report_id: int, status: str, reply_id: int | None = None) -> None:
    """E-mails the citizen who opted in that their report changed status, with the public
    reply (redacted) and an unsubscribe link. Nothing is logged about the address."""
    from .services.tracking import status_subscription_token

    with scopes_disabled():
        subscription = (
            StatusSubscription.objects.filter(report_id=report_id)
            .select_related("report__category", "report__municipality")
            .first()
        )
        reply = (
            ReportEvent.objects.filter(
                pk=reply_id, report_id=report_id, kind=ReportEvent.Kind.PUBLIC_REPLY
            ).first()
            if reply_id
            else None
        )
    if subscription is None or status not in Report.Status.values:
        # Unsubscribed (or purged) between the change and the worker: nothing to send.
        return
    report = subscription.report
    slug = report.municipality.slug
    unsubscribe = absolute_url("public:unsubscribe", slug, status_subscription_token(subscription))
    mail_send(
        template="reports/email/status_changed",
        context={
            "report": report,
            "status_label": Report.Status(status).label,
            "reply": reply.text_redacted if reply is not None else "",
            "link": absolute_url("public:report_status", slug, report.tracking_code),
            "unsubscribe": unsubscribe,
        },
        to=[subscription.email],
        # RFC 8058: mail clients offer their own one-click unsubscribe button.
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def digest_for(organisation: Organisation, since) -> dict | None:
    """What the daily digest mail of `organisation` says, or None when it has nothing open."""
    with scope(municipality=organisation.municipality):
        rows = list(
            Report.objects.filter(
                municipality=organisation.municipality,
                assigned_organisation=organisation,
                status__in=[Report.Status.NY, Report.Status.BEDOMD, Report.Status.ATGARDAS],
            )
            .values("category__name")
            .annotate(n=Count("id"))
            .order_by("-n", "category__name")
        )
        new = Report.objects.filter(
            municipality=organisation.municipality,
            assigned_organisation=organisation,
            created_at__gte=since,
        ).count()
    if not rows:
        return None
    return {
        "organisation": organisation,
        "rows": rows,
        "new": new,
        "link": absolute_url("reports:list"),
    }


@task()
def send_daily_digests() -> int:
    """One e-mail per organisation with open assigned reports; returns how many were sent."""
    since = timezone.now() - timedelta(days=1)
    sent = 0
    with scopes_disabled():
        organisations = list(
            Organisation.objects.filter(active=True)
            .exclude(email="")
            .select_related("municipality")
        )
    for org in organisations:
        context = digest_for(org, since)
        if context:
            mail_send(template="reports/email/digest", context=context, to=[org.email])
            sent += 1
    return sent


@task()
def run_import(job_id: int) -> None:
    from .imports import import_run

    # Claimed once: a second run of the same task, or a second worker, finds it taken.
    job = job_claim(ImportJob, job_id)
    if job is None:
        return
    with scope(municipality=job.municipality):
        import_run(job)


@task()
def sweep_import_jobs() -> dict:
    """Gallring of uploads: the files of finished imports (see ImportJob.file_expired) in
    every municipality, and imports whose worker was lost marked failed."""
    return jobs_sweep(ImportJob)


@task()
def run_export(job_id: int) -> None:
    from .services import export_job_build

    # Claimed once: a second run of the same task, or a second worker, finds it taken.
    job = job_claim(ExportJob, job_id)
    if job is None:
        return
    with scope(municipality=job.municipality):
        export_job_build(job)


@task()
def sweep_export_jobs() -> dict:
    """Gallring of large exports: their files the municipality's job_file_keep_days after
    they were made (they hold what the requester could read), and lost ones marked failed."""
    return jobs_sweep(ExportJob)


@task()
def purge_expired_reports() -> int:
    """Gallring: deletes reports older than their category's retention period, in every
    municipality; returns how many. Photos go with them (files included)."""
    from .services import reports_purge_expired

    total = 0
    with scopes_disabled():
        municipalities = list(Municipality.objects.all())
    for municipality in municipalities:
        with scope(municipality=municipality):
            total += reports_purge_expired(municipality=municipality)
    return total
