"""Where the data lives: one place for the defaults the command line and gunicorn share."""

from __future__ import annotations

import os
from pathlib import Path

REPO_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_DIR_ENV = "PARTNER_MAP_DATA_DIR"


def default_data_dir() -> Path:
    """$PARTNER_MAP_DATA_DIR if set, else the data/ folder bundled with the code."""
    value = os.environ.get(DATA_DIR_ENV, "").strip()
    path = Path(value) if value else REPO_DATA_DIR
    # Messages name files as the user would type them: relative where that is shorter.
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path
