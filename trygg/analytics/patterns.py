"""Patterns in time and space-time: weekday × hour, weekly series, and near-repeats (Knox test).

The time patterns take events one by one or already counted (``counts``): the lägesbild
counts per local day and per (weekday, hour) in the database and bins the groups here."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree


@dataclass(frozen=True)
class KnoxResult:
    """Knox test of whether events close in space are also close in time more often than chance."""

    observed: int  # pairs within `distance` metres and `days` days of each other
    expected: float  # mean of the same count over simulations with permuted dates
    ratio: float | None  # observed / expected; None when expected == 0
    p_value: float  # one-sided Monte Carlo p: (1 + #sims >= observed) / (1 + n_sim)
    n_events: int
    n_sim: int  # simulations actually run (0 when there was nothing to test)
    distance: float = 0.0
    days: float = 0.0
    n_close_in_space: int = 0  # pairs within `distance`, whatever their dates


def weekday_hour(
    weekdays: np.ndarray, hours: np.ndarray, counts: np.ndarray | None = None
) -> np.ndarray:
    """7×24 int64 counts, rows Monday=0 .. Sunday=6, columns hour 0..23; ``counts`` gives
    each (weekday, hour) pair a number of events instead of one."""
    weekdays = np.asarray(weekdays, dtype=np.int64).ravel()
    hours = np.asarray(hours, dtype=np.int64).ravel()
    if weekdays.size != hours.size:
        raise ValueError("weekdays and hours must have the same length")
    if np.any((weekdays < 0) | (weekdays > 6)) or np.any((hours < 0) | (hours > 23)):
        raise ValueError("weekdays must be 0..6 and hours 0..23")
    weights = _weights(counts, weekdays.size)
    return (
        np.bincount(weekdays * 24 + hours, weights=weights, minlength=7 * 24)
        .astype(np.int64)
        .reshape(7, 24)
    )


def weekly_counts(
    day_numbers: np.ndarray, *, start_day: int, weeks: int, counts: np.ndarray | None = None
) -> np.ndarray:
    """Events per week for ``weeks`` weeks from ``start_day``; days outside are ignored.
    ``counts`` gives each day number a number of events instead of one."""
    if weeks < 0:
        raise ValueError("weeks must be >= 0")
    days = np.asarray(day_numbers, dtype=np.int64).ravel()
    weights = _weights(counts, days.size)
    week = np.floor_divide(days - start_day, 7)
    inside = (week >= 0) & (week < weeks)
    return np.bincount(week[inside], weights=weights[inside], minlength=weeks).astype(np.int64)


def _weights(counts, n: int) -> np.ndarray:
    if counts is None:
        return np.ones(n, dtype=np.float64)
    weights = np.asarray(counts, dtype=np.float64).ravel()
    if weights.size != n:
        raise ValueError("counts must have one number per event group")
    if np.any(weights < 0):
        raise ValueError("counts must not be negative")
    return weights


def knox_test(
    x: np.ndarray,
    y: np.ndarray,
    t: np.ndarray,
    *,
    distance: float,
    days: float,
    n_sim: int = 999,
    seed: int = 0,
) -> KnoxResult:
    """Knox near-repeat test, dates permuted over events as in the Near Repeat Calculator.

    x, y in metres (e.g. SWEREF 99 TM), t in days; the same seed gives the same result.
    """
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    t = np.asarray(t, dtype=np.float64).ravel()
    n = x.size
    if not (y.size == n and t.size == n):
        raise ValueError("x, y and t must have the same length")
    if not (np.isfinite(x).all() and np.isfinite(y).all() and np.isfinite(t).all()):
        raise ValueError("x, y and t must be finite")
    if distance < 0 or days < 0 or n_sim < 0:
        raise ValueError("distance, days and n_sim must be >= 0")
    if n < 2:
        return KnoxResult(0, 0.0, None, 1.0, n, 0, distance, days, 0)

    # Spatial closeness never changes under date permutation: find those pairs once.
    pairs = cKDTree(np.column_stack([x, y])).query_pairs(r=distance, output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    observed = int(np.count_nonzero(np.abs(t[i] - t[j]) <= days))
    if i.size == 0:
        return KnoxResult(0, 0.0, None, 1.0, n, 0, distance, days, 0)
    if n_sim == 0:
        # No test asked for: report the exact permutation expectation instead of a simulated one.
        expected = i.size * _close_in_time(t, days) / (n * (n - 1) / 2)
        ratio = observed / expected if expected > 0 else None
        return KnoxResult(observed, expected, ratio, 1.0, n, 0, distance, days, int(i.size))

    rng = np.random.default_rng(seed)
    sims = np.empty(n_sim, dtype=np.int64)
    for s in range(n_sim):
        shuffled = rng.permutation(t)
        sims[s] = np.count_nonzero(np.abs(shuffled[i] - shuffled[j]) <= days)
    expected = float(sims.mean())
    return KnoxResult(
        observed=observed,
        expected=expected,
        ratio=observed / expected if expected > 0 else None,
        p_value=float((1 + np.count_nonzero(sims >= observed)) / (1 + n_sim)),
        n_events=n,
        n_sim=n_sim,
        distance=float(distance),
        days=float(days),
        n_close_in_space=int(i.size),
    )


def _close_in_time(t: np.ndarray, days: float) -> int:
    """Number of unordered pairs of events at most ``days`` apart."""
    t = np.sort(t)
    later = np.searchsorted(t, t + days, side="right")
    return int(np.sum(later - np.arange(t.size) - 1))
