"""Getis-Ord Gi* hot spots on the H3 grid, with false-discovery-rate control.

Gi* z-scores equal PySAL esda's ``G_Local(y, w, star=True, transform="B")`` on the same binary
weights (tested to 1e-9). Bins follow the ArcGIS convention: ±3/±2/±1 for 99/95/90 % confidence,
counted only when significant after Benjamini–Hochberg correction at that level.

Cells are H3 ids as signed 64-bit integers (``h3.str_to_int``; the top bit is always 0).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import h3
import h3.api.basic_int as h3i
import numpy as np
import scipy.sparse as sp
from scipy.special import erfc

# ArcGIS Gi_Bin levels: (bin, FDR level), strictest first.
BIN_LEVELS = ((3, 0.01), (2, 0.05), (1, 0.10))

# H3 index layout: 4 mode bits at 59, resolution at 52, 7 base-cell bits at 45, then 15 3-bit
# digits with resolution r's digit at bit 3 * (15 - r).
_MODE_CELL = 1
_MAX_RES = 15

# Digits as axial offsets (i - k, j - k) of H3's IJK unit vectors: 0 centre, 1 K, 2 J, 3 JK,
# 4 I, 5 IK, 6 IJ (7 = unused).
_DIGIT_A = np.array([0, -1, 0, -1, 1, 0, 1, 0], dtype=np.int64)
_DIGIT_B = np.array([0, -1, 1, 0, 0, -1, 1, 0], dtype=np.int64)
# Inverse lookup: axial offset (da, db) in {-1, 0, 1}^2 at index (da + 1) * 3 + (db + 1).
_OFFSET_DIGIT = np.array([1, 3, -1, 5, 0, 2, -1, 4, 6], dtype=np.int64)

_PENTAGON_BASE = np.zeros(122, dtype=bool)
_PENTAGON_BASE[[h3.get_base_cell_number(p) for p in h3.get_pentagons(0)]] = True

# Offsets fit in 25 bits (|coordinate| < 7 ** 7.5 < 2 ** 24 even at resolution 15).
_COORD_BIAS = 1 << 24
_COORD_BITS = 25


@dataclass(frozen=True)
class HotspotResult:
    """Gi* per cell, aligned with the input cells."""

    cells: np.ndarray  # int64 H3 ids
    counts: np.ndarray  # the analysed values, float64
    z: np.ndarray  # Gi* z-scores; 0 where undefined (no variance)
    p: np.ndarray  # two-sided normal p-values
    q: np.ndarray  # Benjamini–Hochberg q-values
    bins: np.ndarray  # int8 in -3..3, FDR-corrected ArcGIS Gi_Bin
    k: int
    n_hot: int
    n_cold: int
    alpha: float = 0.05
    significant: np.ndarray | None = None  # q <= alpha and z != 0
    text: str = ""


def count_cells(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique cells (sorted, int64) and how many times each occurs."""
    unique, counts = np.unique(np.asarray(cells, dtype=np.int64), return_counts=True)
    return unique, counts.astype(np.int64)


