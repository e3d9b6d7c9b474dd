"""Shares of respondents beside the population, and when a group or the whole is flagged."""

import pytest

from trygg.analytics.representativeness import compare


@pytest.mark.parametrize(
    "respondents, population, under, small",
    [
        # Women 20 % of respondents, 50 % of the population: under half its share.
        ({"kvinna": 20, "man": 80}, {"kvinna": 500, "man": 500}, {"kvinna"}, False),
        # 26 % against 50 %: above half, not flagged.
        ({"kvinna": 26, "man": 74}, {"kvinna": 500, "man": 500}, set(), False),
        # Exactly half is not under half.
        ({"kvinna": 25, "man": 75}, {"kvinna": 500, "man": 500}, set(), False),
        # Nobody of a group answered.
        ({"man": 40}, {"kvinna": 500, "man": 500}, {"kvinna"}, False),
        # 29 respondents speak for an area: a small group.
        ({"kvinna": 14, "man": 15}, {"kvinna": 500, "man": 500}, set(), True),
        # No population imported: nothing can be under-represented.
        ({"kvinna": 3, "man": 40}, {}, set(), False),
        # Nobody answered: no shares, no small-group warning.
        ({}, {"kvinna": 500, "man": 500}, set(), False),
    ],
)
def test_under_representation_and_small_groups_are_flagged(respondents, population, under, small):
    result = compare(respondents, population)
    assert {s.group for s in result.shares if s.under_represented} == under
    assert result.small_group is small


def test_shares_are_in_the_populations_order_then_respondent_only_groups():
    result = compare({"man": 30, "kvinna": 10, "okänd": 10}, {"kvinna": 600, "man": 400})
    assert [(s.group, s.respondent_share, s.population_share) for s in result.shares] == [
        ("kvinna", 0.2, 0.6),
        ("man", 0.6, 0.4),
        ("okänd", 0.2, 0.0),
    ]
    assert (result.respondents, result.population) == (50, 1000)
