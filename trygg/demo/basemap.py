"""Köping's demo basemap: built by the loader from the real layers in data/basemap/ (see
SOURCES.md), so a fresh clone has a map background with no internet and no street extract."""

from pathlib import Path

from django_scopes import scope

from trygg.core.viewer import operator_viewer
from trygg.geo.basemap import basemap_build, basemap_get

LAYERS = Path(__file__).resolve().parent / "data" / "basemap"
# Drawn bottom to top in this order by static/trygg/map.js.
LAYER_NAMES = ("kommuner", "rutor", "tatorter", "kommundelar", "regso", "deso", "orter",
               "vardcentraler")  # fmt: skip
ATTRIBUTION = "SCB, Lantmäteriet (via Region Västmanland)"


def load_demo_basemap(municipality) -> bool:
    """Builds the basemap once; False when the municipality already has one."""
    with scope(municipality=municipality):
        existing = basemap_get(municipality)
        if existing is not None and existing.offline_file:
            return False
        basemap_build(
            viewer=operator_viewer(municipality),
            layers={name: LAYERS / f"{name}.geojson" for name in LAYER_NAMES},
            attribution=ATTRIBUTION,
            # Area outlines and a 1 km grid need no street-level tiles: the map draws deeper
            # zooms from zoom 12, and the build takes ~1 s instead of ~20 s.
            max_zoom=12,
        )
    return True
