"""A map question's results: counts per H3 cell (resolution 8, about 0.7 km²) and per area,
suppressed like every other table, never the points themselves."""

from django.db.models import Count

from trygg.analytics.survey_tables import Dimension, suppress_table
from trygg.core import colours
from trygg.core.charts import escape
from trygg.geo.h3cells import cell_boundary
from trygg.geo.selectors import boundary_geojson

from ..models import Answer
from .results_format import HIDDEN_PRIMARY, HIDDEN_SECONDARY, Cell

MAP_MINIMUM = 20


def _suppressed(counts: dict) -> tuple[dict, set, dict]:
    dim = Dimension("place", {k: (k,) for k in counts})
    table = suppress_table({(k,): n for k, n in counts.items()}, [dim], [(1,)])
    return table.value, table.hidden, {k: ((k,),) for k in counts}


def map_result(survey, question, districts):
    """Per cell and per area, with cells of 1–4 answers (and those that would give them
    away) hidden; the grid only from MAP_MINIMUM points, since fewer points on a fine grid
    can point out one person's home or route."""
    from .results import MapResult

    answers = Answer.objects.filter(
        municipality=survey.municipality,
        response__survey=survey,
        response__mode=survey.mode,
        question__key=question.key,
    )
    by_cell = {
        r["h3_8"]: r["n"]
        for r in answers.filter(h3_8__isnull=False).values("h3_8").annotate(n=Count("id"))
    }
    by_area = {
        r["area__name"]: r["n"]
        for r in answers.filter(area__isnull=False).values("area__name").annotate(n=Count("id"))
    }
    points = sum(by_cell.values())
    show_grid = points >= MAP_MINIMUM
    cells = []
    if show_grid:
        value, hidden, keys = _suppressed(by_cell)
        cells = [(c, None if keys[c] in hidden else value[keys[c]]) for c in sorted(by_cell)]
    areas = []
    if by_area:
        value, hidden, keys = _suppressed(by_area)
        for name in sorted(by_area):
            if keys[name] in hidden:
                text = HIDDEN_PRIMARY if by_area[name] < 5 else HIDDEN_SECONDARY
                areas.append((name, Cell(text, hidden=True)))
            else:
                areas.append((name, Cell(str(by_area[name]), count=by_area[name])))
    note = ""
    if not show_grid:
        note = (
            f"Frågan har {points} markeringar på kartan. Under {MAP_MINIMUM} visas de bara "
            "per område, så att ingen enskild plats kan pekas ut."
        )
    return MapResult(points, show_grid, cells, areas, note)


def heat_map_svg(*, municipality, cells, title: str, width: int = 560, height: int = 420) -> str:
    """The counted cells over the municipality's boundary, darker for more answers; hidden
    cells in one light tone titled "färre än 5"/"–". Presentation attributes only (CSP)."""
    boundary = boundary_geojson(municipality=municipality)
    rings = []
    if boundary:
        polys = (
            boundary["coordinates"]
            if boundary["type"] == "MultiPolygon"
            else [boundary["coordinates"]]
        )
        rings = [ring for poly in polys for ring in poly]
    hexes = [(c, n, cell_boundary(c)) for c, n in cells]
    pts = [p for r in rings for p in r] + [p for _, _, b in hexes for p in b]
    if not pts:
        return ""
    import math

    min_x, max_x = min(p[0] for p in pts), max(p[0] for p in pts)
    min_y, max_y = min(p[1] for p in pts), max(p[1] for p in pts)
    k = math.cos(math.radians((min_y + max_y) / 2))
    legend_w = 150
    scale = min(
        (width - legend_w - 20) / max((max_x - min_x) * k, 1e-9),
        (height - 20) / max(max_y - min_y, 1e-9),
    )

    def path(ring):
        xy = [((x - min_x) * k * scale + 10, (max_y - y) * scale + 10) for x, y in ring]
        return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + " Z"

    shown = sorted({n for _, n, _ in hexes if n})
    top = max(shown) if shown else 1
    palette = colours.SEQUENTIAL

    def fill(n):
        return palette[min(len(palette) - 1, int((n - 1) / max(top, 1) * len(palette)))]

    parts = []
    if rings:
        d = " ".join(path(r) for r in rings)
        parts.append(
            f'<path d="{d}" fill="{colours.CHART_PAPER}" stroke="{colours.CHART_BOUNDARY}" '
            'stroke-width="1.2" fill-rule="evenodd"/>'
        )
    for _, n, ring in hexes:
        label = f"{n} svar" if n is not None else f"{HIDDEN_PRIMARY} eller dold"
        colour = fill(n) if n else colours.CHART_ZERO
        parts.append(
            f'<path d="{path(ring)}" fill="{colour}" stroke="{colours.LINE}" '
            f'stroke-width="0.5"><title>{escape(label)}</title></path>'
        )
    lx = width - legend_w + 10
    legend = [(colours.CHART_ZERO, "Dold (färre än 5)")]
    if shown:
        legend += [(palette[0], f"Få svar (från {shown[0]})"), (palette[-1], f"Flest ({top})")]
    for i, (colour, text) in enumerate(legend):
        y = 20 + i * 22
        parts.append(
            f'<rect x="{lx}" y="{y}" width="14" height="14" fill="{colour}" '
            f'stroke="{colours.INK}" stroke-width="0.5"/>'
            f'<text x="{lx + 20}" y="{y + 11}" font-size="12" fill="{colours.INK}">'
            f"{escape(text)}</text>"
        )
    n_shown = sum(1 for _, n, _ in hexes if n is not None)
    desc = (
        f"{len(hexes)} rutor med markeringar, varav {n_shown} med antal; "
        "tabellen under kartan har samma uppgifter."
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="heat-map"><title>{escape(title)}</title><desc>{escape(desc)}</desc>'
        f"{''.join(parts)}</svg>"
    )


def place_labels(*, municipality, cells) -> dict[int, str]:
    """A name for each grid cell, for the table beside the map: the DeSO and district its
    centre lies in (a cell id says nothing to a reader)."""
    import h3

    from trygg.geo.selectors import area_index

    index = area_index(municipality)
    wanted = {"deso", "stadsdel"}
    out = {}
    for n, cell in enumerate(cells, start=1):
        lat, lon = h3.cell_to_latlng(h3.int_to_str(cell))
        at = set(index.area_ids_at(lat, lon))
        names = [
            index.names[i]
            for i, area_id in enumerate(index.ids)
            if index.kinds[i] in wanted and area_id in at
        ]
        out[cell] = f"Ruta {n}" + (f" ({', '.join(sorted(names))})" if names else "")
    return out
