"""Gi* hot spots on H3 resolution 9: trygg.analytics against PySAL esda, same weights.

Clustered points around Köping (a few Gaussian clusters over a uniform background) are put in
H3 resolution-9 cells, counted, and joined with the zero-count cells of the study square; then
Trygg's ``ring_weights`` + ``gi_star`` and esda's ``W.from_sparse`` + ``G_Local(star=True,
transform="B")`` run on the same cells and weights. The Köping scenario is about 20 × 20 km; the
region scenario spreads the same points over about 165 × 165 km (~340 000 cells, the size
stack.md measured). Goal: esda/ours >= 10×, largest |z| difference <= 1e-9.
"""

import time
import warnings
from itertools import repeat

import h3
import numpy as np

KOPING = (59.51, 15.99)
RES = 9
METRES_PER_DEGREE = 111_320.0

# (name, half-width of the square in km, cluster sigmas in metres); the region is sized like
# stack.md's measurement (~340 000 cells), and shrunk in --quick so a smoke run stays short.
KOPING_SCENARIO = ("Köping, 20 × 20 km", 10.0, (150, 250, 400, 600, 900))
REGION_SCENARIO = ("region, 165 × 165 km", 82.5, (2_000, 4_000, 8_000, 12_000, 20_000))
REGION_QUICK = ("region, 60 × 60 km", 30.0, (600, 1_200, 2_500, 4_000, 6_000))
BACKGROUND_SHARE = 0.3


def run(quick: bool = False):
    n = 100_000 if quick else 1_000_000
    rng = np.random.default_rng(1983)
    t = time.perf_counter()
    import esda
    from libpysal.weights import W

    from trygg.analytics.hotspots import count_cells, gi_star, ring_weights, study_cells

    yield f"import esda + libpysal: {time.perf_counter() - t:.1f} s (not counted below)"
    for name, half_km, sigmas in (KOPING_SCENARIO, REGION_QUICK if quick else REGION_SCENARIO):
        yield f"### {name}: {_n(n)} points"
        lat, lon = _points(rng, n, half_km, sigmas)

        t = time.perf_counter()
        # h3 4.x has no array API; map() over the C-backed function is the fastest public path.
        point_cells = np.fromiter(
            map(h3.api.basic_int.latlng_to_cell, lat.tolist(), lon.tolist(), repeat(RES)),
            dtype=np.int64,
            count=n,
        )
        to_cells = time.perf_counter() - t
        t = time.perf_counter()
        seen, seen_counts = count_cells(point_cells)
        counting = time.perf_counter() - t
        yield (
            f"points → res-{RES} cells: {to_cells:.2f} s ({to_cells / n * 1e6:.2f} µs/point); "
            f"count per cell: {_ms(counting)} → {_n(seen.size)} cells with events"
        )
        # Zero-count cells of the study area are what make cold spots possible.
        t = time.perf_counter()
        area = study_cells(_square(half_km), RES)
        cells = np.union1d(area, seen)
        counts = np.zeros(cells.size, dtype=np.int64)
        counts[np.searchsorted(cells, seen)] = seen_counts
        yield (
            f"study area cells (h3 polygon fill) + merge: {time.perf_counter() - t:.2f} s → "
            f"{_n(cells.size)} cells analysed"
        )

        # esda is slow on large inputs; repeat it only where that costs little.
        esda_repeats = 3 if cells.size < 50_000 else 1
        weights_ours, w = _best(lambda cells=cells: ring_weights(cells, 1), repeats=3)
        kernel_ours, result = _best(
            lambda cells=cells, counts=counts, w=w: gi_star(cells, counts, weights=w), repeats=3
        )
        with warnings.catch_warnings():
            # Islands and disconnected components are expected in point data.
            warnings.simplefilter("ignore")
            weights_esda, lw = _best(lambda w=w: W.from_sparse(w), repeats=esda_repeats)
            kernel_esda, g = _best(
                lambda lw=lw, counts=counts: esda.G_Local(
                    counts, lw, transform="B", star=True, permutations=0
                ),
                repeats=esda_repeats,
            )
        diff = float(np.max(np.abs(g.Zs - result.z))) if cells.size else 0.0

        yield (
            f"ours:  ring_weights {_ms(weights_ours)} + gi_star {_ms(kernel_ours)}"
            f" (best of 3; {result.n_hot} hot, {result.n_cold} cold cells after FDR)"
        )
        yield (
            f"esda:  W.from_sparse {_ms(weights_esda)} + G_Local {_ms(kernel_esda)}"
            + (f" (best of {esda_repeats})" if esda_repeats > 1 else " (one run)")
        )
        yield f"ratio esda/ours, kernel only: {kernel_esda / kernel_ours:.1f}×"
        yield (
            "ratio esda/ours, weights + kernel: "
            f"{(weights_esda + kernel_esda) / (weights_ours + kernel_ours):.1f}×"
        )
        yield f"largest |z| difference: {diff:.1e}"
        loop = _grid_disk_loop_time(cells, limit=50_000 if quick else 200_000, repeats=esda_repeats)
        yield (
            f"neighbour search alone: h3.grid_disk in a Python loop {_ms(loop)} "
            f"(+ CSR assembly) vs ring_weights {_ms(weights_ours)} "
            f"= {loop / weights_ours:.1f}×"
        )


def _points(rng, n, half_km, sigmas):
    """Lat/lon of n points: Gaussian clusters plus a uniform background around Köping."""
    n_background = int(n * BACKGROUND_SHARE)
    half = half_km * 1000
    centres = rng.uniform(-0.6 * half, 0.6 * half, (len(sigmas), 2))
    share = rng.dirichlet(np.ones(len(sigmas)) * 2)
    which = rng.choice(len(sigmas), n - n_background, p=share)
    clustered = centres[which] + rng.normal(size=(which.size, 2)) * np.asarray(sigmas)[which, None]
    xy = np.vstack([rng.uniform(-half, half, (n_background, 2)), clustered])
    lat = KOPING[0] + xy[:, 1] / METRES_PER_DEGREE
    lon = KOPING[1] + xy[:, 0] / (METRES_PER_DEGREE * np.cos(np.radians(KOPING[0])))
    return lat, lon


def _square(half_km):
    """GeoJSON square of side 2 × half_km centred on Köping."""
    dlat = half_km * 1000 / METRES_PER_DEGREE
    dlon = dlat / np.cos(np.radians(KOPING[0]))
    lat0, lat1 = KOPING[0] - dlat, KOPING[0] + dlat
    lon0, lon1 = KOPING[1] - dlon, KOPING[1] + dlon
    ring = [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]
    return {"type": "Polygon", "coordinates": [ring]}


def _ms(seconds: float) -> str:
    """Milliseconds with a decimal below 10 ms, so small timings keep two digits."""
    ms = seconds * 1e3
    return f"{ms:.1f} ms" if ms < 10 else f"{ms:.0f} ms"


def _n(x: int) -> str:
    """1 000 000, Swedish style."""
    return f"{x:,}".replace(",", " ")


def _best(fn, repeats):
    """(fastest wall time of `repeats` calls, the last result)."""
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def _grid_disk_loop_time(cells, limit, repeats):
    """Best time of a plain grid_disk loop over all cells, extrapolated from <= `limit` cells."""
    sample = cells[:limit].tolist()

    def loop():
        for cell in sample:
            h3.api.basic_int.grid_disk(cell, 1)

    best, _ = _best(loop, repeats)
    return best * cells.size / max(len(sample), 1)
