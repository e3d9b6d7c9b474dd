"""Survey weighting: post-stratification and raking recover a simulated population's share
from a biased sample; shares carry Kish-adjusted Wilson intervals; two rounds are compared."""

import numpy as np
import pytest

from trygg.analytics.weighting import (
    WeightingError,
    collapse_to_parent,
    poststratify,
    rake,
    two_proportion_p,
    weighted_share,
)

DESOS = [f"1983C10{i:02d}" for i in range(8)]
SEXES = ("kvinna", "man")


def _population(rng):
    """A town whose insecurity differs strongly by sex and area: women in the centre feel
    unsafe most often. Returns the cells' sizes and each cell's true share."""
    size, share = {}, {}
    for i, deso in enumerate(DESOS):
        for sex in SEXES:
            size[(deso, sex)] = int(rng.integers(600, 1400))
            share[(deso, sex)] = (0.45 if sex == "kvinna" else 0.12) + 0.03 * (i % 4)
    return size, share


def _biased_sample(rng, size, share):
    """Women answer four times as often as men, and the first DeSOs three times as often."""
    strata, hits = [], []
    for (deso, sex), n in size.items():
        rate = (0.16 if sex == "kvinna" else 0.04) * (3 if DESOS.index(deso) < 3 else 1)
        answered = rng.binomial(n, rate)
        strata += [(deso, sex)] * answered
        hits += list(rng.random(answered) < share[(deso, sex)])
    return strata, np.array(hits)


def test_post_stratification_recovers_the_population_share_that_the_raw_sample_misses(rng):
    size, share = _population(rng)
    truth = sum(size[c] * share[c] for c in size) / sum(size.values())
    strata, hits = _biased_sample(rng, size, share)

    raw = weighted_share(hits)
    weighted = weighted_share(hits, poststratify(strata, size))

    assert abs(raw.share - truth) > 0.06  # far off: the sample is mostly women
    assert weighted.low <= truth <= weighted.high
    assert weighted.n_effective < weighted.n  # unequal weights cost precision


def test_weights_of_a_cell_sum_to_its_population(rng):
    size, share = _population(rng)
    strata, _ = _biased_sample(rng, size, share)
    weights = poststratify(strata, size)
    for cell, n in size.items():
        assert sum(w for s, w in zip(strata, weights, strict=True) if s == cell) == pytest.approx(n)


def test_raking_on_independent_margins_gives_the_post_stratification_weights(rng):
    # Raking keeps the sample's odds ratios and post-stratification the population's; they
    # agree when both tables are the product of their margins (sex independent of DeSO). The
    # sample is biased in both margins: three women per man and some DeSOs ten times others.
    by_deso = {d: int(rng.integers(800, 2000)) for d in DESOS}
    women = 0.52
    size = {(d, "kvinna"): n * women for d, n in by_deso.items()}
    size |= {(d, "man"): n * (1 - women) for d, n in by_deso.items()}
    strata = []
    for d in DESOS:
        base = int(rng.integers(2, 20))
        strata += [(d, "kvinna")] * (3 * base) + [(d, "man")] * base

    raked = rake(
        [
            ([d for d, _ in strata], by_deso),
            ([s for _, s in strata], {"kvinna": women * sum(by_deso.values()),
                                      "man": (1 - women) * sum(by_deso.values())}),
        ],
        tolerance=1e-10,
    )  # fmt: skip

    np.testing.assert_allclose(raked, poststratify(strata, size), rtol=1e-6)


def test_raking_that_cannot_converge_in_the_rounds_allowed_says_so():
    # Two margins that agree only in the limit: a structural zero forces slow convergence.
    deso = ["a", "a", "b"]
    sex = ["kvinna", "man", "kvinna"]
    with pytest.raises(WeightingError, match="konvergerade inte på 2 varv"):
        rake(
            [(deso, {"a": 50, "b": 50}), (sex, {"kvinna": 10, "man": 90})],
            max_iterations=2,
        )


CELL_ERRORS = [
    # (strata of the answers, population, the Swedish message)
    (
        [("D1", "kvinna"), ("D2", "man")],
        {("D1", "kvinna"): 100, ("D1", "man"): 90, ("D2", "man"): 80},
        "Grupper i befolkningen saknar svar: D1 × man.",
    ),
    (
        [("D1", "kvinna"), ("D3", "man")],
        {("D1", "kvinna"): 100},
        "Svar finns i grupper som saknar befolkning: D3 × man.",
    ),
]


@pytest.mark.parametrize(("strata", "population", "message"), CELL_ERRORS)
def test_a_cell_that_cannot_be_weighted_is_named(strata, population, message):
    with pytest.raises(WeightingError) as error:
        poststratify(strata, population)
    assert str(error.value) == message


def test_a_deso_without_answers_in_a_cell_is_merged_into_its_district():
    strata = [("D1", "kvinna"), ("D1", "kvinna"), ("D2", "man"), ("D3", "kvinna"), ("D3", "man")]
    population = {
        ("D1", "kvinna"): 100, ("D1", "man"): 100, ("D2", "kvinna"): 50, ("D2", "man"): 50,
        ("D3", "kvinna"): 70, ("D3", "man"): 30,
    }  # fmt: skip
    result = collapse_to_parent(strata, population, {"D1": "Norr", "D2": "Norr", "D3": "Söder"})

    assert result.merged == {"D1": "Norr", "D2": "Norr"}
    # Norr × kvinna is 150 people and 2 answers, Norr × man 150 and 1.
    assert list(result.weights) == [75.0, 75.0, 150.0, 70.0, 30.0]


SHARES = [
    # (hits, weights, share, low, high) — Wilson's interval, n_eff = n when weights are equal
    ([1] * 30 + [0] * 70, None, 0.30, 0.2189, 0.3958),
    ([1] * 5 + [0] * 5, [2.0] * 10, 0.50, 0.2366, 0.7634),
    ([1, 0], [3.0, 1.0], 0.75, 0.1691, 0.9779),  # n_eff = 16 / 10 = 1.6
]


@pytest.mark.parametrize(("hits", "weights", "share", "low", "high"), SHARES)
def test_a_weighted_share_has_a_wilson_interval_on_the_effective_sample(
    hits, weights, share, low, high
):
    result = weighted_share(np.array(hits, dtype=bool), weights)
    assert (round(result.share, 4), round(result.low, 4), round(result.high, 4)) == (
        share,
        low,
        high,
    )


def test_two_rounds_with_the_same_share_do_not_differ_and_far_apart_ones_do():
    same = weighted_share(np.array([1] * 30 + [0] * 70, dtype=bool))
    lower = weighted_share(np.array([1] * 15 + [0] * 85, dtype=bool))
    assert two_proportion_p(same, same) == 1.0
    # z = 0.15 / sqrt(0.225 · 0.775 · 0.02) = 2.540 → p = 0.0111
    assert round(two_proportion_p(same, lower), 4) == 0.0111
