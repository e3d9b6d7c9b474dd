"""Small-count suppression in a two-level table: nothing hidden can be worked out from the
row, column and margin sums that are shown."""

import itertools

import pytest

from trygg.analytics.suppression import suppress


def _equations(cells, parent_of):
    rows = sorted(parent_of)
    groups = sorted({g for _, g in cells})
    value = {("cell", r, g): cells.get((r, g), 0) for r in rows for g in groups}
    for r in rows:
        value[("row", r)] = sum(value[("cell", r, g)] for g in groups)
    eqs = [[("cell", r, g) for g in groups] + [("row", r)] for r in rows]
    for p in sorted(set(parent_of.values())):
        members = [r for r in rows if parent_of[r] == p]
        for g in groups:
            value[("parent", p, g)] = sum(value[("cell", r, g)] for r in members)
            eqs.append([("cell", r, g) for r in members] + [("parent", p, g)])
        value[("parent_total", p)] = sum(value[("row", r)] for r in members)
        eqs.append([("row", r) for r in members] + [("parent_total", p)])
        eqs.append([("parent", p, g) for g in groups] + [("parent_total", p)])
    return value, eqs


CASES = {
    "one small cell in a row": ({("a", "x"): 2, ("a", "y"): 40}, {"a": "D"}),
    "a small cell in a district column of two DeSOs": (
        {("a", "x"): 3, ("a", "y"): 30, ("b", "x"): 20, ("b", "y"): 25},
        {"a": "D", "b": "D"},
    ),
    "two districts, small cells scattered": (
        {
            ("a", "x"): 1,
            ("a", "y"): 9,
            ("b", "x"): 12,
            ("b", "y"): 4,
            ("c", "x"): 7,
            ("c", "y"): 0,
            ("d", "x"): 2,
            ("d", "y"): 50,
        },
        {"a": "N", "b": "N", "c": "S", "d": "S"},
    ),
    "a district of one DeSO": ({("a", "x"): 2, ("a", "y"): 8, ("a", "z"): 11}, {"a": "D"}),
    "nothing small": ({("a", "x"): 12, ("b", "x"): 30}, {"a": "D", "b": "D"}),
}


@pytest.mark.parametrize("cells, parent_of", CASES.values(), ids=CASES.keys())
def test_every_count_under_5_is_hidden_and_no_equation_has_one_hidden_entry(cells, parent_of):
    hidden = suppress(cells, parent_of)
    value, eqs = _equations(cells, parent_of)
    assert {k for k, n in value.items() if 0 < n < 5} <= hidden
    assert [eq for eq in eqs if sum(k in hidden for k in eq) == 1] == []


def test_nothing_is_hidden_when_no_count_is_small():
    assert suppress({("a", "x"): 12, ("b", "x"): 30}, {"a": "D", "b": "D"}) == set()


def test_the_complement_is_the_smallest_shown_count():
    hidden = suppress({("a", "x"): 2, ("a", "y"): 40, ("a", "z"): 9}, {"a": "D"})
    assert ("cell", "a", "x") in hidden and ("cell", "a", "z") in hidden
    assert ("cell", "a", "y") not in hidden


def test_a_hidden_deso_cell_cannot_be_had_from_the_district_minus_the_other_desos():
    cells = {("a", "x"): 3, ("a", "y"): 30, ("b", "x"): 20, ("b", "y"): 25}
    hidden = suppress(cells, {"a": "D", "b": "D"})
    column = [("cell", "a", "x"), ("cell", "b", "x"), ("parent", "D", "x")]
    assert sum(k in hidden for k in column) >= 2


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_every_small_value_alone_in_a_table_of_fives_is_protected(n):
    for where in itertools.product("ab", "xy"):
        cells = {(r, g): 5 for r in "ab" for g in "xy"}
        cells[where] = n
        hidden = suppress(cells, {"a": "D", "b": "D"})
        value, eqs = _equations(cells, {"a": "D", "b": "D"})
        assert ("cell", *where) in hidden
        assert [eq for eq in eqs if sum(k in hidden for k in eq) == 1] == []
