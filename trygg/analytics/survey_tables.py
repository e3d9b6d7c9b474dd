"""Suppression of a survey's published tables: every count of 1–4 respondents is hidden, and
enough other counts with it that no hidden count can be worked out from what is shown.

The data is one inner table of respondents per leaf of each dimension — e.g. answer option ×
DeSO × sex × age band — and each dimension is a hierarchy: a DeSO lies in its district (RegSO)
which lies in the municipality; sex and age band have only their total above them. A
published *view* names how deep each dimension is shown ("option × DeSO" is depth 1 for the
option and 2 for the area); a view is published with all its margins (every shallower depth).
All views of one question share their margins, so they are suppressed together: a count
hidden in the DeSO table cannot be recovered through the sex or age table.

Every node with all its children shown is an equation (the parts sum to the whole). The rules,
applied until nothing changes (it ends because cells are only ever added):
1. primary: a count 1–4 is hidden (0 is shown: no one is in it);
2. an equation with exactly one hidden cell would give it away: hide another;
3. in an equation whose whole is shown, the hidden parts must together be at least
   `minimum`, or the parts would be pinned inside a range narrower than 0–4 (two hidden
   cells of 1 and 2 beside a shown total give each as 0–3): hide another.
"Another" is the smallest shown non-zero part of that equation (the whole only if no part is
left), the choice that hides the least information.
4. the rules look at one equation at a time, and several together can still give a cell
   away exactly (2 of 200 generated tables): a cell whose indicator lies in the row space of
   the shown cells is found by one SVD (scipy) and another cell of an equation holding it is
   hidden, until none is left.

The test module audits the result independently with linear programming over every shown
cell: no hidden cell may be pinned to fewer than the five values 0–4.

Rounds of a survey are different respondents, so no equation links them; each round's table
is suppressed by itself, and a comparison shows a change only where both rounds show the cell.

Pure: no Django (a test parses this module).
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product

MINIMUM = 5
TOTAL = "*"  # the name of a dimension's top node in a path

Path = tuple  # a node: the names from the top, () being the total
Key = tuple  # a published cell: one Path per dimension


@dataclass(frozen=True)
class Dimension:
    """A hierarchy: `paths[leaf]` is the leaf's path below the total, e.g. a DeSO's
    ("Norr", "1983C1010") or a sex's ("kvinna",)."""

    name: str
    paths: Mapping[Hashable, tuple]

    @property
    def depth(self) -> int:
        return max((len(p) for p in self.paths.values()), default=0)

    def nodes_at(self, depth: int) -> list[Path]:
        return sorted({tuple(p[:depth]) for p in self.paths.values() if len(p) >= depth}, key=str)

    def children(self, node: Path) -> list[Path]:
        n = len(node)
        return sorted(
            {tuple(p[: n + 1]) for p in self.paths.values() if len(p) > n and p[:n] == node},
            key=str,
        )


@dataclass
class Table:
    """The published cells of a question with their counts, and which are hidden."""

    dimensions: tuple[Dimension, ...]
    value: dict[Key, int]
    hidden: set[Key]

    def shown(self, key: Key) -> int | None:
        """The count as published: None when it is hidden."""
        return None if key in self.hidden else self.value.get(key, 0)


def _published_keys(dimensions: Sequence[Dimension], views: Sequence[tuple[int, ...]]) -> set:
    keys = set()
    for view in views:
        levels = [range(depth + 1) for depth in view]
        for depths in product(*levels):
            for key in product(*(d.nodes_at(k) for d, k in zip(dimensions, depths, strict=True))):
                keys.add(key)
    return keys


def _equations(dimensions, keys: set) -> list[tuple[Key, list[Key]]]:
    equations = []
    for key in sorted(keys, key=str):
        for i, dim in enumerate(dimensions):
            children = dim.children(key[i])
            if not children:
                continue
            parts = [key[:i] + (child,) + key[i + 1 :] for child in children]
            if all(p in keys for p in parts):
                equations.append((key, parts))
    return equations


