"""The hot spots on the lägesbild page — counts read from the database the suite runs on
(SQLite or PostgreSQL), study area from the municipality's boundary — have the same Gi*
z-scores as PySAL esda computed from the same cells."""

import random
import warnings
from datetime import date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from django_scopes import scope

from tests.helpers import make_area, make_report, viewer_for
from trygg.analytics.hotspots import ring_weights, study_cells
from trygg.core.models import Role
from trygg.lagesbild.selectors import picture_for_period

# Marked and imported late, as in trygg/analytics/tests/test_hotspots_esda.py.
pytestmark = pytest.mark.esda


def test_database_hot_spots_match_esda(users, koping):
    import esda
    import libpysal.weights as libpysal_weights

    boundary = make_area(koping, "Köping", kind="kommungrans", lon=15.99, lat=59.51, d=0.05)
    rng = random.Random(4)
    when = datetime(2026, 11, 5, 21, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    for _ in range(60):  # a cluster and a background
        if rng.random() < 0.5:
            lat, lon = 59.514 + rng.gauss(0, 0.002), 15.9926 + rng.gauss(0, 0.004)
        else:
            lat, lon = 59.47 + rng.random() * 0.08, 15.95 + rng.random() * 0.08
        make_report(koping, when=when, lat=lat, lon=lon)
    with scope(municipality=koping):
        pic = picture_for_period(
            viewer=viewer_for(users[Role.SAMORDNARE], koping),
            start=date(2026, 11, 1),
            end=date(2026, 11, 14),
            resolution=8,
        )
    ours = {h.cell: h.z for h in pic.hexes}
    cells = np.array(
        sorted(set(study_cells(boundary.geometry, 8).tolist()) | set(ours)), dtype=np.int64
    )
    counts = np.zeros(len(cells))
    position = {int(c): i for i, c in enumerate(cells)}
    for h in pic.hexes:
        counts[position[h.cell]] = h.count
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = esda.G_Local(
            counts,
            libpysal_weights.W.from_sparse(ring_weights(cells, 1)),
            transform="B",
            star=True,
            permutations=0,
        ).Zs
    expected = {int(c): float(z) for c, z in zip(cells, reference, strict=True)}
    assert sum(h.count for h in pic.hexes) == 60
    assert max(abs(ours[c] - expected[c]) for c in ours) <= 1e-9
