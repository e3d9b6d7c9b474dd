"""ring_weights equals a plain h3.grid_disk loop everywhere on the globe, pentagons included."""

import h3
import numpy as np
import pytest
import scipy.sparse as sp

from trygg.analytics import hotspots
from trygg.analytics.hotspots import ring_weights

from .helpers import cells_around

basic = h3.api.basic_int


def reference(cells: np.ndarray, k: int) -> sp.csr_matrix:
    index = {int(c): i for i, c in enumerate(cells)}
    rows, cols = [], []
    for i, cell in enumerate(cells):
        for other in basic.grid_disk(int(cell), k):
            if other in index:
                rows.append(i)
                cols.append(index[other])
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(cells), len(cells)))


def sparse_sample(cells: np.ndarray, rng: np.random.Generator, share: float = 0.6) -> np.ndarray:
    """A shuffled random subset, so rows are not in id order and some cells are isolated."""
    return rng.permutation(cells[rng.random(cells.size) < share])


PENTAGON_5 = basic.cell_to_latlng(h3.str_to_int(h3.get_pentagons(5)[0]))
PLACES = {
    "Köping (inside pentagon base cell 4)": (59.51, 15.99, 9, 10),
    "base cells 4 and 15 meet": (61.8, 16.0, 6, 14),
    "pentagon centre": (*PENTAGON_5, 5, 8),
    "antimeridian at the equator": (0.0, 180.0, 7, 10),
    "south pole": (-89.9, 0.0, 7, 10),
}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("k", [1, 2])
def test_matches_grid_disk(place, k, rng):
    lat, lon, res, radius = PLACES[place]
    cells = sparse_sample(cells_around(lat, lon, res=res, radius=radius), rng)
    w = ring_weights(cells, k)
    assert w.shape == (cells.size, cells.size)
    assert (w != reference(cells, k)).nnz == 0
    assert set(np.unique(w.data)) == {1.0}
    assert np.all(w.diagonal() == 1)  # Gi*: every cell is its own neighbour


def test_every_pentagon_and_the_coarse_global_grid():
    for p in h3.get_pentagons(3):
        cells = np.array(basic.grid_disk(h3.str_to_int(p), 4), dtype=np.int64)
        assert (ring_weights(cells, 1) != reference(cells, 1)).nnz == 0
    globe = np.array(basic.uncompact_cells(basic.get_res0_cells(), 1), dtype=np.int64)
    assert (ring_weights(globe, 1) != reference(globe, 1)).nnz == 0


def test_koping_is_answered_by_the_lattice_not_grid_disk(monkeypatch, koping_cells):
    asked = []
    original = hotspots._grid_disk_neighbours

    def counting(cells, by_id, which, k, width):
        asked.extend(which.tolist())
        return original(cells, by_id, which, k, width)

    monkeypatch.setattr(hotspots, "_grid_disk_neighbours", counting)
    ring_weights(koping_cells, 1)
    assert asked == []


def test_edge_cases():
    assert ring_weights(np.array([], dtype=np.int64)).shape == (0, 0)
    one = cells_around(59.51, 15.99, radius=0)
    assert ring_weights(one).toarray().tolist() == [[1.0]]
    ring = cells_around(59.51, 15.99, radius=1)
    assert (ring_weights(ring, 0) != sp.identity(7)).nnz == 0
    with pytest.raises(ValueError, match="unique"):
        ring_weights(np.concatenate([ring, ring[:1]]))
    with pytest.raises(ValueError, match="resolution"):
        ring_weights(np.array([ring[0], basic.cell_to_parent(int(ring[0]), 8)]))
    with pytest.raises(ValueError, match="H3"):
        ring_weights(np.array([12345]))
    with pytest.raises(ValueError):
        ring_weights(ring, -1)