def study_cells(polygon_geojson: dict, res: int, *, contain: str = "overlap") -> np.ndarray:
    """Sorted unique int64 cells of a GeoJSON (Multi)Polygon or Feature (lon/lat) at ``res``.

    ``contain="overlap"`` (default) covers every point of the polygon; ``"center"`` is h3's default.
    """
    geometry = polygon_geojson.get("geometry", polygon_geojson)
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"expected a Polygon or MultiPolygon, got {geometry.get('type')!r}")
    shape = h3.geo_to_h3shape(geometry)
    if contain == "center":
        cells = h3i.h3shape_to_cells(shape, res)
    else:
        # The only h3 4.x API with overlap containment; pinned by a test against the centre mode.
        cells = h3i.h3shape_to_cells_experimental(shape, res, contain=contain)
    return np.unique(np.fromiter(cells, dtype=np.int64, count=len(cells)))


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg q-values: q_i <= alpha exactly when p_i passes BH at level alpha."""
    p = np.asarray(p, dtype=np.float64)
    if np.isnan(p).any():
        raise ValueError("p-values must not be NaN")
    m = p.size
    if m == 0:
        return p.copy()
    order = np.argsort(p)  # ties share their q-value, so stability does not matter
    scaled = p[order] * m / np.arange(1, m + 1)
    q_sorted = np.minimum.accumulate(scaled[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.clip(q_sorted, 0.0, 1.0)
    return q


def ring_weights(cells: np.ndarray, k: int = 1) -> sp.csr_matrix:
    """Binary n×n CSR: w_ij = 1 iff cells[j] is in grid_disk(cells[i], k) (diagonal included).

    Raises ValueError unless the cells are unique valid H3 cells of one resolution.
    """
    # Neighbours come from H3's digit lattice in numpy (see _lattice); only cells whose disk
    # leaves their base cell or pentagon sector are handed to h3.grid_disk, one by one.
    cells = np.asarray(cells, dtype=np.int64).ravel()
    n = cells.size
    if k < 0:
        raise ValueError("k must be >= 0")
    if n == 0:
        return sp.csr_matrix((0, 0), dtype=np.float64)
    res = _check_cells(cells)
    if np.all(cells[1:] > cells[:-1]):  # already sorted and unique, as from np.unique
        by_id = np.arange(n)
    else:
        by_id = np.argsort(cells)
        if np.any(cells[by_id[1:]] == cells[by_id[:-1]]):
            raise ValueError("cells must be unique")
    if k == 0:
        return sp.identity(n, dtype=np.float64, format="csr")

    chart, a, b, needs_h3_by_id = _lattice(cells[by_id], res, k)
    offsets_a, offsets_b = _disk_offsets(k)
    # One slot per disk position (a disk never has more cells than offsets; pentagons fewer),
    # filled in input-row order so the CSR arrays come out by plain masking.
    index_type = np.int32 if n * offsets_a.size < 2**31 else np.int64  # scipy's own choice
    neighbours = np.full((n, offsets_a.size), -1, dtype=index_type)
    neighbours[:, 0] = np.arange(n)
    keys = _keys(chart, a, b)
    key_order = np.argsort(keys)
    sorted_keys = keys[key_order]
    lattice_rows = ~needs_h3_by_id[key_order]
    by_key = by_id[key_order]  # input index of each sorted key
    for slot in range(1, offsets_a.size):
        # Shifting every key by one offset keeps them sorted, and sorted needles make
        # searchsorted several times faster than scattered ones.
        query = sorted_keys + ((offsets_a[slot] << _COORD_BITS) + offsets_b[slot])
        pos = np.minimum(np.searchsorted(sorted_keys, query), n - 1)
        hit = (sorted_keys[pos] == query) & lattice_rows
        neighbours[by_key[hit], slot] = by_key[pos[hit]]

    fallback = np.sort(by_id[needs_h3_by_id])
    if fallback.size:
        neighbours[fallback] = _grid_disk_neighbours(cells, by_id, fallback, k, offsets_a.size)
    neighbours.sort(axis=1)
    present = neighbours >= 0
    indptr = np.zeros(n + 1, dtype=index_type)
    np.cumsum(present.sum(axis=1), out=indptr[1:])
    indices = neighbours[present]
    w = sp.csr_matrix((np.ones(indices.size), indices, indptr), shape=(n, n))
    w.has_sorted_indices = True
    return w


def gi_star(
    cells: np.ndarray,
    counts: np.ndarray,
    *,
    k: int = 1,
    weights: sp.spmatrix | None = None,
    alpha: float = 0.05,
) -> HotspotResult:
    """Gi* z, p, BH q and FDR-corrected ArcGIS bins per cell; finite (z = 0, p = 1) when undefined.

    ``weights`` defaults to ``ring_weights(cells, k)``; non-binary weights get the general variance.
    """
    cells = np.asarray(cells, dtype=np.int64).ravel()
    y = np.asarray(counts, dtype=np.float64).ravel()
    if cells.size != y.size:
        raise ValueError("cells and counts must have the same length")
    if not np.isfinite(y).all():
        raise ValueError("counts must be finite")
    n = y.size
    w = ring_weights(cells, k) if weights is None else sp.csr_matrix(weights, dtype=np.float64)
    if w.shape != (n, n):
        raise ValueError(f"weights must be {n}×{n}, got {w.shape[0]}×{w.shape[1]}")

    z = np.zeros(n)
    if n >= 2:
        mean = y.mean()
        std = np.sqrt(np.mean((y - mean) ** 2))
        # Float counts that are "equal" up to rounding must not produce noise z-scores.
        if std > 1e-12 * max(abs(mean), np.finfo(float).tiny):
            w_sum = np.asarray(w.sum(axis=1)).ravel()
            binary = w.data.size == 0 or np.all(w.data == 1.0)
            w_sq = w_sum if binary else np.asarray(w.multiply(w).sum(axis=1)).ravel()
            spread = (n * w_sq - w_sum**2) / (n - 1)
            # spread is 0 when a cell neighbours every cell: its sum is then fixed, z undefined.
            ok = spread > 1e-12 * np.maximum(w_sum**2, 1.0)
            z[ok] = (w @ y - mean * w_sum)[ok] / (std * np.sqrt(spread[ok]))
    p = erfc(np.abs(z) / np.sqrt(2.0))
    q = benjamini_hochberg(p)
    bins = np.zeros(n, dtype=np.int8)
    for level, fdr in reversed(BIN_LEVELS):
        bins[q <= fdr] = level
    bins[z == 0] = 0
    bins *= np.sign(z).astype(np.int8)
    n_hot = int(np.count_nonzero(bins > 0))
    n_cold = int(np.count_nonzero(bins < 0))
    return HotspotResult(
        cells=cells,
        counts=y,
        z=z,
        p=p,
        q=q,
        bins=bins,
        k=k,
        n_hot=n_hot,
        n_cold=n_cold,
        alpha=alpha,
        significant=(q <= alpha) & (z != 0),
        text=_describe(n, n_hot, n_cold, k),
    )


def _describe(n: int, n_hot: int, n_cold: int, k: int) -> str:
    """A plain-Swedish reading of a Gi* run: what was found and what it does not mean."""
    if n == 0:
        return "Inga celler att analysera."
    rings = "ring" if k == 1 else "ringar"
    method = f"Getis-Ord Gi*, grannar inom {k} {rings}, korrigerat för många samtidiga test"
    if n_hot == 0 and n_cold == 0:
        return (
            f"Inga statistiskt säkerställda heta eller kalla punkter bland {n} celler ({method}). "
            "Det betyder inte att händelserna är jämnt fördelade, bara att mönstret inte går att "
            "skilja från slumpen med de data som finns."
        )
    hot = "1 het punkt" if n_hot == 1 else f"{n_hot} heta punkter"
    cold = "1 kall punkt" if n_cold == 1 else f"{n_cold} kalla punkter"
    return (
        f"Av {n} celler är {hot} och {cold} ({method}). En het punkt betyder att cellen "
        "tillsammans med sina grannar har fler händelser än en slumpmässig fördelning över "
        "området skulle ge. Den säger inte varför, inte att risken per invånare eller besökare "
        "är hög, och inte att varje cell i klustret är särskilt utsatt."
    )


def _check_cells(cells: np.ndarray) -> int:
    """The common resolution of valid H3 cell ids; raises ValueError otherwise."""
    if np.any((cells >> 59) != _MODE_CELL):
        raise ValueError("not H3 cell ids (expected int64 ids from h3.str_to_int)")
    res = (cells >> 52) & 0xF
    if np.any(res != res[0]):
        raise ValueError("cells must all have the same resolution")
    res = int(res[0])
    base = (cells >> 45) & 0x7F
    if np.any(base > 121):
        raise ValueError("invalid H3 base cell")
    # A digit is 7 (unused) exactly when its three bits are all set.
    used_digits = sum(1 << (3 * (_MAX_RES - r)) for r in range(1, res + 1))
    if np.any(cells & (cells >> 1) & (cells >> 2) & used_digits):
        raise ValueError("invalid H3 cell digit")
    return res


def _lattice(sorted_cells: np.ndarray, res: int, k: int):
    """Per sorted cell: chart id, axial coordinates, and whether its k-disk leaves the chart."""
    # A chart is a base cell, or one 60° sector of a pentagon base cell: inside it H3 adjacency is
    # plain hexagonal-lattice adjacency, since H3 rotates only across base cells and pentagon
    # sectors. The edge test runs coarse to fine: when a cell's parent has its whole k'-disk in
    # the chart, so does the cell, so only cells along chart edges are checked one by one.
    n = sorted_cells.size
    base = (sorted_cells >> 45) & 0x7F
    pentagon = _PENTAGON_BASE[base]
    k_at = _disk_radii(res, k)
    split_level = _split_levels(sorted_cells)
    a = np.zeros(n, dtype=np.int64)
    b = np.zeros(n, dtype=np.int64)
    lead = np.zeros(n, dtype=np.int64)
    lead_level = np.zeros(n, dtype=np.int64)
    # Cells whose ancestor at the current level is not known to have its disk inside the chart
    # (at level 0 that is every cell: a base cell's disk always leaves it).
    unknown = np.arange(n)
    for r in range(1, res + 1):
        a, b = _down(a, b, r)
        digit = (sorted_cells >> (3 * (_MAX_RES - r))) & 7
        a += _DIGIT_A[digit]
        b += _DIGIT_B[digit]
        first = (lead == 0) & (digit != 0)
        lead[first] = digit[first]
        lead_level[first] = r
        if unknown.size == 0:
            continue
        # A level-r ancestor's descendants are contiguous in id order, and a whole group is either
        # unknown or not, so a group starts where a cell first differs from its predecessor at r.
        starts = split_level[unknown] <= r
        reps = unknown[starts]
        inside = _disk_inside(
            a[reps],
            b[reps],
            k=k_at[r],
            pentagon=pentagon[reps],
            sector=np.where(pentagon[reps], lead[reps], 0),
            lead_level=lead_level[reps],
            res=r,
        )
        unknown = unknown[~inside[np.cumsum(starts) - 1]]
    needs_h3 = np.zeros(n, dtype=bool)
    needs_h3[unknown] = True
    chart = base * 8 + np.where(pentagon, lead, 0)
    return chart, a, b, needs_h3


def _split_levels(sorted_cells: np.ndarray) -> np.ndarray:
    """Per cell, the coarsest level at which it differs from the previous cell (0 = base cell)."""
    levels = np.zeros(sorted_cells.size, dtype=np.int64)
    if sorted_cells.size > 1:
        # Same mode and resolution, so the XOR is below 2**52 and exact as a float.
        _, exponent = np.frexp((sorted_cells[1:] ^ sorted_cells[:-1]).astype(np.float64))
        top_bit = exponent - 1
        levels[1:] = np.where(top_bit >= 45, 0, _MAX_RES - top_bit // 3)
    return levels


def _disk_radii(res: int, k: int) -> list[int]:
    """Disk radius per resolution such that an inside parent disk implies an inside child disk."""
    # Positions within k of a child lie within Euclidean k + 2 of the parent's centre child; in
    # parent units that is (k + 2) / sqrt(7), inside a hex disk of radius
    # floor(2 (k + 2) / sqrt(21)) (a hex disk of radius j holds every point closer than
    # (j + 1) sqrt(3) / 2).
    radii = [0] * (res + 1)
    radii[res] = k
    for r in range(res - 1, 0, -1):
        radii[r] = max(1, int(2 * (radii[r + 1] + 2) / np.sqrt(21.0)))
    return radii


def _disk_inside(a, b, *, k, pentagon, sector, lead_level, res):
    """For each resolution-res lattice position, whether its whole k-disk lies in its chart."""
    offsets_a, offsets_b = _disk_offsets(k)
    m = offsets_a.size - 1  # the centre is in its own chart
    idx = np.repeat(np.arange(a.size), m)
    inside = _inside_chart(
        a[idx] + np.tile(offsets_a[1:], a.size),
        b[idx] + np.tile(offsets_b[1:], a.size),
        a[idx],
        b[idx],
        pentagon=pentagon[idx],
        sector=sector[idx],
        lead_level=lead_level[idx],
        res=res,
    )
    return inside.reshape(a.size, m).all(axis=1)


def _down(a, b, r):
    """Coordinates of a resolution r-1 cell's centre child at resolution r (class III if r odd)."""
    if r % 2:
        return 2 * a + b, 3 * b - a
    return 3 * a - b, a + 2 * b


