"""Reads for focus areas and medborgarlöften, for staff and for the public pages."""

from collections import Counter

from django.db.models import QuerySet

from .models import CitizenPromise, FocusArea, PromiseActivity


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


def statistics_comparison(*, municipality) -> dict:
    """Reported offences per 100 000 inhabitants for the municipality, its county and the
    country, by offence and year: {"years": [...], "rows": [(indicator, [(year, m, c, r)])]}."""
    from .models import CrimeStatistic

    codes = {municipality.kommunkod: "m", municipality.county_code: "c", "00": "r"}
    values: dict[tuple[str, int], dict[str, float]] = {}
    for code, year, indicator, value in CrimeStatistic.objects.filter(
        region_code__in=codes, unit="per100k", source="Anmälda brott"
    ).values_list("region_code", "year", "indicator", "value"):
        values.setdefault((indicator, year), {})[codes[code]] = value
    years = sorted({y for _, y in values})
    indicators = sorted(
        {i for i, _ in values}, key=lambda i: (i != "Totalt antal anmälda brott", i)
    )
    rows = [
        (i, [(y, *(values.get((i, y), {}).get(k) for k in ("m", "c", "r"))) for y in years])
        for i in indicators
    ]
    return {"years": years, "rows": rows}
