"""The municipality's own view of what it publishes to its county."""

from django_scopes import scope

from trygg.core.kernel import require
from trygg.core.viewer import Viewer
from trygg.reports.selectors import category_list

from ..models import CategoryMapping, Snapshot


def own_snapshots(*, viewer: Viewer) -> list[Snapshot]:
    require(viewer, "county.view_publications")
    # The municipality's scope only; the county dimension is left open (None).
    with scope(county=None):
        return list(Snapshot.objects.filter(municipality=viewer.municipality))


def own_snapshot_get(*, viewer: Viewer, pk: int) -> Snapshot | None:
    require(viewer, "county.view_publications")
    with scope(county=None):
        return Snapshot.objects.filter(municipality=viewer.municipality, pk=pk).first()


def category_rows(*, viewer: Viewer) -> list[tuple]:
    """(category, its county code or "") for every category of the municipality."""
    require(viewer, "county.view_publications")
    mapping = dict(
        CategoryMapping.objects.filter(municipality=viewer.municipality).values_list(
            "category_id", "county_code"
        )
    )
    cats = category_list(municipality=viewer.municipality, only_active=False).order_by("name")
    return [(c, mapping.get(c.pk, "")) for c in cats]
