"""Regenerate dashboard/data/regions.csv: the UN M49 regions of every ISO 3166-1 country.

The M49 table comes from OCHA's hdx-python-country (a development-only
dependency, see requirements-dev.txt), read from the copy the package ships so
the result does not depend on the network. Run from the repository root:

    .venv/bin/python scripts/make_regions.py

Two places M49 itself leaves without a region are filled here, each with the
reason written into the file's `note` column.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry
from hdx.location.country import Country

OUT = Path(__file__).resolve().parent.parent / "dashboard" / "data" / "regions.csv"
COLUMNS = [
    "iso3",
    "m49",
    "region_code",
    "region",
    "subregion_code",
    "subregion",
    "intermediate_code",
    "intermediate",
    "latitude",
    "longitude",
    "note",
]

# M49 lists Antarctica directly under "World", and does not list Kosovo (the UN
# counts it under Serbia, resolution 1244). The filters need a region for each.
OVERRIDES = {
    "ATA": {
        "m49": "010",
        "region_code": "010",
        "region": "Antarctica",
        "note": "M49 lists Antarctica (010) directly under World; used as its own region",
    },
    "XKX": {
        "m49": "",
        "region_code": "150",
        "region": "Europe",
        "subregion_code": "039",
        "subregion": "Southern Europe",
        "note": "not in M49 (the UN lists it under Serbia, res. 1244); "
        "placed in Serbia's region and sub-region",
    },
}


def code(value: str | None) -> str:
    """M49 codes as the three-digit strings the standard prints."""
    return f"{int(value):03d}" if value else ""


def _coordinate(value: str | None) -> str:
    return f"{float(value):.4f}" if value else ""


def rows() -> list[dict[str, str]]:
    """One row per ISO 3166-1 country (plus Kosovo), sorted by ISO code."""
    table = Country.countriesdata(use_live=False)["countries"]
    out = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        info = table[country.alpha_3]
        row = {
            "iso3": country.alpha_3,
            "m49": code(info["m49 numerical code"]),
            "region_code": code(info["Region Code"]),
            "region": info["Region Name"] or "",
            "subregion_code": code(info["Sub-region Code"]),
            "subregion": info["Sub-region Name"] or "",
            "intermediate_code": code(info["Intermediate Region Code"]),
            "intermediate": info["Intermediate Region Name"] or "",
            # A representative point of the country (HDX's), used where the map has no
            # outline to take plotly's own centroid from; empty for Kosovo and UMI.
            "latitude": _coordinate(info["Latitude"]),
            "longitude": _coordinate(info["Longitude"]),
            "note": "",
        }
        row.update(OVERRIDES.get(country.alpha_3, {}))
        out.append(row)
    kosovo = dict.fromkeys(COLUMNS, "") | {"iso3": "XKX"} | OVERRIDES["XKX"]
    out.append(kosovo)
    missing = [r["iso3"] for r in out if not r["region"]]
    if missing:
        sys.exit(f"no M49 region for {missing}: add an override with its reason")
    return out


def main() -> None:
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
