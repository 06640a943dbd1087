"""Small hand-made data folders, for view tests whose answer is obvious by eye."""

from __future__ import annotations

import json
from pathlib import Path

from bench.generate import write_csv
from dashboard.data.load import load_network
from dashboard.data.schema import PARTNER_OPTIONAL, PARTNER_REQUIRED
from dashboard.network import Network


def partner(pid: str, **fields: str) -> dict[str, str]:
    """A partner row; without a city its headquarters is not published."""
    row = dict.fromkeys([*PARTNER_REQUIRED, *PARTNER_OPTIONAL], "")
    row.update(id=pid, name=f"Partner {pid}", hq_basis="not-published", description=f"About {pid}.")
    if fields.get("hq_city"):
        row.update(hq_basis="stated-page", hq_source="test")
    row.update(fields)
    return row


def tiny_network(
    folder: Path,
    partners: list[dict[str, str]],
    served: list[tuple[str, str, str, str]],
    areas: list[tuple[str, str, str]] = (),
    cache: dict[str, tuple[float, float]] | None = None,
) -> Network:
    """Write a data folder and load it: served rows are (partner_id, words, basis, place),
    areas (name, m49, countries), cache {query: (lat, lon)}."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "partners.csv", list(partners[0]), partners)
    write_csv(
        folder / "served.csv",
        ["partner_id", "words", "basis", "place"],
        [dict(zip(["partner_id", "words", "basis", "place"], row, strict=True)) for row in served],
    )
    write_csv(
        folder / "areas.csv",
        ["area", "m49", "countries", "definition"],
        [{"area": a, "m49": m, "countries": c, "definition": "test"} for a, m, c in areas],
    )
    entries = {
        query: {
            "query": query,
            "latitude": lat,
            "longitude": lon,
            "display_name": query,
            "source": "test",
            "retrieved": "2026-11-28",
        }
        for query, (lat, lon) in (cache or {}).items()
    }
    (folder / "geocache.json").write_text(
        json.dumps({"version": 1, "entries": entries}), encoding="utf-8"
    )
    return load_network(folder)
