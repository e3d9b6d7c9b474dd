"""Period comparisons of event counts: is the change larger than chance?

Two Poisson counts are compared with the exact conditional test: given the total, the current
count is binomial with p = current_length / (current_length + previous_length) under "no change
in rate". Exact, so honest for the small numbers a municipality sees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from trygg.locale_sv import format_number as format_sv
from trygg.locale_sv import round_half_up

Direction = Literal["ökning", "minskning", "oförändrad"]

# Below this many events in total, say outright that only large changes can be detected.
SMALL_TOTAL = 20


@dataclass(frozen=True)
class Comparison:
    """A current count against a previous one, rescaled to the current period's length."""

    current: int
    previous: int
    expected: float  # previous scaled to the current period's length
    change: float  # current - expected
    ratio: float | None  # current / expected; None when expected == 0
    p_value: float  # two-sided exact conditional binomial test
    significant: bool  # p_value < alpha
    direction: Direction  # of the observed change, whether significant or not
    text: str  # one or two plain Swedish sentences


def compare_counts(
    current: int,
    previous: int,
    *,
    current_length: float = 1.0,
    previous_length: float = 1.0,
    alpha: float = 0.05,
) -> Comparison:
    """Exact two-sided test of equal rates in two periods; never divides by zero."""
    current, previous = _count(current, "current"), _count(previous, "previous")
    if not (current_length > 0 and previous_length > 0):
        raise ValueError("period lengths must be positive")
    if not 0 < alpha < 1:
        raise ValueError("alpha must be between 0 and 1")
    expected = previous * current_length / previous_length
    change = current - expected
    ratio = current / expected if expected > 0 else None
    total = current + previous
    if total == 0:
        p_value = 1.0
    else:
        share = current_length / (current_length + previous_length)
        p_value = binomial_two_sided(current, total, share)
    significant = p_value < alpha
    if math.isclose(current, expected, rel_tol=1e-12, abs_tol=1e-12):
        direction: Direction = "oförändrad"
    else:
        direction = "ökning" if current > expected else "minskning"
    if math.isclose(current_length, previous_length, rel_tol=1e-12):
        before = str(previous)
    else:
        longer = "längre" if previous_length > current_length else "kortare"
        before = f"motsvarande {format_number(expected)} ({previous} under en {longer} period)"
    text = _text(current, previous, before, p_value, significant, direction)
    return Comparison(
        current=current,
        previous=previous,
        expected=expected,
        change=change,
        ratio=ratio,
        p_value=p_value,
        significant=significant,
        direction=direction,
        text=text,
    )


def format_p(p: float) -> str:
    """``p = 0,55``, ``p = 0,020`` or ``p < 0,001``, with a Swedish decimal comma."""
    if p < 0.001:
        return "p < 0,001"
    digits = 2 if p >= 0.1 else 3
    return "p = " + format_sv(p, digits)


def format_number(x: float, decimals: int = 1) -> str:
    """A count as Swedish text, rounded half up to `decimals` places: integers bare, others
    with a decimal comma (the locale module's one rounding rule)."""
    rounded = round_half_up(x, decimals)
    return format_sv(rounded, 0 if rounded == rounded.to_integral_value() else decimals)


def _count(value, name: str) -> int:
    """A non-negative whole number, or ValueError."""
    if isinstance(value, bool) or not float(value).is_integer() or value < 0:
        raise ValueError(f"{name} must be a non-negative whole number, got {value!r}")
    return int(value)


def _text(current, previous, before, p_value, significant, direction) -> str:
    """The comparison in one or two plain Swedish sentences."""
    if current == 0 and previous == 0:
        return "Inga händelser i någon av perioderna: det finns ingen förändring att pröva."
    if significant:
        word = "Ökning" if direction == "ökning" else "Minskning"
        return (
            f"{word} från {before} till {current} ({format_p(p_value)}): "
            "sannolikt en verklig förändring."
        )
    text = f"{current} mot {before} tidigare: ingen säkerställd förändring ({format_p(p_value)})."
    if current + previous < SMALL_TOTAL:
        text += " Med så få händelser kan bara mycket stora skillnader skiljas från slumpen."
    return text


def binomial_two_sided(k: int, n: int, p: float) -> float:
    """Exact two-sided binomial test p-value, the same as scipy.stats.binomtest's: the sum of
    the probabilities of every outcome no more likely than k. numpy only, because importing
    scipy.stats costs seconds in every server process (measured)."""
    if not 0 < p < 1:
        return 1.0 if (p == 0 and k == 0) or (p == 1 and k == n) else 0.0
    ks = np.arange(1, n + 1, dtype=np.float64)
    # log pmf(k) by the recurrence pmf(k)/pmf(k-1) = (n-k+1)/k · p/(1-p), from pmf(0) = (1-p)^n
    steps = np.log((n - ks + 1) / ks) + math.log(p / (1 - p))
    logpmf = np.concatenate(([n * math.log1p(-p)], n * math.log1p(-p) + np.cumsum(steps)))
    pmf = np.exp(logpmf - logpmf.max())
    # scipy's tolerance for ties in probability
    threshold = pmf[k] * (1 + 1e-7)
    return float(min(1.0, pmf[pmf <= threshold].sum() / pmf.sum()))
