"""Server-side SVG charts of a lägesbild: the hot-spot map, the weekly trend, weekday × hour.

Used as they are on the web page (no JavaScript, no tile server) and embedded in the PDF, so
they carry only SVG presentation attributes: the page's CSP forbids inline `style`. Every text
goes through `html.escape` and every number is formatted the same way on every run, so the same
picture always gives the same bytes.
"""

import html
import math
import re
from datetime import date, timedelta

from trygg.analytics.compare import format_number
from trygg.core import colours
from trygg.locale_sv import count_text
from trygg.locale_sv import format_number as format_count

from . import svg_background
from .picture import HexCell, Picture

# Typst renders SVG text with the fonts it was given, the browser with what it has.
FONT = "'Source Sans 3', 'Source Sans Pro', Arial, Helvetica, sans-serif"
INK = colours.INK
MUTED = colours.MUTED
GRID = colours.LINE
SEQUENTIAL = colours.SEQUENTIAL
# Text drawn on these fills is white, on the lighter ones dark.
DARK_FILLS = frozenset(SEQUENTIAL[3:])
ZERO_FILL = colours.CHART_ZERO
HOT = colours.HOT
COLD = colours.COLD
WHITE = colours.WHITE
PAPER = colours.CHART_PAPER
BOUNDARY = colours.CHART_BOUNDARY
CELL_LINE = colours.CHART_CELL_LINE
WEEKDAYS = ("Mån", "Tis", "Ons", "Tor", "Fre", "Lör", "Sön")
WEEKDAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
NO_POINTS = "Inga rapporter med exakt plats under perioden"
# Characters XML 1.0 forbids even when escaped; one pasted into a name would break the parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text safe inside an SVG element or attribute."""
    return html.escape(_NOT_XML.sub("", str(text)))


def hotspot_map_svg(picture: Picture, *, width: int = 640, height: int = 480) -> str:
    """The municipality with its H3 hexagons filled by count and hot/cold spots outlined."""
    boundary_rings = _geojson_rings(picture.boundary)
    # A ring needs three corners; anything less cannot be drawn and says nothing.
    hexes = sorted((h for h in picture.hexes if len(h.boundary) >= 3), key=lambda h: h.cell)
    points = [pt for ring in boundary_rings for pt in ring]
    points += [pt for h in hexes for pt in h.boundary]
    if not hexes and not points:
        return _message_svg(NO_POINTS, width=width, height=min(height, 80), klass="hotspot-map")

    classes = _classes([h.count for h in hexes if h.count > 0])
    palette = _palette(len(classes))
    legend_w = 190 if width >= 480 else 0
    map_w = width - legend_w
    project = _projection(points, map_w, height, margin=10)
    body = _map_layers(
        picture.boundary, hexes, project, classes, palette, titles=True,
        background=picture.background,
    )  # fmt: skip

    n_hot = sum(1 for h in hexes if h.bin >= 2)
    n_cold = sum(1 for h in hexes if h.bin <= -2)
    n_weak_hot = sum(1 for h in hexes if h.bin == 1)
    n_weak_cold = sum(1 for h in hexes if h.bin == -1)
    with_reports = sum(1 for h in hexes if h.count > 0)
    if legend_w:
        legend_x = map_w + 8
        legend, legend_bottom = _map_legend(
            classes,
            palette,
            x=legend_x,
            has_boundary=bool(boundary_rings),
            has_zero=any(h.count <= 0 for h in hexes),
            weak_hot=n_weak_hot > 0,
            weak_cold=n_weak_cold > 0,
            spots=bool(hexes),
        )
        body.append(legend)
        size = min(legend_w - 14, height - legend_bottom - 34)
        box = _inset_box(hexes, project, map_w, height)
        if box is not None and size >= 100:
            body.append(
                _inset(
                    picture.boundary,
                    hexes,
                    project,
                    classes,
                    palette,
                    box,
                    x=legend_x,
                    y=legend_bottom + 26,
                    size=size,
                )
            )

    title = f"Karta över rapporter och heta punkter i {picture.municipality_name}"
    desc = _map_desc(picture.municipality_name, with_reports, n_hot, n_cold, n_weak_hot)
    return _svg(width, height, "hotspot-map", title, desc, "".join(body))


