"""Retention (gallring): deleting reports past their category's retention period."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from trygg.core.audit import audit_log
from trygg.core.models import Municipality

from ..models import Category, Photo, Report


def reports_purge_expired(*, municipality: Municipality, now=None) -> int:
    """Deletes the municipality's reports whose category's retention period has passed,
    with their photos' files; audited with counts only. Returns how many were deleted."""
    now = now or timezone.now()
    ids: list[int] = []
    # One indexed range query per category (municipality, category, occurred_at).
    for category in Category.objects.filter(municipality=municipality):
        cutoff = now - timedelta(days=category.retention_days)
        ids += Report.objects.filter(
            municipality=municipality, category=category, occurred_at__lt=cutoff
        ).values_list("pk", flat=True)
    deleted = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        with transaction.atomic():
            photos = list(Photo.objects.filter(municipality=municipality, report_id__in=chunk))
            Report.objects.filter(municipality=municipality, pk__in=chunk).delete()
            for photo in photos:
                transaction.on_commit(lambda p=photo: _delete_files(p))
            deleted += len(chunk)
    if deleted:
        audit_log(
            event="reports.purged",
            municipality=municipality,
            summary=f"Gallring: {deleted} rapporter äldre än kategorins gallringsfrist",
            data={"deleted": deleted},
        )
    return deleted


def _delete_files(photo: Photo) -> None:
    for f in (photo.image, photo.thumbnail):
        if f:
            f.storage.delete(f.name)
