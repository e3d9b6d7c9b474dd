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
   away exactly (2 of 200 generated tables): the equations are reduced over the hidden
   cells (exact Gaussian elimination), and while one reduces to a primary cell alone,
   another cell of an equation holding it is hidden.

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
        _by_elimination(equations, primary, hidden, value, minimum)
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


def _given_away(equations, hidden: set) -> set:
    """The hidden cells a combination of equations gives away exactly. Each equation
    (whole − Σ parts = shown sum) is a row over the hidden cells; a cell is given away
    exactly when its unit vector lies in the rows' span, i.e. when the reduced row echelon
    form has a row that is that unit vector. Exact arithmetic on sparse rows (the entries
    are small integers), so it costs milliseconds where a dense SVD would cost seconds on a
    busy machine."""
    from fractions import Fraction

    rows = []
    for whole, parts in equations:
        row = {}
        if whole in hidden:
            row[whole] = Fraction(1)
        for k in parts:
            if k in hidden:
                row[k] = row.get(k, Fraction(0)) - 1
        row = {k: v for k, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: dict = {}  # pivot cell → its row (with 1 at the pivot)
    for row in rows:
        for cell, reduced in pivots.items():
            factor = row.get(cell)
            if factor:
                for k, v in reduced.items():
                    value = row.get(k, 0) - factor * v
                    if value:
                        row[k] = value
                    else:
                        row.pop(k, None)
        if not row:
            continue
        pivot = min(row, key=str)
        scale = row[pivot]
        row = {k: v / scale for k, v in row.items()}
        for other in pivots.values():  # keep the form reduced
            factor = other.get(pivot)
            if factor:
                for k, v in row.items():
                    value = other.get(k, 0) - factor * v
                    if value:
                        other[k] = value
                    else:
                        other.pop(k, None)
        pivots[pivot] = row
    return {cell for cell, row in pivots.items() if len(row) == 1}


def _by_elimination(equations, primary, hidden, value, minimum) -> None:
    """Step 4: while a combination of equations gives a primary cell away, hide the
    smallest shown cell of an equation holding it (then the rules run again)."""
    holding: dict[Key, list] = {}
    for whole, parts in equations:
        for key in (whole, *parts):
            holding.setdefault(key, []).append((whole, parts))
    while True:
        pinned = sorted(_given_away(equations, hidden) & primary, key=str)
        if not pinned:
            return
        candidates = [
            (value[k], str(k), k)
            for whole, parts in holding.get(pinned[0], [])
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