def _map_layers(
    boundary, hexes, project, classes, palette, *, titles: bool, background: dict | None = None
) -> list[str]:
    """Boundary, the background (tätorter, water, districts), hexagon fills, hot/cold
    outlines, then the districts' names, in drawing order."""
    parts = []
    for ring_group in _group_rings(boundary):
        d = " ".join(_ring_path(ring, project) for ring in ring_group)
        parts.append(
            f'<path d="{d}" fill="{PAPER}" stroke="{BOUNDARY}" stroke-width="1.2" '
            'fill-rule="evenodd"/>'
        )
    background = background or {}
    parts += svg_background.background_paths(background, project, escape, _ring_path, _group_rings)
    # Cells without reports let the background show through; cells with reports stay opaque
    # so their class colour matches the legend.
    zero_opacity = ' fill-opacity="0.45"' if any(background.values()) else ""
    for h in hexes:
        fill = ZERO_FILL if h.count <= 0 else palette[_class_index(h.count, classes)]
        title = f"<title>{escape(_hex_title(h))}</title>" if titles else ""
        opacity = zero_opacity if h.count <= 0 else ""
        parts.append(
            f'<path d="{_ring_path(h.boundary, project)}" fill="{fill}" stroke="{CELL_LINE}" '
            f'stroke-width="0.5"{opacity}>{title}</path>'
        )
    # Outlines go on top so neighbours' fills never cover them; a white halo under each keeps
    # it visible on the darkest fill, and width and dash tell them apart without colour.
    for h in hexes:
        if h.bin == 0:
            continue
        d = _ring_path(h.boundary, project)
        parts.append(
            f'<path d="{d}" fill="none" stroke="{WHITE}" stroke-width="{_halo_width(h.bin)}" '
            'stroke-linejoin="round"/>'
        )
        parts.append(f'<path d="{d}" fill="none" {_outline_attrs(h.bin)} stroke-linejoin="round"/>')
    if titles:
        parts += svg_background.district_labels(background, project, escape, font=FONT)
    return parts


def _inset_box(hexes, project, map_w: float, map_h: float):
    """The square (x, y, side) on the main map worth enlarging, or None when the hexagons
    of interest are already large enough to read there."""
    focus = [h for h in hexes if h.bin > 0]
    if not focus:
        top = sorted((h.count for h in hexes if h.count > 0), reverse=True)[:5]
        focus = [h for h in hexes if top and h.count >= top[-1]]
    if not focus:
        return None
    xy = [project(pt) for h in focus for pt in h.boundary]
    x0, x1 = min(p[0] for p in xy), max(p[0] for p in xy)
    y0, y1 = min(p[1] for p in xy), max(p[1] for p in xy)
    # Pad by about one hexagon so the neighbours that make a hot spot stay in view.
    first = [project(pt) for pt in focus[0].boundary]
    pad = max(max(p[0] for p in first) - min(p[0] for p in first), 2.0)
    side = max(x1 - x0, y1 - y0) + 2 * pad
    if side > 0.4 * min(map_w, map_h):
        return None
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (cx - side / 2, cy - side / 2, side)


def _inset(boundary, hexes, project, classes, palette, box, *, x: float, y: float, size: float):
    """An enlargement of `box` at (x, y), with the box drawn on the main map."""
    bx, by, side = box
    k = size / side

    def zoom(pt):
        px, py = project(pt)
        return ((px - bx) * k + x, (py - by) * k + y)

    # Only hexagons that reach into the box: the clip path hides the rest anyway.
    near = [
        h
        for h in hexes
        if any(
            bx <= px <= bx + side and by <= py <= by + side for px, py in map(project, h.boundary)
        )
    ]
    layers = "".join(_map_layers(boundary, near, zoom, classes, palette, titles=False))
    return (
        f'<rect x="{bx:.1f}" y="{by:.1f}" width="{side:.1f}" height="{side:.1f}" fill="none" '
        f'stroke="{INK}" stroke-width="1" stroke-dasharray="3 2"/>'
        f'<text x="{x}" y="{y - 8}" font-size="12" fill="{INK}">Förstoring av streckad ruta</text>'
        f'<clipPath id="hotspot-map-inset"><rect x="{x}" y="{y:.1f}" width="{size:.1f}" '
        f'height="{size:.1f}"/></clipPath>'
        f'<rect x="{x}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" fill="{WHITE}"/>'
        f'<g clip-path="url(#hotspot-map-inset)">{layers}</g>'
        f'<rect x="{x}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" fill="none" '
        f'stroke="{INK}" stroke-width="1"/>'
    )


