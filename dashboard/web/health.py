"""What /healthz and the page's footer say: which data is live, and how the last
reload went, so monitoring can alert and staff can see which edit is being served.

The data version is a hash of the data folder's files. The reload record is set in
gunicorn's master process, before it forks the workers that serve the reloaded (or
kept) data, so every worker answers the same; it changes at no other time.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, jsonify

from dashboard.data import schema

DATA_FILES = (
    schema.PARTNERS_CSV,
    schema.SERVED_CSV,
    schema.AREAS_CSV,
    schema.GEOCACHE_JSON,
    "dashboard.toml",
)


@dataclass(frozen=True)
class DataVersion:
    """The data being served: a hash of its files, and when it was loaded."""

    version: str  # the first 12 hex digits of a sha256 over the files, by name
    loaded: str  # ISO 8601, UTC, to the second


@dataclass(frozen=True)
class Refusal:
    """A reload that found the data invalid, so the live data was kept."""

    at: str
    version: str  # the refused files' version
    problems: tuple[str, ...]  # the `check` messages


LAST_REFUSAL: list[Refusal] = []  # at most one: the latest, cleared by a good reload


def data_version(data_dir: Path) -> DataVersion:
    """The version of a data folder's files as they are now."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        path = data_dir / name
        content = path.read_bytes() if path.is_file() else b""
        digest.update(f"{name}\0{len(content)}\0".encode() + content)
    return DataVersion(digest.hexdigest()[:12], _now())


def record_refusal(data_dir: Path, problems: list[str]) -> Refusal:
    """Remember a refused reload, for /healthz."""
    refusal = Refusal(_now(), data_version(data_dir).version, tuple(problems))
    LAST_REFUSAL[:] = [refusal]
    return refusal


def clear_refusal() -> None:
    LAST_REFUSAL.clear()


def add_health(server: Flask, summary: dict, live: DataVersion) -> None:
    """GET /healthz: the counts, the live data's version, and a refused reload if the
    last one was: then `status` is `reload-refused` (still serving, but not the files
    on disk), for monitoring to alert on."""
    counts = {"partners": summary["partners"], "countries": summary["countries"]}

    @server.get("/healthz")
    def healthz():
        refused = LAST_REFUSAL[0] if LAST_REFUSAL else None
        body = {
            "status": "reload-refused" if refused else "ok",
            **counts,
            "data": asdict(live),
            "last_reload_refused": asdict(refused) if refused else None,
        }
        return jsonify(body)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