def _up(a, b, r):
    """The resolution r-1 parent of a resolution r lattice position (exact integer rounding)."""
    # round(x / 7) == (x + 3) // 7 for integers: x / 7 is never halfway between integers.
    if r % 2:
        return (3 * a - b + 3) // 7, (a + 2 * b + 3) // 7
    return (2 * a + b + 3) // 7, (3 * b - a + 3) // 7


def _inside_chart(pa, pb, ca, cb, *, pentagon, sector, lead_level, res):
    """Whether each lattice position (pa, pb) lies in the chart of the cell at (ca, cb)."""
    inside = np.zeros(pa.size, dtype=bool)
    active = np.arange(pa.size)
    plead = np.zeros(pa.size, dtype=np.int64)
    for r in range(res, 0, -1):
        na, nb = _up(pa, pb, r)
        da, db = _down(na, nb, r)
        digit = _OFFSET_DIGIT[(pa - da + 1) * 3 + (pb - db + 1)]
        plead = np.where(digit != 0, digit, plead)
        nca, ncb = _up(ca, cb, r)
        merged = (na == nca) & (nb == ncb)
        if merged.any():
            # Same ancestor from here up: same base cell, and the same pentagon sector unless the
            # shared coarser digits are all 0 (then the position's own leading digit decides).
            shares_lead = (lead_level[merged] >= 1) & (lead_level[merged] <= r - 1)
            ok = ~pentagon[merged] | shares_lead | (plead[merged] == sector[merged])
            inside[active[merged]] = ok
            keep = ~merged
            active, na, nb, nca, ncb = active[keep], na[keep], nb[keep], nca[keep], ncb[keep]
            plead, pentagon, sector, lead_level = (
                plead[keep],
                pentagon[keep],
                sector[keep],
                lead_level[keep],
            )
        if active.size == 0:
            break
        pa, pb, ca, cb = na, nb, nca, ncb
    return inside