def weekly_chart_svg(picture: Picture, *, width: int = 640, height: int = 200) -> str:
    """Bar chart of reports per week, the period's weeks highlighted and marked."""
    weekly = list(picture.weekly)
    if not weekly:
        return _message_svg(
            "Ingen veckostatistik för perioden", width=width, height=60, klass="weekly-chart"
        )
    left, right, top, bottom = 44, 12, 24, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(n for _, n in weekly)
    ticks = _nice_ticks(peak)
    y_max = ticks[-1]
    slot = plot_w / len(weekly)
    bar_w = max(slot * 0.78, 1.0)
    # Every fourth week (about monthly) for a year; sparser for longer series so labels
    # never overlap, always counting back from the latest week so that one is labelled.
    label_every = 4 * math.ceil(len(weekly) / 52)

    def y(value: float) -> float:
        return top + plot_h - value / y_max * plot_h

    in_period = [
        week <= picture.end and week + timedelta(days=6) >= picture.start for week, _ in weekly
    ]
    parts = []
    for value in ticks:
        parts.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" y2="{y(value):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{MUTED}">{format_count(value)}</text>'
        )
    for i, ((week, count), highlighted) in enumerate(zip(weekly, in_period, strict=True)):
        x = left + i * slot + (slot - bar_w) / 2
        bar_top = y(count)
        fill = SEQUENTIAL[4] if highlighted else colours.CHART_BAR
        label = f"{_week_label(week)} (från {week.isoformat()}): {_reports(count)}"
        parts.append(
            f'<rect x="{x:.1f}" y="{bar_top:.1f}" width="{bar_w:.1f}" '
            f'height="{top + plot_h - bar_top:.1f}" fill="{fill}">'
            f"<title>{escape(label)}</title></rect>"
        )
        if (len(weekly) - 1 - i) % label_every == 0:
            cx = left + i * slot + slot / 2
            parts.append(
                f'<text x="{cx:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                f'font-size="11" fill="{MUTED}">{escape(_week_label(week))}</text>'
            )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    # The period is also marked by a bracket with a label, not only by the darker bars.
    marked = [i for i, flag in enumerate(in_period) if flag]
    if marked:
        x1 = left + marked[0] * slot + 1
        x2 = left + (marked[-1] + 1) * slot - 1
        anchor, tx = ("end", x2) if x2 > width / 2 else ("start", x1)
        parts.append(
            f'<path d="M{x1:.1f},{top - 2} V{top - 6} H{x2:.1f} V{top - 2}" fill="none" '
            f'stroke="{INK}" stroke-width="1.2"/>'
            f'<text x="{tx:.1f}" y="{top - 12}" text-anchor="{anchor}" font-size="11" '
            f'fill="{INK}">Vald period</text>'
        )
    title = "Rapporter per vecka"
    desc = _weekly_desc(weekly, in_period)
    return _svg(width, height, "weekly-chart", title, desc, "".join(parts))


