"""Shared fixtures: a private copy of the bundled data folder, and the fake geocoder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.paths import BUNDLED_DATA


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of data/ that a test may break without touching the real one."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA, target, ignore=shutil.ignore_patterns("*.lock", ".*.tmp"))
    return target


@pytest.fixture
def nominatim():
    """A fake Nominatim server on 127.0.0.1, for the geocoding tests to script."""
    from tests.support.nominatim import FakeNominatim

    with FakeNominatim() as fake:
        yield fake
