"""Synthetic H3 data for the analytics tests."""

import h3
import numpy as np

KOPING = (59.51, 15.99)


def cells_around(lat: float, lon: float, *, res: int = 9, radius: int = 12) -> np.ndarray:
    """Every cell within `radius` rings of the point, sorted int64."""
    centre = h3.api.basic_int.latlng_to_cell(lat, lon, res)
    return np.array(sorted(h3.api.basic_int.grid_disk(centre, radius)), dtype=np.int64)
