"""Reads for areas, and the point → area index (shapely STRtree), cached per process
until the municipality's areas change."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from threading import Lock
from typing import TYPE_CHECKING

import numpy as np
import shapely
from django.db.models import Count, Max, QuerySet
from shapely.geometry import Point, shape
from shapely.strtree import STRtree

from .models import Area

if TYPE_CHECKING:
    from trygg.core.models import Municipality

# Other apps name kinds of area (a draft counts reports per stadsdel) through geo's reads,
# not its models.
AreaKind = Area.Kind


def area_list(
    *, municipality: Municipality, kind: str = "", without_boundary: bool = False
) -> QuerySet[Area]:
    """The municipality's areas; `without_boundary` leaves out the municipality's own
    boundary, for pickers where "the whole municipality" is no choice."""
    qs = Area.objects.filter(municipality=municipality).defer("geometry")
    if kind:
        qs = qs.filter(kind=kind)
    if without_boundary:
        qs = qs.exclude(kind=Area.Kind.KOMMUNGRANS)
    return qs.order_by("kind", "name")


def areas_named() -> QuerySet[Area]:
    """Areas with only id and name loaded, to prefetch onto rows that list their areas: an
    outline is GeoJSON of up to ~100 kB and a list needs only the name."""
    return Area.objects.only("id", "name")


def area_get(*, municipality: Municipality, pk: int) -> Area | None:
    return Area.objects.filter(municipality=municipality, pk=pk).first()


def boundary_geojson(*, municipality: Municipality) -> dict | None:
    area = (
        Area.objects.filter(municipality=municipality, kind=Area.Kind.KOMMUNGRANS)
        .only("geometry")
        .first()
    )
    return area.geometry if area else None


@dataclass
class AreaIndex:
    """Every area of one municipality in an STRtree; answers "which areas hold this point"."""

    ids: np.ndarray
    names: list[str]
    kinds: list[str]
    tree: STRtree | None
    boundary: object | None
    boundary_geojson: dict | None = None
    # H3 cells covering the boundary per resolution: the lägesbild's Gi* study area, which
    # costs a polygon fill (about 17 ms for Köping at r8) that only an area change alters.
    _study_cells: dict = field(default_factory=dict)
    _outline: dict = field(default_factory=dict)
    # The pickers' labels (area_labels): built once per index, as a DeSO's district needs
    # its outline.
    _labels: dict | None = None

    def offline_outline(self) -> dict | None:
        """The boundary a phone checks a position against before it queues a report
        offline: simplified (a few hundred vertices instead of thousands) and widened by
        about 100 m, so the phone refuses only what is clearly outside. The server still
        decides with the exact boundary when the report arrives."""
        if self.boundary is None:
            return None
        if "geojson" not in self._outline:
            from shapely.geometry import mapping

            shape = self.boundary.simplify(0.0005).buffer(0.001).simplify(0.0003)
            self._outline["geojson"] = mapping(shape)
        return self._outline["geojson"]

    def study_cells(self, resolution: int) -> np.ndarray | None:
        """The sorted int64 H3 cells that cover the municipality's boundary, or None."""
        if self.boundary_geojson is None:
            return None
        cells = self._study_cells.get(resolution)
        if cells is None:
            # Imported here: scipy and h3 are not needed by every process that reads areas.
            from trygg.analytics.hotspots import study_cells

            cells = study_cells(self.boundary_geojson, resolution)
            cells.setflags(write=False)
            self._study_cells[resolution] = cells
        return cells

    def district_label_points(self) -> dict[int, tuple[float, float]]:
        """District id → (lat, lon) of a point inside it, where the report map writes the
        count of reports placed only in that district (never as if a report stood there)."""
        if "labels" not in self._outline:
            points = {}
            if self.tree is not None:
                for pk, geom, kind in zip(
                    self.ids.tolist(), self.tree.geometries, self.kinds, strict=True
                ):
                    if kind == Area.Kind.STADSDEL:
                        point = geom.representative_point()
                        points[pk] = (point.y, point.x)
            self._outline["labels"] = points
        return self._outline["labels"]

    def district_names(self) -> dict[int, str]:
        """Area id → name of the municipality's districts (stadsdelar)."""
        return {
            i: n
            for i, n, k in zip(self.ids.tolist(), self.names, self.kinds, strict=True)
            if k == Area.Kind.STADSDEL
        }

    def area_ids_at(self, lat: float, lon: float) -> list[int]:
        if self.tree is None:
            return []
        hits = self.tree.query(Point(lon, lat), predicate="intersects")
        return sorted(int(self.ids[i]) for i in hits)

    def area_ids_for_points(self, lats, lons) -> list[list[int]]:
        """Bulk form for imports: one list of area ids per point."""
        result: list[list[int]] = [[] for _ in range(len(lats))]
        if self.tree is None or not len(lats):
            return result
        points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        point_idx, area_idx = self.tree.query(points, predicate="intersects")
        for p, a in zip(point_idx.tolist(), area_idx.tolist(), strict=True):
            result[p].append(int(self.ids[a]))
        for ids in result:
            ids.sort()
        return result

    def names_for(self, area_ids) -> list[str]:
        lookup = dict(zip(self.ids.tolist(), self.names, strict=True))
        return [lookup[a] for a in area_ids if a in lookup]

    def inside_municipality(self, lat: float, lon: float) -> bool | None:
        """None when the municipality has no boundary to test against."""
        if self.boundary is None:
            return None
        return bool(self.boundary.intersects(Point(lon, lat)))


