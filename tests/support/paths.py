"""Where the repository and its bundled data folder are."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUNDLED_DATA = REPO / "data"
