"""How the lägesbild documents put a change and its significance in words."""

import pytest

from trygg.analytics.compare import compare_counts
from trygg.lagesbild.document_content import short_change, signed


@pytest.mark.parametrize(("x", "text"), [(2.5, "+2,5"), (-3, "\u22123"), (0, "0"), (9, "+9")])
def test_a_change_is_signed_with_a_real_minus_and_a_decimal_comma(x, text):
    assert signed(x) == text


def test_a_comparison_reads_as_change_verdict_and_p_value():
    assert short_change(compare_counts(0, 0)) == "Inga händelser"
    assert short_change(compare_counts(40, 10)).startswith("+30: säkerställd ökning (p")
    assert short_change(compare_counts(10, 40)).startswith("\u221230: säkerställd minskning")
    assert short_change(compare_counts(5, 4)) == "+1: ingen säkerställd förändring (p = 1,00)"