@functools.cache
def _disk_offsets(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Axial offsets within hex distance k, the centre (0, 0) first (read-only, cached)."""
    a, b = np.meshgrid(np.arange(-k, k + 1), np.arange(-k, k + 1), indexing="ij")
    a, b = a.ravel(), b.ravel()
    zero = np.zeros_like(a)
    dist = np.maximum.reduce([a, b, zero]) - np.minimum.reduce([a, b, zero])
    keep = dist <= k
    a, b, dist = a[keep], b[keep], dist[keep]
    order = np.argsort(dist, kind="stable")
    a, b = a[order].astype(np.int64), b[order].astype(np.int64)
    a.flags.writeable = b.flags.writeable = False
    return a, b


def _keys(chart, a, b):
    """One sortable int64 per (chart, lattice position)."""
    return (chart << (2 * _COORD_BITS)) | ((a + _COORD_BIAS) << _COORD_BITS) | (b + _COORD_BIAS)


def _grid_disk_neighbours(
    cells: np.ndarray, by_id: np.ndarray, which: np.ndarray, k: int, width: int
) -> np.ndarray:
    """Rows of input indices of grid_disk(cells[i], k) ∩ cells for i in ``which``, -1 padded."""
    sorted_cells = cells[by_id]
    out = np.full((which.size, width), -1, dtype=np.int64)
    for row, cell in enumerate(cells[which]):
        disk = np.fromiter(h3i.grid_disk(int(cell), k), dtype=np.int64)
        pos = np.minimum(np.searchsorted(sorted_cells, disk), cells.size - 1)
        found = by_id[pos[sorted_cells[pos] == disk]]
        out[row, : found.size] = found
    return out
