"""Fixtures of the unit tests: the bundled network and the atlas, built once."""

from __future__ import annotations

import pytest

from dashboard.atlas import Atlas, load_atlas
from dashboard.network import Network, load_network
from tests.support.paths import BUNDLED_DATA


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    return load_atlas()


@pytest.fixture(scope="session")
def network() -> Network:
    """The bundled data's network: read-only, so every test may share it."""
    return load_network(BUNDLED_DATA)
