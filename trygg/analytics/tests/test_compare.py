"""Period comparisons: exact test, Swedish text, no division by zero on small numbers."""

import pytest
from scipy.stats import binomtest

from trygg.analytics.compare import compare_counts, format_p


def test_clear_increase_is_significant():
    c = compare_counts(25, 12)
    assert c.significant and c.direction == "ökning"
    assert c.expected == 12 and c.change == 13 and c.ratio == pytest.approx(25 / 12)
    assert c.p_value == pytest.approx(binomtest(25, 37, 0.5).pvalue)
    assert c.text == "Ökning från 12 till 25 (p = 0,047): sannolikt en verklig förändring."


def test_small_difference_is_not_significant():
    c = compare_counts(14, 11)
    assert not c.significant and c.direction == "ökning"
    assert c.text.startswith("14 mot 11 tidigare: ingen säkerställd förändring (p = 0,69).")


def test_decrease():
    c = compare_counts(10, 40)
    assert c.significant and c.direction == "minskning" and c.change == -30
    assert c.text.startswith("Minskning från 40 till 10 (p < 0,001)")


@pytest.mark.parametrize(
    ("current", "previous", "direction", "ratio"),
    [(0, 0, "oförändrad", None), (0, 5, "minskning", 0.0), (1, 0, "ökning", None)],
)
def test_tiny_counts_are_honest(current, previous, direction, ratio):
    c = compare_counts(current, previous)
    assert not c.significant
    assert c.direction == direction and c.ratio == ratio
    assert 0 < c.p_value <= 1
    assert "ingen" in c.text.lower()


def test_small_totals_carry_a_warning():
    assert "så få händelser" in compare_counts(0, 5).text
    assert "så få händelser" not in compare_counts(140, 110).text


def test_periods_of_different_length():
    # 20 this month against 30 in the previous three months: expected 10, so an increase.
    c = compare_counts(20, 30, current_length=1, previous_length=3)
    assert c.expected == 10 and c.ratio == 2
    assert c.p_value == pytest.approx(binomtest(20, 50, 0.25).pvalue)
    assert c.significant and "motsvarande 10 (30 under en längre period)" in c.text
    same_rate = compare_counts(10, 30, current_length=1, previous_length=3)
    assert same_rate.direction == "oförändrad" and not same_rate.significant


def test_swedish_p_values():
    assert format_p(0.55) == "p = 0,55"
    assert format_p(0.02) == "p = 0,020"
    assert format_p(0.0004) == "p < 0,001"


@pytest.mark.parametrize("bad", [{"current": -1, "previous": 2}, {"current": 1.5, "previous": 2}])
def test_rejects_non_counts(bad):
    with pytest.raises(ValueError):
        compare_counts(**bad)


def test_rejects_bad_lengths():
    with pytest.raises(ValueError):
        compare_counts(1, 2, current_length=0)
