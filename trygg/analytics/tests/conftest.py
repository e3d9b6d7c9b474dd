"""Fixtures for the analytics tests: synthetic data only, no database."""

import numpy as np
import pytest

from .helpers import KOPING, cells_around


@pytest.fixture
def koping_cells() -> np.ndarray:
    """469 contiguous resolution-9 cells (12 rings) around Köping centre."""
    return cells_around(*KOPING)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20260101)
