"""Placing the reports already stored in an area drawn after they came in (a grannsamverkan
area, a project area): intake places a report in the areas that exist when it arrives, so a
new area would otherwise count nothing before its first day and a before/after comparison
in it would read as a rise from zero."""

from django.db import transaction
from shapely.geometry import Point, shape
from shapely.prepared import prep

from trygg.geo.models import Area

from ..models import Report


@transaction.atomic
def reports_place_in_area(*, area: Area) -> int:
    """Adds `area` to every point- or address-precise report of its municipality inside it
    that does not have it yet; returns how many were added."""
    polygon = prep(shape(area.geometry))
    candidates = (
        Report.objects.filter(
            municipality_id=area.municipality_id,
            lat__gte=area.min_lat,
            lat__lte=area.max_lat,
            lon__gte=area.min_lon,
            lon__lte=area.max_lon,
            precision__in=[Report.Precision.PUNKT, Report.Precision.ADRESS],
        )
        .exclude(areas=area)
        .values_list("pk", "lat", "lon")
    )
    inside = [pk for pk, lat, lon in candidates if polygon.contains(Point(lon, lat))]
    through = Report.areas.through
    through.objects.bulk_create([through(report_id=pk, area_id=area.pk) for pk in inside])
    return len(inside)
