"""Server-side SVG of polygons: maps that work with no tile server and no JavaScript."""

import math

from django.utils.html import escape


def polygons_svg(
    items: list[tuple[str, dict]], *, width: int = 600, height: int = 400, title: str = ""
) -> str:
    """`items` is a list of (label, GeoJSON geometry) in WGS 84. Drawn in a local
    equirectangular projection scaled by cos(latitude), which is exact enough at
    municipality scale."""
    rings = []
    for label, geometry in items:
        polys = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        rings.append((label, [ring for poly in polys for ring in poly]))
    coords = [pt for _, rs in rings for ring in rs for pt in ring]
    if not coords:
        return ""
    min_x = min(p[0] for p in coords)
    max_x = max(p[0] for p in coords)
    min_y = min(p[1] for p in coords)
    max_y = max(p[1] for p in coords)
    k = math.cos(math.radians((min_y + max_y) / 2))
    span_x = max((max_x - min_x) * k, 1e-9)
    span_y = max(max_y - min_y, 1e-9)
    scale = min((width - 20) / span_x, (height - 20) / span_y)

    def project(pt):
        return ((pt[0] - min_x) * k * scale + 10, (max_y - pt[1]) * scale + 10)

    paths = []
    for label, rs in rings:
        d = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in map(project, ring)) + " Z" for ring in rs
        )
        paths.append(f'<path d="{d}" fill-rule="evenodd"><title>{escape(label)}</title></path>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" class="area-map">'
        f"<title>{escape(title)}</title>{''.join(paths)}</svg>"
    )