_cache: dict[int, tuple[tuple, float, AreaIndex]] = {}
_lock = Lock()
# How long a process trusts its index without asking the database whether areas changed.
# Changes made in this process invalidate at once (signals); other processes within this.
VERSION_TTL = 5.0


def invalidate(municipality_id: int) -> None:
    with _lock:
        _cache.pop(municipality_id, None)


def area_index(municipality: Municipality) -> AreaIndex:
    now = time.monotonic()
    with _lock:
        cached = _cache.get(municipality.pk)
        if cached and now - cached[1] < VERSION_TTL:
            return cached[2]
    version = tuple(
        Area.objects.filter(municipality=municipality)
        .aggregate(n=Count("id"), changed=Max("updated_at"))
        .values()
    )
    if cached and cached[0] == version:
        with _lock:
            _cache[municipality.pk] = (version, now, cached[2])
        return cached[2]
    rows = list(
        Area.objects.filter(municipality=municipality).values_list("id", "name", "kind", "geometry")
    )
    geoms = [shape(g) for _, _, _, g in rows]
    for g in geoms:
        shapely.prepare(g)
    boundary, boundary_geojson = next(
        ((g, r[3]) for r, g in zip(rows, geoms, strict=True) if r[2] == "kommungrans"),
        (None, None),
    )
    index = AreaIndex(
        ids=np.array([r[0] for r in rows], dtype=np.int64),
        names=[r[1] for r in rows],
        kinds=[r[2] for r in rows],
        tree=STRtree(geoms) if geoms else None,
        boundary=boundary,
        boundary_geojson=boundary_geojson,
    )
    with _lock:
        _cache[municipality.pk] = (version, now, index)
    return index


def areas_at_point(*, municipality: Municipality, lat: float, lon: float) -> list[Area]:
    ids = area_index(municipality).area_ids_at(lat, lon)
    return list(Area.objects.filter(municipality=municipality, id__in=ids).defer("geometry"))


def deso_districts(*, municipality: Municipality) -> dict[str, tuple[str, str]]:
    """DeSO code → (DeSO name, district name or ""), the district being the stadsdel that holds
    the DeSO's representative point (DeSOs nest in districts dissolved from them)."""
    index = area_index(municipality)
    out = {}
    for code, name, geometry in Area.objects.filter(
        municipality=municipality, kind=Area.Kind.DESO
    ).values_list("code", "name", "geometry"):
        point = shape(geometry).representative_point()
        names = {
            index.ids[i]: index.names[i]
            for i in range(len(index.ids))
            if index.kinds[i] == Area.Kind.STADSDEL
        }
        hits = [names[i] for i in index.area_ids_at(point.y, point.x) if i in names]
        district = hits[0] if hits else ""
        out[code] = (name, district)
    return out


def map_background(*, municipality: Municipality) -> dict:
    """What the server-side SVG maps draw under their cells: the offline basemap's tätorter
    and water (from its build, not from tiles) and the municipality's districts with a label
    point each, clipped to the boundary's box. The districts come from the cached area index,
    so this costs one query (the basemap row)."""
    from shapely.geometry import box, mapping

    from .basemap import basemap_get

    out: dict[str, list] = {"tatorter": [], "water": [], "areas": []}
    index = area_index(municipality)
    if index.boundary is None:
        return out
    frame = box(*index.boundary.bounds)
    basemap = basemap_get(municipality)
    stored = basemap.offline_background if basemap is not None else {}
    for layer in ("tatorter", "water"):
        for name, geometry in stored.get(layer, []):
            clipped = shape(geometry).intersection(frame)
            if not clipped.is_empty and clipped.geom_type in ("Polygon", "MultiPolygon"):
                out[layer].append((name, mapping(clipped)))
    if index.tree is not None:
        for geom, name, kind in zip(index.tree.geometries, index.names, index.kinds, strict=True):
            if kind == Area.Kind.STADSDEL:
                label = geom.representative_point()
                out["areas"].append((name, mapping(geom), (label.x, label.y)))
    return out


