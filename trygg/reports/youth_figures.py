"""Reports in the categories that concern children and young people, per area: what the
youth-activities page sets beside the supply of activities (issue 19). Kept apart from
selectors.py, which is at the size the house rule allows."""

from datetime import datetime

from django.db.models import Count, Q

from trygg.core.viewer import Viewer

from .selectors import _official, published_count


def youth_report_counts_by_area(
    *, viewer: Viewer, start: datetime, end: datetime, area_ids
) -> dict[int, int | None]:
    """Area id → reports in [start, end) in categories marked as concerning children and
    young people (the category's own flag or its parent's), suppressed as published counts."""
    rows = (
        _official(viewer, start, end)
        .filter(Q(category__youth_related=True) | Q(category__parent__youth_related=True))
        .filter(areas__id__in=list(area_ids))
        .values("areas__id")
        .annotate(n=Count("id", distinct=True))
    )
    return {r["areas__id"]: published_count(viewer, r["n"]) for r in rows}
