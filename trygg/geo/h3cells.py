"""H3 cells for a point at the resolutions the design names.

Stored as integers (h3 ids fit in a signed 64-bit column: the top bit is reserved and 0),
so aggregation is an indexed integer GROUP BY on both databases.
"""

import h3
import h3.api.basic_int as h3_int

# 7 ≈ 5 km² (municipality overview), 8 ≈ 0.7 km² (district), 9 ≈ 0.1 km² (hot spots).
RESOLUTIONS = (7, 8, 9)


def cells_for_point(lat: float, lon: float) -> dict[int, int]:
    # The integer API: the same ids without a string made and parsed back per cell.
    return {res: h3_int.latlng_to_cell(lat, lon, res) for res in RESOLUTIONS}


def cell_boundary(cell: int) -> list[tuple[float, float]]:
    """The hexagon as (lon, lat) pairs, ready for GeoJSON or SVG."""
    return [(lon, lat) for lat, lon in h3.cell_to_boundary(h3.int_to_str(cell))]
