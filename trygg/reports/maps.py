"""The report map's data: H3 hexagon counts when zoomed out, single points when zoomed in.

Counts are an indexed GROUP BY on the stored cell column, so the map stays fast at any
number of reports; only point-precise reports are drawn (the response says how many others
were left out)."""

from django.db.models import Count, Q
from django.urls import reverse

from trygg.core.viewer import Viewer
from trygg.geo.h3cells import cell_boundary

from .selectors import ReportFilter, report_list

POINT_ZOOM = 16
MAX_POINTS = 2000


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
    without_point = qs.filter(~Q(precision="punkt") | Q(lat__isnull=True)).count()
    located = qs.filter(
        precision="punkt",
        lat__isnull=False,
        lat__gte=south,
        lat__lte=north,
        lon__gte=west,
        lon__lte=east,
    )
    res = resolution_for_zoom(zoom)
    features = []
    if res is None:
        rows = located.values_list("pk", "lat", "lon", "category__name", "status")[:MAX_POINTS]
        for pk, lat, lon, category, status in rows:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "id": pk,
                        "category": category,
                        "status": status,
                        "url": reverse("reports:detail", args=[pk]),
                    },
                }
            )
        mode = "points"
    else:
        column = f"h3_r{res}"
        rows = located.values(column).annotate(n=Count("id")).order_by()
        for row in rows:
            cell = row[column]
            ring = [list(p) for p in cell_boundary(cell)]
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
                    "properties": {"count": row["n"], "cell": f"{cell:x}"},
                }
            )
        mode = "hexagons"
    return {
        "type": "FeatureCollection",
        "mode": mode,
        "resolution": res,
        "features": features,
        "without_point": without_point,
    }
