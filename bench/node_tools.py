"""The Node tools of bench/lighthouse.py and bench/html_check.py, pinned and installed
on first use into bench/.node (not committed), with npm, never a browser download."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.paths import REPO

FOLDER = REPO / "bench" / ".node"
LIGHTHOUSE = "lighthouse@12.8.2"
VNU = "vnu-jar@26.9.27"


def installed(spec: str, relative: str) -> Path:
    """The path of a file of an npm package, installing the pinned package if missing."""
    path = FOLDER / "node_modules" / relative
    if not path.exists():
        FOLDER.mkdir(parents=True, exist_ok=True)
        command = ["npm", "install", "--exact", "--no-audit", "--no-fund", "--prefix", str(FOLDER)]
        subprocess.run([*command, spec], check=True, env={"PUPPETEER_SKIP_DOWNLOAD": "1", **_env()})
    return path


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)
