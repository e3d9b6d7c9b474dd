"""Survey weights against a known population, and weighted shares with their uncertainty.

A sampled survey's respondents are not the population: in Köping, as in the national NTU,
older women answer more often than young men. Weighting gives each respondent the share of
the population their stratum (sex × DeSO, × age band when the municipality has imported
bands) stands for, so the estimate is about residents, not about who happened to answer.

- `poststratify`: the population is known per cell (SCB's sex × DeSO); the weight of a
  respondent is N_cell / n_cell.
- `rake`: only margins are known (e.g. sex per DeSO from SCB and age bands for the whole
  municipality); iterative proportional fitting adjusts the weights to each margin in turn
  until every margin is met within `tolerance`.
- A stratum with answers but no population, or a population cell with no answers, cannot be
  weighted: the error names the cell. The rule for that case (`collapse_to_parent`) merges
  the DeSO into its district (RegSO), and a district that still fails into the municipality;
  the result says which DeSOs were merged, so the page can say so.
- `weighted_share` gives a share with a 95 % interval: the Wilson score interval with Kish's
  effective sample size n_eff = (Σw)² / Σw² in place of n. That is the linearisation variance
  of a ratio under simple random sampling inflated by Kish's design effect of unequal weights
  (1 + CV²); it ignores any correlation between the weights and the answer, which is small for
  post-stratification cells of similar size.
- `two_proportion_p`: the two-sided z test of two independent rounds' weighted shares, each
  with its effective n (pooled variance under H0).

Pure: numpy and scipy, no Django (a test parses this module).
"""

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import norm

Z95 = float(norm.ppf(0.975))
# Kommunen: the top of the collapse rule (a DeSO → its district → the whole municipality).
WHOLE = "*"


class WeightingError(ValueError):
    """A stratum that cannot be weighted, with a Swedish message naming it."""

    def __init__(self, message: str, cells: Sequence[Hashable] = ()):
        super().__init__(message)
        self.cells = tuple(cells)


def _cell_text(cell) -> str:
    return " × ".join(str(part) for part in cell) if isinstance(cell, tuple) else str(cell)


def poststratify(strata: Sequence[Hashable], population: Mapping[Hashable, float]) -> np.ndarray:
    """One weight per respondent (`strata[i]` is respondent i's cell): N_cell / n_cell, so
    the weights of a cell sum to its population. Raises WeightingError when a cell with
    answers has no population or a population cell has no answers."""
    counts: dict[Hashable, int] = {}
    for s in strata:
        counts[s] = counts.get(s, 0) + 1
    without_population = sorted((c for c in counts if population.get(c, 0) <= 0), key=_cell_text)
    if without_population:
        raise WeightingError(
            "Svar finns i grupper som saknar befolkning: "
            + ", ".join(_cell_text(c) for c in without_population)
            + ".",
            without_population,
        )
    without_answers = sorted(
        (c for c, n in population.items() if n > 0 and c not in counts), key=_cell_text
    )
    if without_answers:
        raise WeightingError(
            "Grupper i befolkningen saknar svar: "
            + ", ".join(_cell_text(c) for c in without_answers)
            + ".",
            without_answers,
        )
    factor = {c: population[c] / n for c, n in counts.items()}
    return np.array([factor[s] for s in strata], dtype=float)


@dataclass(frozen=True)
class Collapsed:
    weights: np.ndarray
    # DeSO → what it was merged into (its district, or WHOLE).
    merged: dict


def collapse_to_parent(
    strata: Sequence[tuple],
    population: Mapping[tuple, float],
    parent_of: Mapping[Hashable, Hashable],
) -> Collapsed:
    """Post-stratification with the collapse rule: cells are (area, *rest); when a cell of an
    area cannot be weighted, every DeSO of its district is merged into the district (merging
    one DeSO alone would leave its neighbours' cells apart), and a district that still fails
    into the whole municipality."""
    area_of = {}  # the area each original area is currently merged into

    def mapped(cell):
        return (area_of.get(cell[0], cell[0]), *cell[1:])

    for _ in range(4):  # DeSO → district → municipality, and one last try
        cells = [mapped(s) for s in strata]
        pop: dict[tuple, float] = {}
        for cell, n in population.items():
            key = mapped(cell)
            pop[key] = pop.get(key, 0) + n
        try:
            weights = poststratify(cells, pop)
        except WeightingError as error:
            failing = {cell[0] for cell in error.cells}
            if WHOLE in failing:
                break
            # A whole district merges: its DeSOs' cells become the district's.
            targets = {parent_of.get(area, WHOLE) for area in failing}
            for original in {s[0] for s in strata} | {c[0] for c in population}:
                current = area_of.get(original, original)
                if current in failing or parent_of.get(current, WHOLE) in targets - {WHOLE}:
                    area_of[original] = parent_of.get(current, WHOLE)
            continue
        return Collapsed(weights, {a: to for a, to in area_of.items() if a != to})
    raise WeightingError("Svaren kan inte vägas ens för hela kommunen.")


