"""A hand-built lägesbild for Köping: realistic data, no database."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import h3

from trygg.analytics.compare import compare_counts
from trygg.lagesbild.picture import AreaRow, CategoryRow, CostRow, HexCell, Picture

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# User text that would break naive Typst markup, HTML or XML if it were not escaped.
NASTY = "Klotter #tag *fet* _under_ $100 @polis <script>alert(1)</script> [a] \\ / ` ~ åäö"

# Roughly Köping's municipality, clockwise from the north-west (lon, lat).
BOUNDARY = {
    "type": "Polygon",
    "coordinates": [
        [
            [15.78, 59.68],
            [16.12, 59.70],
            [16.22, 59.58],
            [16.18, 59.44],
            [15.98, 59.40],
            [15.80, 59.46],
            [15.74, 59.58],
            [15.78, 59.68],
        ]
    ],
}


def _hexes() -> list[HexCell]:
    """A cluster of busy cells in central Köping, a few quiet ones, one cold spot."""
    centre = h3.latlng_to_cell(59.5140, 15.9926, 8)
    cells = sorted(h3.grid_disk(centre, 3))
    out = []
    weak = 0
    for i, cell in enumerate(cells):
        ring = h3.grid_distance(centre, cell)
        count = max(0, 9 - 3 * ring + (i % 3))
        if ring == 3 and i % 4:
            continue
        bin_ = {0: 3, 1: 2}.get(ring, 0)
        if ring == 2 and weak < 2:
            # Two cells next to the cluster pass only the 90 % level.
            bin_, weak = 1, weak + 1
        out.append(
            HexCell(
                cell=h3.str_to_int(cell),
                count=count,
                z=4.2 - ring * 1.3,
                bin=bin_,
                boundary=[(lon, lat) for lat, lon in h3.cell_to_boundary(cell)],
            )
        )
    far = h3.latlng_to_cell(59.60, 16.10, 8)
    out.append(
        HexCell(
            cell=h3.str_to_int(far),
            count=0,
            z=-2.4,
            bin=-2,
            boundary=[(lon, lat) for lat, lon in h3.cell_to_boundary(far)],
        )
    )
    return out


def _police_item(theme, area, text, reference):
    return SimpleNamespace(
        get_theme_display=lambda: theme,
        area=SimpleNamespace(name=area) if area else None,
        text=text,
        reference=reference,
    )


def sample_picture(days: int = 14, *, end: date = date(2025, 3, 14)) -> Picture:
    """A busy 14-day picture with every section filled."""
    start = end - timedelta(days=days - 1)
    prev_end = start - timedelta(days=1)
    prev_start = prev_end - timedelta(days=days - 1)
    cats = [
        ("Skadegörelse", 31, 22, 18),
        ("Klotter", 18, 25, 20),
        ("Nedskräpning", 9, 8, 11),
        ("Anlagd brand", 4, 1, 0),
        ("Otrygg plats & belysning", 3, 3, 5),
        (NASTY, 1, 0, 2),
    ]
    categories = [
        CategoryRow(
            category_id=i + 1,
            name=name,
            current=cur,
            previous=prev,
            last_year=ly,
            vs_previous=compare_counts(cur, prev),
            vs_last_year=compare_counts(cur, ly),
            link=f"/rapporter/?kategori={i + 1}",
        )
        for i, (name, cur, prev, ly) in enumerate(cats)
    ]
    total = sum(c.current for c in categories)
    prev_total = sum(c.previous for c in categories)
    ly_total = sum(c.last_year for c in categories)
    costs = [
        CostRow("Köpingebostäder AB", 14, Decimal("184350.50"), "/r/?org=1"),
        CostRow("Köpings kommun, gatuavdelningen", 9, Decimal("42700"), "/r/?org=2"),
        CostRow("Medborgare och övriga", 2, Decimal("950"), "/r/"),
    ]
    areas = [
        AreaRow(1, "Centrum", 28, 19, compare_counts(28, 19), "/r/?area=1"),
        AreaRow(2, "Malmön", 12, 14, compare_counts(12, 14), "/r/?area=2"),
        AreaRow(3, "Ullvi", 6, 7, compare_counts(6, 7), "/r/?area=3"),
    ]
    hexes = _hexes()
    matrix = [
        [((d * 7 + h * 3) % 11 == 0) * (1 + (h > 18) * 3) for h in range(24)] for d in range(7)
    ]
    matrix[4][22] = 9
    matrix[5][23] = 7
    first_monday = end - timedelta(days=end.weekday()) - timedelta(weeks=51)
    weekly = [(first_monday + timedelta(weeks=i), 8 + (i * 7) % 13 + (i // 10)) for i in range(52)]
    notable = [
        SimpleNamespace(
            pk=4711,
            category="Anlagd brand",
            occurred_at=datetime(2025, 3, 8, 22, 40, tzinfo=STOCKHOLM),
            place_name_redacted="Skolgatan 12, Köping",
            description_redacted="Brand i soprum, [namn borttaget] såg två personer springa.",
        ),
        SimpleNamespace(
            pk=4712,
            category="Skadegörelse",
            occurred_at=datetime(2025, 3, 10, 2, 5, tzinfo=STOCKHOLM),
            place_name_redacted="Järnvägsstationen",
            description_redacted=NASTY,
        ),
    ]
    police = [
        SimpleNamespace(
            summary="Ökad oro kring centrum fredagskvällar; #ungdomar samlas vid stationen.",
            get_sensitivity_display=lambda: "Begränsad spridning",
            items=SimpleNamespace(
                all=lambda: [
                    _police_item("Ungdomar", "Centrum", "Grupp om 10–15 *ungdomar*.", "K123-45"),
                    _police_item("Narkotika", None, "Inga nya signaler $ <b>.", ""),
                ]
            ),
        )
    ]
    return Picture(
        municipality_name="Köping",
        start=start,
        end=end,
        previous_start=prev_start,
        previous_end=prev_end,
        last_year_start=start.replace(year=start.year - 1),
        last_year_end=end.replace(year=end.year - 1),
        total=total,
        total_vs_previous=compare_counts(total, prev_total),
        total_vs_last_year=compare_counts(total, ly_total),
        categories=categories,
        costs=costs,
        cost_total=sum((c.cost for c in costs), Decimal(0)),
        areas=areas,
        hexes=hexes,
        hex_resolution=8,
        hotspot_text=(
            "Av 40 celler är 7 heta punkter och 1 kall punkt (Getis-Ord Gi*, grannar inom 1 ring)."
        ),
        n_hot=7,
        n_cold=1,
        points_used=58,
        without_point=8,
        weekday_hour=matrix,
        weekly=weekly,
        notable=notable,
        police_inputs=police,
        boundary=BOUNDARY,
        list_link="/rapporter/",
    )


def empty_picture() -> Picture:
    """No reports at all, no boundary, no police input: every section's empty case."""
    end = date(2025, 3, 14)
    start = end - timedelta(days=13)
    nothing = compare_counts(0, 0)
    return Picture(
        municipality_name="Arboga",
        start=start,
        end=end,
        previous_start=start - timedelta(days=14),
        previous_end=start - timedelta(days=1),
        last_year_start=start.replace(year=2024),
        last_year_end=end.replace(year=2024),
        total=0,
        total_vs_previous=nothing,
        total_vs_last_year=nothing,
        categories=[],
        costs=[],
        cost_total=Decimal(0),
        areas=[],
        hexes=[],
        hex_resolution=8,
        hotspot_text="Inga rapporter med exakt plats under perioden.",
        n_hot=0,
        n_cold=0,
        points_used=0,
        without_point=0,
        weekday_hour=[[0] * 24 for _ in range(7)],
        weekly=[],
    )