def weekday_hour_svg(picture: Picture, *, width: int = 640, height: int = 220) -> str:
    """Heat map of the period's reports by weekday (rows Mån–Sön) and hour (columns 0–23)."""
    matrix = [list(row) + [0] * (24 - len(row)) for row in picture.weekday_hour][:7]
    matrix += [[0] * 24 for _ in range(7 - len(matrix))]
    left, right, top, bottom = 38, 6, 8, 32
    cell_w = (width - left - right) / 24
    cell_h = (height - top - bottom) / 7
    classes = _classes([n for row in matrix for n in row if n > 0])
    palette = _palette(len(classes))
    font = max(7, min(11, int(cell_h * 0.45), int(cell_w * 0.45)))
    parts = []
    for d, row in enumerate(matrix):
        yy = top + d * cell_h
        parts.append(
            f'<text x="{left - 6}" y="{yy + cell_h / 2 + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="{INK}">{WEEKDAYS[d]}</text>'
        )
        for hour, n in enumerate(row):
            xx = left + hour * cell_w
            fill = WHITE if n <= 0 else palette[_class_index(n, classes)]
            label = f"{WEEKDAY_NAMES[d].capitalize()} kl. {hour:02d}: {_reports(n)}"
            parts.append(
                f'<rect x="{xx:.1f}" y="{yy:.1f}" width="{cell_w:.1f}" height="{cell_h:.1f}" '
                f'fill="{fill}" stroke="{GRID}" stroke-width="0.5">'
                f"<title>{escape(label)}</title></rect>"
            )
            if n > 0:
                ink = WHITE if fill in DARK_FILLS else INK
                parts.append(
                    f'<text x="{xx + cell_w / 2:.1f}" y="{yy + cell_h / 2 + font * 0.35:.1f}" '
                    f'text-anchor="middle" font-size="{font}" fill="{ink}">{format_count(n)}</text>'
                )
    for hour in range(24):
        parts.append(
            f'<text x="{left + hour * cell_w + cell_w / 2:.1f}" y="{height - bottom + 12}" '
            f'text-anchor="middle" font-size="{min(10, font)}" fill="{MUTED}">{hour:02d}</text>'
        )
    parts.append(
        f'<text x="{left}" y="{height - 3}" font-size="10" fill="{MUTED}">'
        "Timme (lokal tid). Siffran i rutan är antalet rapporter.</text>"
    )
    title = "Rapporter per veckodag och timme"
    return _svg(width, height, "weekday-hour", title, _weekday_hour_desc(matrix), "".join(parts))


# --- Shared pieces -----------------------------------------------------------------------------


