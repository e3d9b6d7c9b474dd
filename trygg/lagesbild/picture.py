"""What a lägesbild for a period contains: plain data, read by the page, the PDF and the DOCX."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from trygg.analytics.compare import Comparison


@dataclass
class CategoryRow:
    category_id: int
    name: str
    current: int
    previous: int
    last_year: int
    vs_previous: Comparison
    vs_last_year: Comparison
    link: str
    # Reports per week for the TREND_WEEKS weeks up to the period's end, oldest first.
    trend: list[tuple[date, int]] = field(default_factory=list)


@dataclass
class CostRow:
    organisation: str
    reports: int
    cost: Decimal
    link: str


@dataclass
class AreaRow:
    area_id: int
    name: str
    current: int
    previous: int
    vs_previous: Comparison
    link: str


@dataclass
class HexCell:
    cell: int
    count: int
    z: float
    bin: int
    boundary: list[tuple[float, float]]
    # Where the cell lies (the district its centre is in) and its reports, for the table.
    place: str = ""
    link: str = ""


@dataclass
class Picture:
    municipality_name: str
    start: date
    end: date
    previous_start: date
    previous_end: date
    last_year_start: date
    last_year_end: date
    total: int
    total_vs_previous: Comparison
    total_vs_last_year: Comparison
    categories: list[CategoryRow]
    costs: list[CostRow]
    cost_total: Decimal
    areas: list[AreaRow]
    hexes: list[HexCell]
    hex_resolution: int
    hotspot_text: str
    n_hot: int
    n_cold: int
    points_used: int
    without_point: int
    weekday_hour: list[list[int]]
    weekly: list[tuple[date, int]]
    notable: list = field(default_factory=list)
    police_inputs: list = field(default_factory=list)
    boundary: dict | None = None
    list_link: str = ""
    # geo.selectors.map_background: tätorter, water and named districts under the cells.
    background: dict = field(default_factory=dict)
    # "Köpings kommun": the documents' author in their metadata.
    municipality_official_name: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1
