"""Difference-in-differences recovers planted effects; WDD matches Wheeler & Ratcliffe (2018)."""

import numpy as np
import pytest

from trygg.analytics.evaluation import diff_in_diff, weighted_displacement_difference


def simulate(rng, true_rrr, reps, base=200.0):
    """Replications of (treated before/after, control before/after) with a known RRR."""
    tb, cb, ca = (
        rng.poisson(base, reps),
        rng.poisson(base * 1.5, reps),
        rng.poisson(base * 1.8, reps),
    )
    ta = rng.poisson(base * 1.2 * true_rrr, reps)  # control grows by 20 %, treated by 20 % × RRR
    return tb, ta, cb, ca


def run(tb, ta, cb, ca):
    return [
        diff_in_diff(treated_before=a, treated_after=b, control_before=c, control_after=d)
        for a, b, c, d in zip(tb, ta, cb, ca, strict=True)
    ]


def test_recovers_a_planted_effect_with_honest_intervals(rng):
    results = run(*simulate(rng, 0.7, 1000))
    rrr = np.array([r.rrr for r in results])
    covered = np.mean([r.ci_low <= 0.7 <= r.ci_high for r in results])
    assert np.exp(np.mean(np.log(rrr))) == pytest.approx(0.7, abs=0.03)
    assert 0.90 <= covered <= 0.99
    assert np.mean([r.significant for r in results]) > 0.6  # power is about 78 % at these counts


def test_no_effect_is_mostly_not_significant(rng):
    results = run(*simulate(rng, 1.0, 1000))
    assert np.mean([r.significant for r in results]) < 0.08


def test_point_estimates_and_text():
    r = diff_in_diff(treated_before=100, treated_after=60, control_before=100, control_after=95)
    assert r.rrr == pytest.approx((60 / 100) / (95 / 100))
    assert r.percent_change == pytest.approx(100 * (r.rrr - 1))
    assert r.expected_after == pytest.approx(95) and r.effect_counts == pytest.approx(-35)
    se = np.sqrt(1 / 100 + 1 / 60 + 1 / 100 + 1 / 95)
    assert r.ci_low == pytest.approx(r.rrr * np.exp(-1.959964 * se), rel=1e-6)
    assert r.significant and r.ci_high < 1
    assert "37 % färre" in r.text and "inte att åtgärden orsakade" in r.text
    assert "utvecklats som jämförelseområdet" in r.text


def test_lengths_cancel_and_zero_counts_are_corrected():
    a = diff_in_diff(treated_before=40, treated_after=10, control_before=50, control_after=20)
    b = diff_in_diff(
        treated_before=40,
        treated_after=10,
        control_before=50,
        control_after=20,
        before_length=12,
        after_length=6,
    )
    assert a.rrr == pytest.approx(b.rrr) and a.effect_counts == pytest.approx(b.effect_counts)
    z = diff_in_diff(treated_before=5, treated_after=0, control_before=6, control_after=4)
    assert z.corrected and np.isfinite([z.rrr, z.ci_low, z.ci_high, z.p_value]).all()
    assert z.rrr == pytest.approx((0.5 / 5.5) / (4.5 / 6.5))
    assert "noll händelser" in z.text
    wide = diff_in_diff(treated_before=8, treated_after=5, control_before=9, control_after=10)
    assert not wide.significant and "Osäkerheten är stor" in wide.text
    with pytest.raises(ValueError):
        diff_in_diff(treated_before=-1, treated_after=5, control_before=9, control_after=10)


def test_wdd_matches_the_paper():
    # Wheeler & Ratcliffe (2018), worked example; also ptools::wdd's test.
    r = weighted_displacement_difference(
        treated_before=207,
        treated_after=110,
        control_before=308,
        control_after=318,
        displacement_before=178,
        displacement_after=157,
        displacement_control_before=150,
        displacement_control_after=140,
    )
    assert r.estimate == -118 and r.variance == 1568
    assert round(r.z, 2) == -2.98
    assert (round(r.ci_low), round(r.ci_high)) == (-196, -40)
    assert r.local_estimate == -107 and r.displacement_estimate == -11
    assert r.significant and not r.displacement_control_reused
    assert "118 färre" in r.text


def test_wdd_with_different_period_lengths():
    # ptools::wdd(c(100, 50), c(80, 20), time_weights = c(2, 1)): -20, sqrt(115).
    r = weighted_displacement_difference(
        treated_before=80,
        treated_after=20,
        control_before=100,
        control_after=50,
        displacement_before=0,
        displacement_after=0,
        displacement_control_before=0,
        displacement_control_after=0,
        before_length=2,
        after_length=1,
    )
    assert r.estimate == pytest.approx(-20) and r.variance == pytest.approx(115)


def test_wdd_reuses_the_control_for_displacement():
    r = weighted_displacement_difference(
        treated_before=100,
        treated_after=60,
        control_before=100,
        control_after=100,
        displacement_before=50,
        displacement_after=80,
    )
    assert r.displacement_control_reused
    assert r.local_estimate == -40 and r.displacement_estimate == 30 and r.estimate == -10
    assert r.variance == 100 + 60 + 50 + 80 + 4 * (100 + 100)
    assert not r.significant and "flyttat" in r.text
    with pytest.raises(ValueError):
        weighted_displacement_difference(
            treated_before=1,
            treated_after=1,
            control_before=1,
            control_after=1,
            displacement_before=1,
            displacement_after=1,
            displacement_control_before=1,
        )


def test_wdd_all_zero_is_not_significant():
    r = weighted_displacement_difference(
        treated_before=0,
        treated_after=0,
        control_before=0,
        control_after=0,
        displacement_before=0,
        displacement_after=0,
    )
    assert r.estimate == 0 and r.z == 0 and r.p_value == 1 and not r.significant
