"""The aggregates a municipality publishes to its county (trygg/county): raw counts per
category and period, and point-precise counts per H3 r8 cell. The caller suppresses; these
never leave the municipality except through a snapshot the samordnare publishes."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q

from trygg.core.viewer import Viewer

from .models import POINT_LIKE, Report


def _official(viewer: Viewer, start: datetime, end: datetime):
    if not viewer.may("reports.view"):
        raise PermissionDenied("Du har inte behörighet att läsa rapporter.")
    return Report.objects.filter(
        municipality=viewer.municipality,
        occurred_at__gte=start,
        occurred_at__lt=end,
        withdrawn_at__isnull=True,
    )


def counts_by_category_and_period(
    *, viewer: Viewer, periods: list[tuple[datetime, datetime]]
) -> dict[int, list[int]]:
    """{category id: [count in each period]} for every report, in one scan."""
    per_period = {
        f"p{i}": Count("id", filter=Q(occurred_at__gte=start, occurred_at__lt=end))
        for i, (start, end) in enumerate(periods)
    }
    rows = (
        _official(viewer, periods[0][0], periods[-1][1])
        .values("category_id")
        .annotate(**per_period)
        .order_by()
    )
    return {r["category_id"]: [r[f"p{i}"] for i in range(len(periods))] for r in rows}


def counts_by_h3_r8(*, viewer: Viewer, start: datetime, end: datetime) -> dict[int, int]:
    """{H3 r8 cell: count} of the point-precise reports (centroids would plant false hot spots)."""
    rows = (
        _official(viewer, start, end)
        .filter(POINT_LIKE, h3_r8__isnull=False)
        .values("h3_r8")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r["h3_r8"]: r["n"] for r in rows}
