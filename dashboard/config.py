"""Where the data lives and where the public reaches the app: one place for the
settings the command line and gunicorn share."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

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


PUBLIC_URL_ENV = "PARTNER_MAP_PUBLIC_URL"


def public_url() -> str | None:
    """$PARTNER_MAP_PUBLIC_URL, the address the audience reaches the dashboard at (the
    QR code's links start with it), if it is an http(s) address; else None. A laptop
    serving 127.0.0.1 cannot know its public address, and must not hand out its own."""
    value = os.environ.get(PUBLIC_URL_ENV, "").strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        return None
    return value.split("#")[0].rstrip("/")