def _svg(width: int, height: int, name: str, title: str, desc: str, body: str) -> str:
    """The outer element: sized for Typst, scalable on the page, announced as one image."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" class="{name}" '
        f'aria-labelledby="{name}-title {name}-desc" font-family="{escape(FONT)}">'
        f'<title id="{name}-title">{escape(title)}</title>'
        f'<desc id="{name}-desc">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def _message_svg(message: str, *, width: int, height: int, klass: str) -> str:
    """A small image that says why there is nothing to draw."""
    body = (
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="{PAPER}" '
        f'stroke="{GRID}"/>'
        f'<text x="{width / 2:.1f}" y="{height / 2 + 5:.1f}" text-anchor="middle" '
        f'font-size="14" fill="{INK}">{escape(message)}</text>'
    )
    return _svg(width, height, klass, message, message + ".", body)


def _reports(n: int) -> str:
    """`1 rapport`, `3 rapporter`."""
    return count_text(n, "rapport", "rapporter")


def _week_label(week: date) -> str:
    """`v. 12`: the ISO week number, as Swedish calendars print it."""
    return f"v. {week.isocalendar()[1]}"


def _nice_ticks(peak: int) -> list[int]:
    """0 and a few round steps (1, 2 or 5 × 10^k) up to at least `peak`."""
    if peak <= 0:
        return [0, 1]
    raw = peak / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    top = step * math.ceil(peak / step)
    return list(range(0, top + 1, step))


def _classes(values: list[int]) -> list[tuple[int, int]]:
    """Up to five count classes (low, high): exact values when few, else quantile ranges."""
    distinct = sorted(set(values))
    if len(distinct) <= len(SEQUENTIAL):
        return [(v, v) for v in distinct]
    ordered = sorted(values)
    uppers = []
    for k in range(1, len(SEQUENTIAL)):
        q = ordered[min(len(ordered) - 1, math.ceil(k * len(ordered) / len(SEQUENTIAL)) - 1)]
        if not uppers or q > uppers[-1]:
            uppers.append(q)
    if uppers[-1] < distinct[-1]:
        uppers.append(distinct[-1])
    classes, low = [], distinct[0]
    for high in uppers:
        classes.append((low, high))
        low = high + 1
    return classes


def _palette(n: int) -> list[str]:
    """`n` colours spread over the sequential scale, light to dark."""
    if n <= 1:
        return [SEQUENTIAL[2]]
    last = len(SEQUENTIAL) - 1
    return [SEQUENTIAL[round(i * last / (n - 1))] for i in range(n)]


def _class_index(value: int, classes: list[tuple[int, int]]) -> int:
    """The class that holds `value` (the last one for anything larger)."""
    for i, (_, high) in enumerate(classes):
        if value <= high:
            return i
    return len(classes) - 1


def _range_label(low: int, high: int) -> str:
    """`3` or `3–5`."""
    return format_count(low) if low == high else f"{format_count(low)}–{format_count(high)}"


# --- Map ---------------------------------------------------------------------------------------


def _group_rings(geometry: dict | None) -> list[list[list]]:
    """The GeoJSON (Multi)Polygon as polygons of rings; anything else as nothing."""
    if not geometry:
        return []
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    return []


def _geojson_rings(geometry: dict | None) -> list[list]:
    """Every ring of the boundary, outer and holes alike."""
    return [ring for poly in _group_rings(geometry) for ring in poly if ring]


def _projection(points, width: float, height: float, *, margin: float):
    """Local equirectangular projection, x scaled by cos(latitude): exact enough for a
    municipality, and the same style as trygg.geo.svg."""
    min_x = min(p[0] for p in points)
    max_x = max(p[0] for p in points)
    min_y = min(p[1] for p in points)
    max_y = max(p[1] for p in points)
    k = math.cos(math.radians((min_y + max_y) / 2))
    span_x = max((max_x - min_x) * k, 1e-9)
    span_y = max(max_y - min_y, 1e-9)
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    # Centre the drawing in its box rather than pinning it to the top left corner.
    off_x = margin + ((width - 2 * margin) - span_x * scale) / 2
    off_y = margin + ((height - 2 * margin) - span_y * scale) / 2

    def project(pt):
        return ((pt[0] - min_x) * k * scale + off_x, (max_y - pt[1]) * scale + off_y)

    return project


def _ring_path(ring, project) -> str:
    """One closed ring as path data."""
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in map(project, ring)) + " Z"


def _outline_attrs(bin_: int) -> str:
    """Hot: solid dark red; cold: dashed blue; the 90 % level thinner and dotted."""
    if bin_ >= 2:
        return f'stroke="{HOT}" stroke-width="3"'
    if bin_ <= -2:
        return f'stroke="{COLD}" stroke-width="2.5" stroke-dasharray="6 3"'
    if bin_ == 1:
        return f'stroke="{HOT}" stroke-width="1.5" stroke-dasharray="2 2"'
    return f'stroke="{COLD}" stroke-width="1.5" stroke-dasharray="2 2"'


def _halo_width(bin_: int) -> str:
    """The white line under an outline, a little wider than the outline itself."""
    return "5" if abs(bin_) >= 2 else "3"


def _hex_title(h: HexCell) -> str:
    """What a reader hovering a hexagon learns: count and, where there is one, the finding."""
    kinds = {
        3: "het punkt (99 %)",
        2: "het punkt (95 %)",
        1: "het punkt (90 %)",
        -1: "kall punkt (90 %)",
        -2: "kall punkt (95 %)",
        -3: "kall punkt (99 %)",
    }
    text = _reports(h.count)
    if h.bin in kinds:
        text += f"; {kinds[h.bin]}, z = {format_number(h.z, 2)}"
    return text


def _map_legend(classes, palette, *, x: float, has_boundary, has_zero, weak_hot, weak_cold, spots):
    """Swatches for the count classes, then line samples for the outlines."""
    parts = [f'<text x="{x}" y="20" font-size="12" fill="{INK}">Rapporter per sexhörning</text>']
    y = 30
    rows = [(ZERO_FILL, "0 (ingår i analysen)")] if has_zero else []
    rows += [(palette[i], _range_label(lo, hi)) for i, (lo, hi) in enumerate(classes)]
    for fill, label in rows:
        parts.append(
            f'<rect x="{x}" y="{y}" width="18" height="14" fill="{fill}" stroke="{CELL_LINE}" '
            'stroke-width="0.5"/>'
            f'<text x="{x + 26}" y="{y + 11}" font-size="12" fill="{INK}">{escape(label)}</text>'
        )
        y += 19
    y += 8
    lines = [(2, "Het punkt (95 %)"), (-2, "Kall punkt (95 %)")] if spots else []
    if weak_hot:
        lines.append((1, "Het punkt (90 %)"))
    if weak_cold:
        lines.append((-1, "Kall punkt (90 %)"))
    for bin_, label in lines:
        parts.append(
            f'<path d="M{x},{y + 7} H{x + 18}" fill="none" {_outline_attrs(bin_)}/>'
            f'<text x="{x + 26}" y="{y + 11}" font-size="12" fill="{INK}">{escape(label)}</text>'
        )
        y += 19
    if has_boundary:
        parts.append(
            f'<path d="M{x},{y + 7} H{x + 18}" fill="none" stroke="{BOUNDARY}" stroke-width="1.2"/>'
            f'<text x="{x + 26}" y="{y + 11}" font-size="12" fill="{INK}">Kommungräns</text>'
        )
        y += 19
    return "".join(parts), y


def _map_desc(name: str, with_reports: int, n_hot: int, n_cold: int, n_weak_hot: int) -> str:
    """The map in one or two Swedish sentences, for screen readers and the PDF's alt text."""
    if with_reports == 0 and n_hot == 0 and n_cold == 0:
        return f"Karta över {name}: {NO_POINTS[0].lower()}{NO_POINTS[1:]}."
    hexes = "1 sexhörning" if with_reports == 1 else f"{with_reports} sexhörningar"
    hot = (
        "1 statistiskt säkerställd het punkt"
        if n_hot == 1
        else (f"{n_hot} statistiskt säkerställda heta punkter")
    )
    cold = "1 kall punkt" if n_cold == 1 else f"{n_cold} kalla punkter"
    text = f"Karta över {name} med {hexes} med rapporter; {hot} och {cold} (95 %)."
    if n_weak_hot:
        weak = "1 svagare het punkt" if n_weak_hot == 1 else f"{n_weak_hot} svagare heta punkter"
        text += f" Dessutom {weak} (90 %)."
    return text


