"""Writes for areas: import from GeoJSON (all or nothing) and delete."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from pyproj import Geod

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from . import geojson
from .models import Area

_geod = Geod(ellps="WGS84")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    crs: str

    @property
    def total(self) -> int:
        return self.created + self.updated


def areas_import(
    *,
    viewer: Viewer,
    raw: bytes | str,
    kind: str,
    crs: str | None = None,
    name_property: str = "",
    code_property: str = "",
) -> ImportResult:
    """Imports every polygon of a GeoJSON file as an area of `kind`, or nothing at all.

    An area with the same kind and name is replaced, so importing a file twice changes nothing.
    """
    require(viewer, "geo.manage_areas")
    municipality = viewer.municipality
    if kind not in Area.Kind.values:
        raise ValidationError({"kind": "Okänd områdestyp."})
    try:
        parsed = geojson.parse(
            raw, crs=crs, name_property=name_property, code_property=code_property
        )
    except geojson.GeoJSONError as exc:
        raise ValidationError(exc.problems) from None
    if kind == Area.Kind.KOMMUNGRANS and len(parsed.areas) != 1:
        raise ValidationError(
            f"En kommungräns ska vara ett enda objekt; filen har {len(parsed.areas)}."
        )
    _check_inside_boundary(municipality, kind, parsed.areas)

    created = updated = 0
    with transaction.atomic():
        for item in parsed.areas:
            geom = item.geometry
            min_lon, min_lat, max_lon, max_lat = geom.bounds
            values = {
                "code": item.code,
                "geometry": item.geojson,
                "min_lon": min_lon,
                "min_lat": min_lat,
                "max_lon": max_lon,
                "max_lat": max_lat,
                "area_km2": round(abs(_geod.geometry_area_perimeter(geom)[0]) / 1e6, 3),
            }
            name = municipality.name if kind == Area.Kind.KOMMUNGRANS else item.name
            area, was_created = Area.objects.update_or_create(
                municipality=municipality, kind=kind, name=name, defaults=values
            )
            created += was_created
            updated += not was_created
        audit(
            viewer,
            "geo.area_imported",
            summary=f"{created + updated} områden ({Area.Kind(kind).label}) importerade",
            kind=kind,
            created=created,
            updated=updated,
            crs=parsed.crs,
        )
    return ImportResult(created=created, updated=updated, crs=parsed.crs)


def _check_inside_boundary(municipality, kind, areas) -> None:
    """Districts must overlap the municipality; a boundary is not checked against itself."""
    if kind == Area.Kind.KOMMUNGRANS:
        return
    from .selectors import area_index

    index = area_index(municipality)
    if index.boundary is None:
        return
    outside = [a.name for a in areas if not index.boundary.intersects(a.geometry)]
    if outside:
        raise ValidationError(
            [f"{name}: området ligger helt utanför kommungränsen." for name in outside]
        )


@transaction.atomic
def area_delete(*, viewer: Viewer, area: Area) -> None:
    """Deletes one of the viewer's municipality's areas, audited with its kind and code."""
    require(viewer, "geo.manage_areas")
    own(viewer, area)
    audit(
        viewer,
        "geo.area_deleted",
        area,
        summary=f"Området {area.name} borttaget",
        kind=area.kind,
        code=area.code,
    )
    area.delete()
