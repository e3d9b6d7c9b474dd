"""The protocol's pictures as SVG: the observation map on the basemap (the walk's area, its
route and numbered observation points over the basemap's tätorter, water and districts, as
the lägesbild's maps draw them) and photos embedded as JPEG, so Typst and the DOCX's PNGs
need no files or tiles."""

import base64
import io
import math

from PIL import Image

from trygg.core import colours
from trygg.lagesbild.svg import FONT, escape
from trygg.lagesbild.svg_background import background_paths

MAP_TITLE = "Karta över observationerna"
PHOTO_WIDTH = 480  # pixels: enough for a third of an A4 page, small enough for a PDF


def _rings(geometry: dict | None) -> list[list]:
    """A GeoJSON (Multi)Polygon as groups of rings (anything else as nothing)."""
    if not geometry:
        return []
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    return []


def _projection(points, width: float, height: float, margin: float = 16):
    """Local equirectangular projection scaled by cos(latitude), centred (as geo.svg)."""
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    k = math.cos(math.radians((min_y + max_y) / 2))
    span_x, span_y = max((max_x - min_x) * k, 1e-9), max(max_y - min_y, 1e-9)
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    off_x = margin + ((width - 2 * margin) - span_x * scale) / 2
    off_y = margin + ((height - 2 * margin) - span_y * scale) / 2
    return lambda pt: ((pt[0] - min_x) * k * scale + off_x, (max_y - pt[1]) * scale + off_y)


def _ring_path(ring, project) -> str:
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in map(project, ring)) + " Z"


def observation_map_svg(
    *, area_name: str, area_geometry: dict | None, route: dict | None, points, background: dict,
    width: int = 640, height: int = 440,
) -> str:  # fmt: skip
    """`points` are (number, lat, lon, label) for observations with a place; the numbers
    match the protocol's observation table, which is the map's text alternative."""
    groups = _rings(area_geometry)
    line = (route or {}).get("coordinates") if (route or {}).get("type") == "LineString" else None
    extent = [pt for g in groups for ring in g for pt in ring] + list(line or [])
    extent += [(lon, lat) for _n, lat, lon, _l in points]
    if not extent:
        body = (
            f'<text x="{width / 2}" y="40" text-anchor="middle" font-family="{FONT}" '
            f'font-size="14" fill="{colours.INK}">Inga observationer med plats</text>'
        )
        return _svg(width, 80, "Inga observationer med plats", body)
    project = _projection(extent, width, height)
    parts = [f'<rect width="{width}" height="{height}" fill="{colours.CHART_PAPER}"/>']
    parts += background_paths(background, project, escape, _ring_path, lambda g: _rings(g))
    for group in groups:
        d = " ".join(_ring_path(r, project) for r in group)
        parts.append(
            f'<path d="{d}" fill="none" stroke="{colours.CHART_BOUNDARY}" stroke-width="2" '
            f'fill-rule="evenodd"><title>{escape(area_name)}</title></path>'
        )
    if line:
        d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in map(project, line))
        parts.append(
            f'<path d="{d}" fill="none" stroke="{colours.INK}" stroke-width="2.5" '
            'stroke-dasharray="7 4" stroke-linejoin="round"><title>Slingan</title></path>'
        )
    for number, lat, lon, label in points:
        x, y = project((lon, lat))
        parts.append(
            f"<g><title>{escape(f'{number}. {label}')}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{colours.HOT}" '
            f'stroke="{colours.WHITE}" stroke-width="2"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-family="{FONT}" '
            f'font-size="11" font-weight="bold" fill="{colours.WHITE}">{number}</text></g>'
        )
    desc = (
        f"{len(points)} observationer i {area_name}, numrerade som i tabellen över "
        "observationer; den streckade linjen är slingan."
    )
    return _svg(width, height, f"{MAP_TITLE} i {area_name}", "".join(parts), desc)


def _svg(width: int, height: int, title: str, body: str, desc: str = "") -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'class="walk-map"><title>{escape(title)}</title><desc>{escape(desc)}</desc>{body}</svg>'
    )


def photo_svg(data: bytes, *, alt: str) -> str:
    """A photo scaled to PHOTO_WIDTH and embedded as JPEG in an SVG."""
    with Image.open(io.BytesIO(data)) as img:
        # JPEG decodes at a fraction of its size directly: a phone photo in an eighth of
        # the time of decoding it whole and scaling down.
        img.draft("RGB", (PHOTO_WIDTH, PHOTO_WIDTH))
        img = img.convert("RGB")
        if img.width > PHOTO_WIDTH:
            img = img.resize((PHOTO_WIDTH, max(1, round(img.height * PHOTO_WIDTH / img.width))))
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=80)
        w, h = img.size
    encoded = base64.b64encode(out.getvalue()).decode("ascii")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {w} {h}" width="{w}" height="{h}"><title>{escape(alt)}</title>'
        f'<image width="{w}" height="{h}" xlink:href="data:image/jpeg;base64,{encoded}"/></svg>'
    )
