"""Gi* across borders on a fixture: a cluster of busy cells whose counts come from two
municipalities is flagged as straddling the border; one inside a single municipality is not."""

from types import SimpleNamespace

import h3.api.basic_int as h3i

from trygg.county.services.hotspots import analyse

KOPING, ARBOGA = 1, 2


def _snap(municipality_id, counts):
    return SimpleNamespace(
        municipality_id=municipality_id, h3_counts={str(c): n for c, n in counts.items()}
    )


def _background(centre):
    """Quiet cells around a point, a few reports each, so Gi* has a background to compare."""
    return {c: 1 for c in h3i.grid_disk(centre, 6)}


def test_a_cluster_over_the_border_is_flagged_and_one_inside_is_not():
    border = h3i.latlng_to_cell(59.45, 15.95, 8)
    inside = h3i.latlng_to_cell(59.52, 16.05, 8)
    west = h3i.grid_disk(border, 1)
    koping = {**_background(border), **_background(inside)}
    arboga = {}
    # The border cluster: half its cells' counts from each side.
    for i, c in enumerate(west):
        (koping if i % 2 else arboga)[c] = 30
    for c in h3i.grid_disk(inside, 1):
        koping[c] = 30
    rows, _text = analyse(
        [_snap(KOPING, koping), _snap(ARBOGA, arboga)], {1: "Köping", 2: "Arboga"}
    )
    by_cell = {r["cell"]: r for r in rows}
    border_rows = [by_cell[h3i.int_to_str(c)] for c in west if h3i.int_to_str(c) in by_cell]
    inside_rows = [
        by_cell[h3i.int_to_str(c)] for c in h3i.grid_disk(inside, 1) if h3i.int_to_str(c) in by_cell
    ]
    assert border_rows and inside_rows
    assert all(r["hot"] and r["straddles"] for r in border_rows)
    assert not any(r["straddles"] for r in inside_rows)
    assert {"Köping", "Arboga"} <= {m for r in border_rows for m in r["municipalities"]}
    assert all(r["municipalities"] == ["Köping"] for r in inside_rows)
    # Only significant cells are kept: the quiet background is not listed.
    assert all(abs(r["z"]) > 1.9 for r in rows)


def test_no_counts_gives_no_cells():
    rows, text = analyse([_snap(KOPING, {})], {1: "Köping"})
    assert rows == [] and "Ingen" in text
