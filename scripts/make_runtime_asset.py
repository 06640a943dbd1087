"""Regenerate assets/regenerator-runtime.js: the one part of Babel's polyfill the page needs.

Dash puts `@babel/polyfill` (core-js and regenerator-runtime, 34 kB gzipped and a
second of script on a slow phone) before its scripts, for browsers older than
ES2015. The page leaves it out (dashboard/web/delivery.py), but dcc's bundle is
compiled with async functions turned into generators and calls the global
`regeneratorRuntime`, which only the polyfill defined. This script takes
regenerator-runtime's own `runtime.js` (MIT, 7 kB gzipped) from the npm tarball,
checked against the integrity pinned below, and writes it unchanged into assets/,
which Dash serves before its own scripts. Run from anywhere:

    .venv/bin/python scripts/make_runtime_asset.py
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "regenerator-runtime.js"
SPEC = "regenerator-runtime@0.14.1"  # the version @babel/polyfill 7.12.1's bundle carries
# From `npm view regenerator-runtime@0.14.1 dist.integrity`.
INTEGRITY = (
    "sha512-dYnhHh0nJoMfnkZs6GmmhFknAGRrLznOu5nc9ML+EJxGv"
    "rx6H7teuevqVqCuPcPK//3eDrrjQhehXVx9cnkGdw=="
)
MEMBER = "package/runtime.js"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        command = ["npm", "pack", SPEC, "--pack-destination", folder, "--ignore-scripts", "--json"]
        packed = json.loads(
            subprocess.run(command, cwd=tmp, check=True, capture_output=True, text=True).stdout
        )
        tarball = tmp / packed[0]["filename"]
        data = tarball.read_bytes()
        got = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        if got != INTEGRITY:
            raise SystemExit(f"{tarball.name}: integrity {got}, expected {INTEGRITY}")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(MEMBER)
            if member is None:
                raise SystemExit(f"{tarball.name} has no {MEMBER}")
            OUT.write_bytes(member.read())
    print(f"{SPEC}: wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