# Pickers list districts before the DeSOs that nest in them, then the municipality's own areas.
_PICKER_ORDER = {
    Area.Kind.STADSDEL: 0,
    Area.Kind.DESO: 1,
    Area.Kind.EGEN: 2,
    Area.Kind.KOMMUNGRANS: 3,
}


def area_labels(*, municipality: Municipality, districts: bool = True) -> dict[int, str]:
    """Area id → what a picker shows, the name first: "Köping centrala (RegSO)", a DeSO with
    its district ("Köping centrala – DeSO 1983C1040", as DeSOs are named by code), "Eget
    område" or "hela kommunen" after the name. A DeSO's district is the stadsdel holding its
    representative point, as in the DeSO crime table; that needs the outlines (the area
    index), so a report read, which never loads one, passes `districts=False` and gets
    "DeSO 1983C1040". (DeSOs do not nest in the demo's RegSO layer: bounding boxes give the
    wrong district for 9 of Köping's 16, so there is no cheaper rule.)"""
    if not districts:
        return _labels(municipality, {})
    index = area_index(municipality)
    if index._labels is not None:
        return index._labels
    names = index.district_names()
    desos = Area.objects.filter(municipality=municipality, kind=Area.Kind.DESO)
    district_of = {}
    for pk, geometry in desos.values_list("id", "geometry"):
        point = shape(geometry).representative_point()
        hits = [names[i] for i in index.area_ids_at(point.y, point.x) if i in names]
        district_of[pk] = hits[0] if hits else ""
    index._labels = _labels(municipality, district_of)
    return index._labels


def _labels(municipality: Municipality, district_of: dict[int, str]) -> dict[int, str]:
    labels = {}
    rows = Area.objects.filter(municipality=municipality).values_list("id", "name", "kind", "code")
    for pk, name, kind, code in rows:
        if kind == Area.Kind.DESO:
            if name and name != code:
                deso = f"{name} (DeSO {code})" if code else f"{name} (DeSO)"
            else:
                deso = f"DeSO {code or name}"
            district = district_of.get(pk)
            labels[pk] = f"{district} – {deso}" if district else deso
        elif kind == Area.Kind.STADSDEL:
            # Districts loaded from SCB's RegSO file carry its code; a municipality's own
            # districts do not.
            labels[pk] = f"{name} (RegSO)" if code else f"{name} (stadsdel)"
        elif kind == Area.Kind.KOMMUNGRANS:
            labels[pk] = f"{name} (hela kommunen)"
        else:
            labels[pk] = f"{name} (eget område)"
    return labels


def area_picker_key(area: Area, labels: dict[int, str]) -> tuple:
    """Sort key for pickers: districts, then DeSOs by district, then own areas, by label."""
    return (_PICKER_ORDER.get(area.kind, 9), labels.get(area.pk, area.name).casefold())


def area_choices(
    *, municipality: Municipality, without_boundary: bool = True, districts: bool = True
) -> list[Area]:
    """The municipality's areas in picker order, each with `label` set (see area_labels)."""
    labels = area_labels(municipality=municipality, districts=districts)
    areas = list(area_list(municipality=municipality, without_boundary=without_boundary))
    for a in areas:
        a.label = labels.get(a.pk, a.name)
    return sorted(areas, key=lambda a: area_picker_key(a, labels))


def address_register_summary(*, municipality: Municipality) -> dict:
    """How many addresses and names the gazetteer holds, for the register's page."""
    from .models import Address, PlaceName

    return {
        "addresses": Address.objects.filter(municipality=municipality).count(),
        "place_names": PlaceName.objects.filter(municipality=municipality).count(),
    }


def address_jobs(*, municipality: Municipality, limit: int = 5):
    from .models import AddressImportJob

    return AddressImportJob.objects.filter(municipality=municipality)[:limit]


def address_job_get(*, municipality: Municipality, pk: int):
    from .models import AddressImportJob

    return AddressImportJob.objects.filter(municipality=municipality, pk=pk).first()
