"""Gi* behaviour: planted clusters are found, noise is not, degenerate input never breaks."""

import h3
import numpy as np
import pytest
from scipy.stats import false_discovery_control

from trygg.analytics.hotspots import (
    benjamini_hochberg,
    count_cells,
    gi_star,
    ring_weights,
    study_cells,
)

from .helpers import KOPING, cells_around


def assert_clean(result, n):
    for name in ("z", "p", "q"):
        values = getattr(result, name)
        assert values.shape == (n,) and np.isfinite(values).all(), name
    assert result.bins.dtype == np.int8 and result.bins.shape == (n,)
    assert result.n_hot == int((result.bins > 0).sum())
    assert result.n_cold == int((result.bins < 0).sum())


def test_planted_cluster_is_a_99_percent_hot_spot(rng, koping_cells):
    counts = rng.poisson(0.5, koping_cells.size)
    centre = 100
    cluster = ring_weights(koping_cells, 1)[centre].indices
    counts[cluster] += 12
    result = gi_star(koping_cells, counts)
    assert np.all(result.bins[cluster] == 3)
    assert np.all(result.q[cluster] <= 0.01)
    assert result.n_hot >= cluster.size
    assert result.n_cold == 0
    assert "heta punkter" in result.text


@pytest.mark.parametrize("seed", range(5))
def test_noise_gives_almost_no_hot_spots(seed, koping_cells):
    counts = np.random.default_rng(seed).poisson(3.0, koping_cells.size)
    result = gi_star(koping_cells, counts)
    # Without FDR about 10 % of cells would get a bin; with it, (almost) none.
    assert result.n_hot + result.n_cold <= 0.02 * koping_cells.size
    assert (result.p <= 0.10).sum() > result.n_hot + result.n_cold


def test_bins_follow_fdr_levels(rng, koping_cells):
    counts = rng.poisson(1.0, koping_cells.size)
    counts[ring_weights(koping_cells, 1)[50].indices] += 6
    counts[ring_weights(koping_cells, 1)[300].indices] = 0
    r = gi_star(koping_cells, counts)
    expected = np.select([r.q <= 0.01, r.q <= 0.05, r.q <= 0.10], [3, 2, 1], 0) * np.sign(r.z)
    assert np.array_equal(r.bins, expected)
    assert np.array_equal(r.significant, (r.q <= 0.05) & (r.z != 0))


def test_degenerate_inputs_give_zeros_not_errors(koping_cells):
    empty = gi_star(np.array([], dtype=np.int64), np.array([]))
    assert_clean(empty, 0)
    assert empty.n_hot == empty.n_cold == 0

    one = gi_star(koping_cells[:1], np.array([5]))
    assert_clean(one, 1)
    assert one.z[0] == 0 and one.p[0] == 1 and one.bins[0] == 0

    flat = gi_star(koping_cells, np.full(koping_cells.size, 4))
    assert_clean(flat, koping_cells.size)
    assert np.all(flat.z == 0) and np.all(flat.p == 1) and flat.n_hot == 0

    zeros = gi_star(koping_cells, np.zeros(koping_cells.size))
    assert np.all(zeros.z == 0)

    single = np.zeros(koping_cells.size)
    single[200] = 1
    lone = gi_star(koping_cells, single)
    assert_clean(lone, koping_cells.size)
    assert lone.z[200] > 0

    # Two neighbouring cells: each neighbours every cell, so z is undefined and reported as 0.
    pair = gi_star(cells_around(*KOPING, radius=1)[:2], np.array([1, 7]))
    assert_clean(pair, 2)


def test_general_weights_and_validation(koping_cells, rng):
    counts = rng.poisson(2.0, koping_cells.size)
    w = ring_weights(koping_cells, 1)
    assert np.allclose(
        gi_star(koping_cells, counts, weights=2 * w).z, gi_star(koping_cells, counts).z
    )
    with pytest.raises(ValueError):
        gi_star(koping_cells, counts[:-1])
    with pytest.raises(ValueError):
        gi_star(koping_cells, counts, weights=w[:10, :10])


def test_benjamini_hochberg_matches_scipy(rng):
    p = np.concatenate([rng.random(500), rng.random(20) * 1e-4, [0.3, 0.3, 1.0, 0.0]])
    assert np.allclose(benjamini_hochberg(p), false_discovery_control(p, method="bh"))
    assert benjamini_hochberg(np.array([])).size == 0
    with pytest.raises(ValueError):
        benjamini_hochberg(np.array([0.1, np.nan]))


def test_count_cells():
    cells, counts = count_cells(np.array([7, 3, 7, 7], dtype=np.int64))
    assert cells.tolist() == [3, 7] and counts.tolist() == [1, 3]


SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[15.95, 59.49], [16.03, 59.49], [16.03, 59.53], [15.95, 59.53], [15.95, 59.49]]
    ],
}


def test_study_cells_cover_the_polygon(rng):
    cells = study_cells(SQUARE, 9)
    assert cells.dtype == np.int64 and np.all(np.diff(cells) > 0)
    lat = rng.uniform(59.49, 59.53, 2000)
    lon = rng.uniform(15.95, 16.03, 2000)
    points = [h3.api.basic_int.latlng_to_cell(a, b, 9) for a, b in zip(lat, lon, strict=True)]
    assert np.isin(points, cells).all()  # every point of the area lands in a study cell
    centre = study_cells(SQUARE, 9, contain="center")
    assert np.isin(centre, cells).all() and centre.size < cells.size


def test_study_cells_accepts_multipolygon_and_feature():
    shifted = [[[x + 0.2, y] for x, y in SQUARE["coordinates"][0]]]
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"], shifted]}
    both = study_cells(multi, 8)
    one = study_cells({"type": "Feature", "properties": {}, "geometry": SQUARE}, 8)
    assert np.isin(one, both).all() and both.size > one.size
    with pytest.raises(ValueError):
        study_cells({"type": "Point", "coordinates": [16.0, 59.5]}, 8)
