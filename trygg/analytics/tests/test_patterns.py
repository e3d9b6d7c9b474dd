"""Weekday × hour, weekly series and the Knox near-repeat test."""

import numpy as np
import pytest

from trygg.analytics.patterns import knox_test, weekday_hour, weekly_counts


def test_weekday_hour():
    m = weekday_hour(np.array([0, 0, 6, 3]), np.array([0, 0, 23, 12]))
    assert m.shape == (7, 24) and m.sum() == 4
    assert m[0, 0] == 2 and m[6, 23] == 1 and m[3, 12] == 1
    assert weekday_hour(np.array([], dtype=int), np.array([], dtype=int)).sum() == 0
    with pytest.raises(ValueError):
        weekday_hour(np.array([7]), np.array([0]))


def test_weekday_hour_from_counted_groups_equals_one_by_one():
    rng = np.random.default_rng(3)
    wd, hr = rng.integers(0, 7, 5000), rng.integers(0, 24, 5000)
    pairs, n = np.unique(np.stack([wd, hr]), axis=1, return_counts=True)
    assert np.array_equal(weekday_hour(pairs[0], pairs[1], n), weekday_hour(wd, hr))
    with pytest.raises(ValueError):
        weekday_hour(np.array([1]), np.array([1]), np.array([1, 2]))


def test_weekly_counts_ignores_days_outside():
    days = np.array([99, 100, 106, 107, 120, 127, 128, 500])
    assert weekly_counts(days, start_day=100, weeks=4).tolist() == [2, 1, 1, 1]
    assert weekly_counts(np.array([]), start_day=0, weeks=3).tolist() == [0, 0, 0]


def test_weekly_counts_from_counts_per_day():
    days, n = np.array([99, 100, 106, 107, 127, 128]), np.array([5, 2, 3, 4, 1, 9])
    assert weekly_counts(days, start_day=100, weeks=4, counts=n).tolist() == [5, 4, 0, 1]
    with pytest.raises(ValueError):
        weekly_counts(days, start_day=100, weeks=4, counts=-n)


def uniform_events(rng, n):
    return rng.uniform(0, 5000, n), rng.uniform(0, 5000, n), rng.uniform(0, 365, n)


def test_planted_near_repeats_are_detected(rng):
    x, y, t = uniform_events(rng, 300)
    # Each of 60 "originators" gets a follower 50 m away a few days later.
    src = rng.choice(300, 60, replace=False)
    x = np.concatenate([x, x[src] + rng.normal(0, 30, 60)])
    y = np.concatenate([y, y[src] + rng.normal(0, 30, 60)])
    t = np.concatenate([t, t[src] + rng.uniform(0, 5, 60)])
    r = knox_test(x, y, t, distance=200, days=7, n_sim=199)
    assert r.p_value < 0.01
    assert r.observed > 2 * r.expected and r.ratio > 2
    assert r.n_events == 360 and r.n_sim == 199


def test_random_events_are_not_near_repeats():
    p_values = []
    for seed in range(5):
        x, y, t = uniform_events(np.random.default_rng(seed), 400)
        p_values.append(knox_test(x, y, t, distance=200, days=7, n_sim=99, seed=seed).p_value)
    assert min(p_values) > 0.01
    assert np.median(p_values) > 0.1


def test_expected_is_the_permutation_mean(rng):
    x, y, t = uniform_events(rng, 200)
    simulated = knox_test(x, y, t, distance=400, days=14, n_sim=999)
    exact = knox_test(x, y, t, distance=400, days=14, n_sim=0)
    assert exact.p_value == 1 and exact.n_sim == 0 and exact.observed == simulated.observed
    assert simulated.expected == pytest.approx(exact.expected, rel=0.05)


def test_deterministic_for_a_seed(rng):
    x, y, t = uniform_events(rng, 150)
    a = knox_test(x, y, t, distance=300, days=10, n_sim=49, seed=3)
    assert a == knox_test(x, y, t, distance=300, days=10, n_sim=49, seed=3)


@pytest.mark.parametrize("n", [0, 1])
def test_fewer_than_two_events(n):
    r = knox_test(np.zeros(n), np.zeros(n), np.zeros(n), distance=100, days=7)
    assert r.p_value == 1 and r.observed == 0 and r.ratio is None and r.n_events == n


def test_no_pairs_close_in_space():
    x, y, t = np.array([0.0, 1e6]), np.array([0.0, 0.0]), np.array([1.0, 1.0])
    r = knox_test(x, y, t, distance=100, days=7)
    assert r.p_value == 1 and r.observed == 0 and r.n_close_in_space == 0


def test_scales_to_tens_of_thousands(rng):
    x, y, t = uniform_events(rng, 20_000)
    r = knox_test(x * 4, y * 4, t, distance=100, days=7, n_sim=19)
    assert r.n_close_in_space > 10_000 and 0 < r.p_value <= 1
