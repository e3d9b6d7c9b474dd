"""What the hot-spot map draws under its cells: tätorter and water as fills, the districts as
dashed outlines with their names (geo.selectors.map_background, from GeoJSON kept with the
basemap's build, never from tiles). Presentation attributes only, as in svg.py."""

from trygg.core import colours


def background_paths(background: dict, project, escape, ring_path, group_rings) -> list[str]:
    """Tätorter and water as fills, districts as dashed outlines, each with its name as a
    title; `project`, `escape`, `ring_path` and `group_rings` are svg.py's."""

    def d_of(geometry):
        return " ".join(ring_path(r, project) for group in group_rings(geometry) for r in group)

    parts = []
    styles = (
        ("tatorter", f'fill="{colours.MAP_LOCALITY}" stroke="none"'),
        ("water", f'fill="{colours.MAP_WATER}" stroke="none"'),
    )
    for layer, attrs in styles:
        for name, geometry, *_label in background.get(layer, []):
            title = f"<title>{escape(name)}</title>" if name else ""
            parts.append(f'<path d="{d_of(geometry)}" {attrs} fill-rule="evenodd">{title}</path>')
    for name, geometry, _label in background.get("areas", []):
        parts.append(
            f'<path d="{d_of(geometry)}" fill="none" stroke="{colours.MUTED}" '
            f'stroke-width="0.8" stroke-dasharray="4 3"><title>{escape(name)}</title></path>'
        )
    return parts


def district_labels(background: dict, project, escape, *, font: str) -> list[str]:
    """The districts' names at a point inside each, on top of the cells, with a white halo."""
    parts = []
    for name, _geometry, (lon, lat) in background.get("areas", []):
        x, y = project((lon, lat))
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-family="{font}" '
            f'font-size="10" fill="{colours.INK}" stroke="{colours.WHITE}" stroke-width="2.5" '
            f'paint-order="stroke">{escape(name)}</text>'
        )
    return parts
