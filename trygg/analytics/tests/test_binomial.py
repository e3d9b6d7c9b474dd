import pytest
from scipy.stats import binomtest

from trygg.analytics.compare import binomial_two_sided


@pytest.mark.parametrize(
    ("k", "n", "p"),
    [
        (0, 1, 0.5),
        (1, 1, 0.5),
        (12, 37, 0.5),
        (25, 37, 0.5),
        (3, 40, 0.25),
        (30, 31, 0.7),
        (0, 10, 0.9),
        (10, 10, 0.1),
        (500, 1100, 0.5),
        (7000, 20000, 0.33),
        (1, 2, 0.999),
    ],
)
def test_same_p_value_as_scipy(k, n, p):
    expected = binomtest(k, n, p, alternative="two-sided").pvalue
    assert binomial_two_sided(k, n, p) == pytest.approx(expected, rel=1e-9, abs=1e-15)
