"""Gi* across municipal borders: the county's job on the union of the H3 r8 counts its
municipalities' current snapshots carry. Only significant cells are kept, each with its
z-score and the municipalities whose counts fall in it; a cluster of adjacent hot cells
whose counts come from more than one municipality straddles a border."""

import h3.api.basic_int as h3i
import numpy as np
from django.db import transaction

from trygg.analytics.hotspots import gi_star
from trygg.core.audit import audit_log

from ..audit_events import HOTSPOTS_RUN
from ..models import County, HotspotRun, Snapshot


def current_snapshots(county: County) -> list[Snapshot]:
    """The newest standing snapshot of each municipality (call inside the county's scope)."""
    latest: dict[int, Snapshot] = {}
    for s in Snapshot.objects.filter(county=county, withdrawn_at__isnull=True).order_by(
        "-published_at", "-pk"
    ):
        latest.setdefault(s.municipality_id, s)
    return list(latest.values())


def _clusters(cells: list[int]) -> list[set[int]]:
    """Connected groups of cells (H3 ring-1 neighbours)."""
    left = set(cells)
    groups = []
    while left:
        start = left.pop()
        group, todo = {start}, [start]
        while todo:
            for n in h3i.grid_disk(todo.pop(), 1):
                if n in left:
                    left.remove(n)
                    group.add(n)
                    todo.append(n)
        groups.append(group)
    return groups


def analyse(snapshots: list[Snapshot], names: dict[int, str]) -> tuple[list[dict], str]:
    """The significant cells of Gi* on the union of the snapshots' counts."""
    per_cell: dict[int, dict[int, int]] = {}
    for s in snapshots:
        for cell, n in s.h3_counts.items():
            per_cell.setdefault(int(cell), {})[s.municipality_id] = n
    if not per_cell:
        return [], "Ingen publicerad sammanställning har punktplacerade rapporter."
    # The study area is the counted cells and their neighbours (zeros), so a lone busy cell
    # stands out against its surroundings instead of against other busy cells only.
    study = set(per_cell)
    for cell in list(per_cell):
        study.update(h3i.grid_disk(cell, 1))
    cells = np.array(sorted(study), dtype=np.int64)
    counts = np.array([sum(per_cell.get(int(c), {}).values()) for c in cells], dtype=np.float64)
    result = gi_star(cells, counts, k=1)
    significant = [i for i in range(cells.size) if result.significant[i]]
    hot = [int(cells[i]) for i in significant if result.z[i] > 0]
    straddling: set[int] = set()
    for group in _clusters(hot):
        owners = {m for c in group for m in per_cell.get(c, {})}
        if len(owners) > 1:
            straddling |= group
    rows = []
    for i in significant:
        cell = int(cells[i])
        owners = sorted(per_cell.get(cell, {}))
        lat, lon = h3i.cell_to_latlng(cell)
        rows.append(
            {
                "cell": h3i.int_to_str(cell),
                "z": round(float(result.z[i]), 2),
                "hot": bool(result.z[i] > 0),
                "municipalities": [names.get(m, str(m)) for m in owners],
                "straddles": cell in straddling,
                "lat": round(lat, 5),
                "lon": round(lon, 5),
            }
        )
    rows.sort(key=lambda r: -abs(r["z"]))
    return rows, result.text


@transaction.atomic
def hotspots_run(*, county: County, names: dict[int, str]) -> HotspotRun:
    """Runs in the county's job, inside scope(county=…, municipality=[its municipalities])."""
    snapshots = current_snapshots(county)
    rows, text = analyse(snapshots, names)
    run = HotspotRun.objects.create(
        county=county, snapshot_ids=[s.pk for s in snapshots], cells=rows, text=text[:300]
    )
    audit_log(
        event=HOTSPOTS_RUN, obj=run, summary="Länets brännpunktsanalys", data={"n": len(rows)}
    )
    return run