def suppress_table(
    counts: Mapping[tuple, int],
    dimensions: Sequence[Dimension],
    views: Sequence[tuple[int, ...]],
    *,
    minimum: int = MINIMUM,
    prove: bool = True,
) -> Table:
    """The views of `counts` (inner cells: one leaf per dimension → respondents; missing is
    0) with their suppression. A leaf unknown to its dimension raises KeyError. `prove`
    checks every primary cell against all equations together (step 4)."""
    dimensions = tuple(dimensions)
    keys = _published_keys(dimensions, views)
    depth_sets = {tuple(len(p) for p in key) for key in keys}
    value: dict[Key, int] = dict.fromkeys(keys, 0)
    for leaves, n in counts.items():
        if not n:
            continue
        paths = [dim.paths[leaf] for dim, leaf in zip(dimensions, leaves, strict=True)]
        for depths in depth_sets:
            key = tuple(tuple(p[:k]) for p, k in zip(paths, depths, strict=True))
            if key in value:
                value[key] += n
    primary = {k for k, n in value.items() if 0 < n < minimum}
    hidden = set(primary)
    equations = _equations(dimensions, keys)
    _by_rules(equations, hidden, value, minimum)
    if prove and primary:
        _by_null_space(dimensions, equations, primary, hidden, value, minimum)
    return Table(dimensions, value, hidden)


def _by_rules(equations, hidden: set, value, minimum: int) -> None:
    changed = bool(hidden)
    while changed:
        changed = False
        for whole, parts in equations:
            members = [whole, *parts]
            n_hidden = sum(k in hidden for k in members)
            if n_hidden == 0:
                continue
            if n_hidden == 1:
                pick = _another(parts, whole, hidden, value)
            elif whole not in hidden and sum(value[k] for k in parts if k in hidden) < minimum:
                pick = _another(parts, whole, hidden, value)
            else:
                continue
            if pick is not None:
                hidden.add(pick)
                changed = True


def _by_null_space(dimensions, equations, primary, hidden, value, minimum) -> None:
    """The rules look at one equation at a time; several together can still give a cell
    away exactly (about 1 in 100 generated tables: a sum of equations in which every other
    hidden cell cancels). A cell is given away exactly when its indicator over the inner
    cells lies in the row space of the shown cells, i.e. is orthogonal to their null space:
    one SVD per round finds every such cell, and another cell of an equation holding it is
    hidden until none is left. (Ranges narrowed only by counts being ≥ 0 are what rule 3
    prevents; the tests' linear programs check both.)"""
    import numpy as np  # only this step needs numpy and scipy
    from scipy.linalg import null_space

    leaves = [sorted(d.paths, key=str) for d in dimensions]
    inner = list(product(*leaves))
    paths = [[d.paths[leaf] for d, leaf in zip(dimensions, cell, strict=True)] for cell in inner]
    keys = list(value)
    index = {k: i for i, k in enumerate(keys)}
    matrix = np.zeros((len(keys), len(inner)))
    depth_sets = {tuple(len(p) for p in key) for key in keys}
    for j, ps in enumerate(paths):
        for depths in depth_sets:
            key = tuple(tuple(p[:k]) for p, k in zip(ps, depths, strict=True))
            if key in index:
                matrix[index[key], j] = 1.0
    holding: dict[Key, list] = {}
    for whole, parts in equations:
        for key in (whole, *parts):
            holding.setdefault(key, []).append((whole, parts))
    watched = sorted(primary, key=str)
    while True:
        shown = [index[k] for k in keys if k not in hidden]
        basis = null_space(matrix[shown]) if shown else np.eye(len(inner))
        rows = matrix[[index[k] for k in watched]]
        given_away = np.abs(rows @ basis).max(axis=1, initial=0.0) < 1e-9
        pinned = next((k for k, g in zip(watched, given_away, strict=True) if g), None)
        if pinned is None:
            return
        candidates = [
            (value[k], str(k), k)
            for whole, parts in holding.get(pinned, [])
            for k in (*parts, whole)
            if k not in hidden and value[k] > 0
        ]
        if not candidates:
            return
        hidden.add(min(candidates)[2])
        _by_rules(equations, hidden, value, minimum)


def _another(parts, whole, hidden, value):
    shown = [(value[k], str(k), k) for k in parts if k not in hidden and value[k] > 0]
    if shown:
        return min(shown)[2]
    if whole not in hidden and value[whole] > 0:
        return whole
    return None


__all__ = ["MINIMUM", "TOTAL", "Dimension", "Table", "suppress_table"]
