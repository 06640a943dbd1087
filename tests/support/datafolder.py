"""Data folders written from rows: the one CSV writer, and small hand-made networks for
tests whose answer is obvious by eye (bench/generate.py writes its large ones with it)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from dashboard.data.geocache import CACHE_VERSION
from dashboard.data.schema import PARTNER_OPTIONAL, PARTNER_REQUIRED
from dashboard.network import Network, load_network

SERVED_COLUMNS = ["partner_id", "words", "basis", "place"]
AREA_COLUMNS = ["area", "m49", "countries", "definition"]
RETRIEVED = "2026-11-28"  # the retrieval date written into made-up geocache entries


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    """A data-folder CSV: a header row, then the rows."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_tables(
    folder: Path,
    partners: list[dict[str, str]],
    served: list[tuple[str, str, str, str]],
    areas: list[dict[str, str]],
) -> None:
    """partners.csv, served.csv and areas.csv: columns in the order of the first row's keys
    (areas without rows get AREA_COLUMNS); served rows are (partner_id, words, basis, place)."""
    write_csv(folder / "partners.csv", list(partners[0]), partners)
    write_csv(
        folder / "served.csv",
        SERVED_COLUMNS,
        [dict(zip(SERVED_COLUMNS, row, strict=True)) for row in served],
    )
    write_csv(folder / "areas.csv", list(areas[0]) if areas else AREA_COLUMNS, areas)


def write_geocache(
    folder: Path,
    places: dict[str, tuple[float, float]],
    source: str,
    **dumps_options,
) -> None:
    """geocache.json holding {query: (lat, lon)}, each place named by its query."""
    entries = {
        query: {
            "query": query,
            "latitude": lat,
            "longitude": lon,
            "display_name": query,
            "source": source,
            "retrieved": RETRIEVED,
        }
        for query, (lat, lon) in places.items()
    }
    (folder / "geocache.json").write_text(
        json.dumps({"version": CACHE_VERSION, "entries": entries}, **dumps_options),
        encoding="utf-8",
    )


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
    area_rows = [{"area": a, "m49": m, "countries": c, "definition": "test"} for a, m, c in areas]
    write_tables(folder, partners, served, area_rows)
    write_geocache(folder, cache or {}, source="test")
    return load_network(folder)
