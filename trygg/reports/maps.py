"""The report map's data: H3 hexagon counts when zoomed out, single points when zoomed in.

Counts are a GROUP BY on the stored cell column that reads only the covering index
report_muni_map_cover; only point-precise reports are drawn (the response says how many
others were left out). The map opens on the last twelve months: five years of a large city
are hundreds of thousands of points to count on every pan, and the operational question is
what happens now; earlier years are one link away."""

import dataclasses
from datetime import date, timedelta
from functools import lru_cache

from django.db.models import Count
from django.urls import reverse

from trygg.core.viewer import Viewer
from trygg.geo.h3cells import cell_boundary
from trygg.geo.selectors import area_index

from .selectors import POINT_LIKE, ReportFilter, report_list

POINT_ZOOM = 16
MAX_POINTS = 2000
DEFAULT_DAYS = 365


def with_default_period(filters: ReportFilter, *, today: date) -> ReportFilter:
    """The filters the map opens with: the last twelve months when no date is chosen."""
    if filters.date_from or filters.date_to:
        return filters
    return dataclasses.replace(filters, date_from=today - timedelta(days=DEFAULT_DAYS - 1))


@lru_cache(maxsize=8192)
def _ring(cell: int) -> tuple:
    """The cell's closed GeoJSON ring; the same cells come back on every pan."""
    ring = [[lon, lat] for lon, lat in cell_boundary(cell)]
    return (*ring, ring[0])


def resolution_for_zoom(zoom: int) -> int | None:
    if zoom >= POINT_ZOOM:
        return None
    if zoom >= 14:
        return 9
    if zoom >= 12:
        return 8
    return 7


def map_features(*, viewer: Viewer, filters: ReportFilter, bbox: tuple, zoom: int) -> dict:
    west, south, east, north = bbox
    qs = report_list(viewer=viewer, filters=filters).order_by()
    # A point always has coordinates (constraint report_point_has_coordinates); an address
    # of the register has them too and is drawn like one.
    without_point = qs.exclude(POINT_LIKE).count()
    located = qs.filter(
        POINT_LIKE,
        lat__gte=south,
        lat__lte=north,
        lon__gte=west,
        lon__lte=east,
    )
    res = resolution_for_zoom(zoom)
    features = []
    if res is None:
        rows = located.values_list("pk", "lat", "lon", "category__name", "status")[:MAX_POINTS]
        # One reverse() for up to 2,000 points: it costs more than the query itself.
        url = reverse("reports:detail", args=[0]).rsplit("0", 1)
        for pk, lat, lon, category, status in rows:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "id": pk,
                        "category": category,
                        "status": status,
                        "url": f"{url[0]}{pk}{url[1]}",
                    },
                }
            )
        mode = "points"
    else:
        column = f"h3_r{res}"
        rows = located.values_list(column).annotate(n=Count("*")).order_by()
        for cell, n in rows:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Polygon", "coordinates": [_ring(cell)]},
                    "properties": {"count": n, "cell": f"{cell:x}"},
                }
            )
        mode = "hexagons"
    in_areas = _district_counts(viewer, qs, bbox) if without_point else []
    return {
        "type": "FeatureCollection",
        "mode": mode,
        "resolution": res,
        "features": features + in_areas,
        "without_point": without_point,
        "in_areas": sum(f["properties"]["area_count"] for f in in_areas),
    }


def _district_counts(viewer: Viewer, qs, bbox: tuple) -> list[dict]:
    """Reports placed only in an area (a district, a locality, a DeSO: precision område, no
    point) as each district's count, written at a point inside the district: they count
    where they were placed and are never drawn as invented points. One GROUP BY."""
    west, south, east, north = bbox
    index = area_index(viewer.municipality)
    labels = index.district_label_points()
    if not labels:
        return []
    names = index.district_names()
    rows = (
        qs.exclude(POINT_LIKE)
        .filter(areas__in=list(labels))
        .values_list("areas")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    features = []
    for area_id, n in rows:
        lat, lon = labels[area_id]
        if south <= lat <= north and west <= lon <= east:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {"area_count": n, "area": names.get(area_id, "")},
                }
            )
    return features


# Precisions whose coordinates are the place itself; the others are a centroid of an area.
_DRAWN_AS_POINT = ("punkt", "adress")


def report_place(report) -> dict | None:
    """What the report page's map draws: the report's point when its place is a point or an
    address, else the smallest of its areas (never a centroid as if it were the place);
    None when there is neither. Reads the areas the page lists anyway."""
    if report.lat is not None and report.precision in _DRAWN_AS_POINT:
        return {"point": [report.lat, report.lon]}
    areas = [a for a in report.areas.all() if a.kind != "kommungrans"]
    if not areas:
        return None
    smallest = min(areas, key=lambda a: a.area_km2)
    return {"area": smallest.geometry, "name": smallest.name}