# --- Descriptions ------------------------------------------------------------------------------


def _weekly_desc(weekly: list[tuple[date, int]], in_period: list[bool]) -> str:
    """Minimum, maximum, last week and the period's weeks in words."""
    first, last = weekly[0][0], weekly[-1][0]
    low_week, low = min(weekly, key=lambda w: (w[1], w[0]))
    high_week, high = max(weekly, key=lambda w: (w[1], -w[0].toordinal()))
    total = sum(n for _, n in weekly)
    text = (
        f"Rapporter per vecka under {len(weekly)} veckor, från {_week_label(first)} "
        f"{first.isocalendar()[0]} till {_week_label(last)} {last.isocalendar()[0]}, "
        f"totalt {format_count(total)}. Lägst {format_count(low)} ({_week_label(low_week)}), "
        f"högst {format_count(high)} ({_week_label(high_week)}), senaste veckan "
        f"({_week_label(last)}) {format_count(weekly[-1][1])}."
    )
    period = [n for (_, n), flag in zip(weekly, in_period, strict=True) if flag]
    if period:
        weeks = "Den vecka" if len(period) == 1 else f"De {len(period)} veckor"
        text += f" {weeks} som den valda perioden berör har sammanlagt {_reports(sum(period))}."
    return text


def _weekday_hour_desc(matrix: list[list[int]]) -> str:
    """Total, the busiest hour of the week, the busiest day and hour of day."""
    total = sum(sum(row) for row in matrix)
    if total == 0:
        return "Inga rapporter under perioden att fördela på veckodag och timme."
    peak_day, peak_hour = max(
        ((d, h) for d in range(7) for h in range(24)), key=lambda dh: (matrix[dh[0]][dh[1]], -dh[0])
    )
    by_day = [sum(row) for row in matrix]
    by_hour = [sum(matrix[d][h] for d in range(7)) for h in range(24)]
    best_day = max(range(7), key=lambda d: (by_day[d], -d))
    best_hour = max(range(24), key=lambda h: (by_hour[h], -h))
    return (
        f"Rapporter per veckodag och timme, totalt {format_count(total)}. "
        f"Flest på {WEEKDAY_NAMES[peak_day]} kl. {peak_hour:02d} "
        f"({_reports(matrix[peak_day][peak_hour])}). Flest rapporter på "
        f"{WEEKDAY_NAMES[best_day]}ar ({format_count(by_day[best_day])}) "
        f"och kl. {best_hour:02d}–{(best_hour + 1) % 24:02d} ({format_count(by_hour[best_hour])})."
    )
