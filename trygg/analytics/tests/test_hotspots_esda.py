"""Gi* z-scores equal PySAL esda's G_Local(star=True, transform="B") on the same weights."""

import warnings

import numpy as np
import pytest

from trygg.analytics.hotspots import gi_star, ring_weights

from .helpers import cells_around

# Importing esda takes seconds: marked so a day-to-day run can leave these out with
# `-m "not esda"` (make test runs them), and imported in a fixture, not at collection, so a
# run that leaves them out does not pay for the import either.
pytestmark = pytest.mark.esda


@pytest.fixture(scope="module")
def esda_z():
    import esda
    import libpysal.weights as libpysal_weights

    def z(counts: np.ndarray, w) -> np.ndarray:
        with warnings.catch_warnings():
            # libpysal warns about islands and disconnected components; both expected here.
            warnings.simplefilter("ignore")
            lw = libpysal_weights.W.from_sparse(w)
            return esda.G_Local(counts, lw, transform="B", star=True, permutations=0).Zs

    return z


def test_random_counts_on_random_cells(rng, esda_z):
    cells = cells_around(59.51, 15.99, radius=20)
    cells = rng.permutation(cells[rng.random(cells.size) < 0.5])  # gaps and islands
    counts = rng.poisson(2.0, cells.size)
    w = ring_weights(cells, 1)
    result = gi_star(cells, counts, weights=w)
    assert np.abs(result.z - esda_z(counts, w)).max() <= 1e-9


def test_planted_hot_spot(rng, koping_cells, esda_z):
    counts = rng.poisson(1.0, koping_cells.size)
    centre = koping_cells.size // 3
    hot = ring_weights(koping_cells, 2)[centre].indices
    counts[hot] += rng.poisson(8.0, hot.size)
    w = ring_weights(koping_cells, 2)
    result = gi_star(koping_cells, counts, k=2)
    assert np.abs(result.z - esda_z(counts, w)).max() <= 1e-9
    assert result.bins[centre] == 3


def test_esda_fills_a_missing_diagonal_the_same_way(rng, koping_cells, esda_z):
    # Without self-links esda's star=True with transform "B" sets w_ii = 1 itself: same Gi*.
    counts = rng.poisson(2.0, koping_cells.size)
    w = ring_weights(koping_cells, 1)
    no_self = w.tolil()
    no_self.setdiag(0)
    no_self = no_self.tocsr()
    no_self.eliminate_zeros()
    assert np.abs(esda_z(counts, no_self) - gi_star(koping_cells, counts).z).max() <= 1e-9
