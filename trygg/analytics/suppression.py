"""Suppression of small counts in a two-level table (DeSO within district, by group), so no
hidden count can be worked out from what is shown.

Counts 1–4 are hidden (primary suppression). Every row, column and margin of the table is an
equation: the parts sum to the total. An equation with exactly one hidden entry gives that
entry away (the total minus the rest), so the smallest shown non-zero entry of it is hidden too
(secondary suppression), until no equation has exactly one. Hiding one entry can open another
equation, so this repeats until nothing changes; it ends because entries are only ever added.

Pure: no Django, so it can be tested as a table and reused by any published figure."""

from collections.abc import Hashable, Mapping

# Keys of the entries: ("cell", row, group), ("row", row) for a row's total,
# ("parent", parent, group) for the parent's cell and ("parent_total", parent).
Key = tuple


def suppress(
    cells: Mapping[tuple[Hashable, Hashable], int],
    parent_of: Mapping[Hashable, Hashable],
    minimum: int = 5,
) -> set[Key]:
    """The keys to hide. `cells[(row, group)]` are the counts (missing = 0); `parent_of[row]`
    is the row's parent (its district). Zero is shown: no one is in it."""
    rows = sorted(parent_of, key=str)
    groups = sorted({g for _, g in cells}, key=str)
    parents = sorted(set(parent_of.values()), key=str)
    value: dict[Key, int] = {}
    for r in rows:
        for g in groups:
            value[("cell", r, g)] = cells.get((r, g), 0)
        value[("row", r)] = sum(value[("cell", r, g)] for g in groups)
    for p in parents:
        members = [r for r in rows if parent_of[r] == p]
        for g in groups:
            value[("parent", p, g)] = sum(value[("cell", r, g)] for r in members)
        value[("parent_total", p)] = sum(value[("row", r)] for r in members)

    equations: list[list[Key]] = []
    for r in rows:
        equations.append([("cell", r, g) for g in groups] + [("row", r)])
    for p in parents:
        members = [r for r in rows if parent_of[r] == p]
        for g in groups:
            equations.append([("cell", r, g) for r in members] + [("parent", p, g)])
        equations.append([("row", r) for r in members] + [("parent_total", p)])
        equations.append([("parent", p, g) for g in groups] + [("parent_total", p)])

    hidden = {key for key, n in value.items() if 0 < n < minimum}
    changed = True
    while changed:
        changed = False
        for equation in equations:
            if sum(key in hidden for key in equation) != 1:
                continue
            shown = [(value[k], str(k), k) for k in equation if k not in hidden and value[k] > 0]
            if shown:
                hidden.add(min(shown)[2])
                changed = True
    return hidden
