"""Background work for reports, run by the task worker (django-tasks, database backend)."""

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.models import Municipality, Organisation

from . import images
from .models import ImportJob, Photo, Report

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
    path = reverse("reports:detail", args=[report.pk])
    send_mail(
        subject=f"Trygg: rapport #{report.pk} ({report.category.name}) tilldelad {org.name}",
        message=(
            f"Hej!\n\nEn rapport i {report.municipality.name} har tilldelats {org.name}:\n\n"
            f"  Kategori: {report.category}\n"
            f"  Inträffade: {timezone.localtime(report.occurred_at):%Y-%m-%d %H:%M}\n"
            f"  Plats: {report.place_name_redacted or 'se kartan'}\n\n"
            f"Logga in i Trygg för att läsa den: {path}\n\nTrygg"
        ),
        from_email=None,
        recipient_list=[org.email],
    )


def digest_for(organisation: Organisation, since) -> str | None:
    with scope(municipality=organisation.municipality):
        rows = (
            Report.objects.filter(
                municipality=organisation.municipality,
                assigned_organisation=organisation,
                status__in=[Report.Status.NY, Report.Status.BEDOMD, Report.Status.ATGARDAS],
            )
            .values("category__name")
            .annotate(n=Count("id"))
            .order_by("-n")
        )
        new = Report.objects.filter(
            municipality=organisation.municipality,
            assigned_organisation=organisation,
            created_at__gte=since,
        ).count()
    if not rows:
        return None
    lines = [f"  {r['category__name']}: {r['n']}" for r in rows]
    return (
        f"Hej!\n\nÖppna rapporter tilldelade {organisation.name} ({new} nya sedan i går):\n\n"
        + "\n".join(lines)
        + "\n\nLogga in i Trygg för att se dem.\n\nTrygg"
    )


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
        body = digest_for(org, since)
        if body:
            send_mail(
                subject=f"Trygg: dagens sammanställning för {org.name}",
                message=body,
                from_email=None,
                recipient_list=[org.email],
            )
            sent += 1
    return sent


@task()
def run_import(job_id: int) -> None:
    from .imports import import_run

    with scopes_disabled():
        job = ImportJob.objects.filter(pk=job_id).select_related("municipality").first()
    if job is None:
        return
    with scope(municipality=job.municipality):
        import_run(job)


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
