"""Fixtures of the geocoding tests: a copy of data/ whose cache lacks some places."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.geocoding import copy_partial_data


@pytest.fixture
def partial_data(tmp_path: Path) -> Path:
    """A copy of data/ whose geocache.json holds only the KEPT places."""
    return copy_partial_data(tmp_path)


@pytest.fixture
def cache_path(partial_data: Path) -> Path:
    return partial_data / "geocache.json"