def rake(
    margins: Sequence[tuple[Sequence[Hashable], Mapping[Hashable, float]]],
    *,
    tolerance: float = 1e-6,
    max_iterations: int = 200,
) -> np.ndarray:
    """Weights that meet every margin: `margins` is a list of (each respondent's category,
    the population per category). Starts from equal weights and scales to each margin in
    turn; stops when no margin is off by more than `tolerance` (relative) and raises
    WeightingError if that takes more than `max_iterations` rounds."""
    if not margins:
        raise WeightingError("Inga marginaler att väga mot.")
    n = len(margins[0][0])
    if n == 0:
        raise WeightingError("Inga svar att väga.")
    coded = []
    for labels, totals in margins:
        if len(labels) != n:
            raise WeightingError("Marginalerna gäller olika många svar.")
        present = set(labels)
        missing = sorted((c for c in present if totals.get(c, 0) <= 0), key=_cell_text)
        if missing:
            raise WeightingError(
                "Svar finns i grupper som saknar befolkning: "
                + ", ".join(_cell_text(c) for c in missing)
                + ".",
                missing,
            )
        empty = sorted((c for c, t in totals.items() if t > 0 and c not in present), key=_cell_text)
        if empty:
            raise WeightingError(
                "Grupper i befolkningen saknar svar: "
                + ", ".join(_cell_text(c) for c in empty)
                + ".",
                empty,
            )
        categories = sorted(present, key=_cell_text)
        index = {c: i for i, c in enumerate(categories)}
        codes = np.array([index[c] for c in labels])
        target = np.array([float(totals[c]) for c in categories])
        coded.append((codes, target))
    totals_sum = [t.sum() for _, t in coded]
    if max(totals_sum) - min(totals_sum) > tolerance * max(totals_sum):
        raise WeightingError("Marginalerna summerar till olika befolkning.")

    weights = np.full(n, totals_sum[0] / n)
    for _ in range(max_iterations):
        for codes, target in coded:
            current = np.bincount(codes, weights=weights, minlength=len(target))
            weights = weights * (target / current)[codes]
        worst = max(
            np.max(np.abs(np.bincount(c, weights=weights, minlength=len(t)) / t - 1))
            for c, t in coded
        )
        if worst <= tolerance:
            return weights
    raise WeightingError(
        f"Vägningen konvergerade inte på {max_iterations} varv; slå ihop små grupper."
    )


@dataclass(frozen=True)
class Share:
    share: float
    low: float
    high: float
    n: int  # respondents
    n_effective: float  # Kish: (Σw)² / Σw²


def effective_n(weights: np.ndarray) -> float:
    w = np.asarray(weights, dtype=float)
    total = w.sum()
    return float(total * total / np.sum(w * w)) if total > 0 else 0.0


def wilson(share: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval for a share from n (possibly effective, non-integer) answers."""
    if n <= 0:
        return (0.0, 1.0)
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def weighted_share(hits: Sequence[bool], weights: Sequence[float] | None = None) -> Share:
    """The (weighted) share of respondents with `hits`, with its 95 % interval; without
    weights every respondent counts once (an open survey)."""
    y = np.asarray(hits, dtype=bool)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
    total = w.sum()
    if len(y) == 0 or total <= 0:
        return Share(0.0, 0.0, 1.0, 0, 0.0)
    p = float(w[y].sum() / total)
    n_eff = effective_n(w)
    low, high = wilson(p, n_eff)
    return Share(p, low, high, int(len(y)), n_eff)


def share_from_sums(hit_weight: float, total_weight: float, square_sum: float, n: int) -> Share:
    """The same as weighted_share from sums a database computed: Σw of the hits, Σw and Σw²
    of everyone who answered."""
    if n <= 0 or total_weight <= 0:
        return Share(0.0, 0.0, 1.0, 0, 0.0)
    p = min(max(hit_weight / total_weight, 0.0), 1.0)
    n_eff = total_weight * total_weight / square_sum if square_sum > 0 else float(n)
    low, high = wilson(p, n_eff)
    return Share(p, low, high, n, n_eff)


def two_proportion_p(a: Share, b: Share) -> float:
    """Two-sided p of "the two rounds' shares are equal" (z test, pooled, effective n)."""
    n1, n2 = a.n_effective, b.n_effective
    if n1 <= 0 or n2 <= 0:
        return 1.0
    pooled = (a.share * n1 + b.share * n2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance <= 0:
        return 1.0 if a.share == b.share else 0.0
    z = (a.share - b.share) / math.sqrt(variance)
    return float(2 * norm.sf(abs(z)))
