"""Reads for focus areas and medborgarlöften, for staff and for the public pages."""

from collections import Counter

from django.db.models import QuerySet

from ..models import CitizenPromise, FocusArea, PromiseActivity


def focus_areas(*, municipality) -> QuerySet[FocusArea]:
    return FocusArea.objects.filter(municipality=municipality).prefetch_related("areas")


def promises(*, municipality) -> QuerySet[CitizenPromise]:
    return CitizenPromise.objects.filter(municipality=municipality).order_by("-year")


def promise_get(*, municipality, pk: int) -> CitizenPromise | None:
    return (
        promises(municipality=municipality)
        .filter(pk=pk)
        .prefetch_related("focus_areas", "activities__focus_area")
        .first()
    )


def published_promises(*, municipality) -> QuerySet[CitizenPromise]:
    return promises(municipality=municipality).filter(published_at__isnull=False)


def public_promise(*, municipality, year: int | None = None) -> CitizenPromise | None:
    """The published promise of a year, or the latest published one."""
    qs = published_promises(municipality=municipality).prefetch_related(
        "focus_areas", "activities__focus_area"
    )
    if year is not None:
        qs = qs.filter(year=year)
    return qs.first()


def progress(promise: CitizenPromise) -> dict:
    """Counts per status and the share done, for the progress bar."""
    counts = Counter(a.status for a in promise.activities.all())
    total = sum(counts.values())
    done = counts[PromiseActivity.Status.GENOMFORD]
    return {
        "total": total,
        "done": done,
        "ongoing": counts[PromiseActivity.Status.PAGAR],
        "percent": round(100 * done / total) if total else 0,
    }


def feed_items(*, municipality, limit: int = 50) -> list:
    """Published promises and their activities, newest change first."""
    published = list(published_promises(municipality=municipality))
    activities = list(
        PromiseActivity.objects.filter(municipality=municipality, promise__in=published)
        .select_related("promise")
        .order_by("-updated_at")[:limit]
    )
    items = [("promise", p, p.published_at) for p in published] + [
        ("activity", a, a.updated_at) for a in activities
    ]
    return sorted(items, key=lambda item: item[2], reverse=True)[:limit]
