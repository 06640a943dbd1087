"""Synthetic partner networks of any size, in the data folder format the app loads.

    .venv/bin/python -m bench.generate 10000 /tmp/net-10000 [--seed 7]

Deterministic from the seed. The shape follows real networks: headquarters in
real cities (bench/cities.csv, weighted towards the larger ones), most partners
serving 1-5 countries mostly in their own world region, a few serving dozens;
some reach through a named region, a few state worldwide reach, some have no
published headquarters. Every fact is marked synthetic.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from dashboard.data.countries import country_name
from dashboard.data.geocache import hq_query
from dashboard.data.m49 import regions
from tests.support.datafolder import write_geocache, write_tables

CITIES = Path(__file__).with_name("cities.csv")
SOURCE = "synthetic (bench/generate.py)"
CITY_SOURCE = "GeoNames cities15000 (CC BY 4.0), for benchmarks"
# Areas a partner may serve through: (name, M49 code).
AREAS = [
    ("Africa", "002"),
    ("Eastern Africa", "014"),
    ("Western Africa", "011"),
    ("Northern Africa", "015"),
    ("South America", "005"),
    ("South-eastern Asia", "035"),
    ("Western Asia", "145"),
    ("Eastern Europe", "151"),
    ("Central Asia", "143"),
    ("Caribbean", "029"),
]


def _cities() -> list[dict[str, str]]:
    with CITIES.open(encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if row["iso3"] in regions()]


def _served_count(rng: random.Random) -> int:
    """Skewed: most partners serve 1-5 countries, a few serve dozens."""
    if rng.random() < 0.03:
        return rng.randint(20, 60)
    return min(1 + int(rng.expovariate(0.6)), 12)


def generate(n: int, folder: Path, seed: int = 7) -> Path:
    """Write a data folder of n synthetic partners; returns the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    cities = _cities()
    weights = [float(c["population"]) ** 0.5 for c in cities]
    by_region: dict[str, list[str]] = {}
    for iso3, region in regions().items():
        by_region.setdefault(region.region, []).append(iso3)
    everywhere = sorted(regions())

    partners, served, cache = [], [], {}
    width = len(str(n))
    for i in range(1, n + 1):
        pid = f"P{i:0{width}d}"
        city = rng.choices(cities, weights)[0]
        published = rng.random() > 0.1
        partners.append(_partner(rng, i, pid, city, published))
        if published:
            query = hq_query(city["city"], city["iso3"])
            cache[query] = (float(city["latitude"]), float(city["longitude"]))
        home = by_region[regions()[city["iso3"]].region]
        served += _served(rng, pid, home, everywhere)

    areas = [
        {
            "area": name,
            "m49": code,
            "countries": "",
            "except": "",
            "definition": f"UN M49 {code} {name}",
        }
        for name, code in AREAS
    ]
    write_tables(folder, partners, served, areas)
    write_geocache(folder, cache, CITY_SOURCE, ensure_ascii=False, indent=1)
    (folder / "dashboard.toml").write_text(
        f'title = "Synthetic network of {n:,} partners"\n', encoding="utf-8"
    )
    return folder


def _partner(
    rng: random.Random, i: int, pid: str, city: dict[str, str], published: bool
) -> dict[str, str]:
    """Partner i's row, headquartered in `city` if `published`."""
    founded = str(rng.randint(1950, 2020)) if rng.random() < 0.5 else ""
    return {
        "id": pid,
        "name": f"Synthetic Partner {i}",
        "acronym": f"SP{i}",
        "hq_city": city["city"] if published else "",
        "hq_country": city["iso3"] if published else "",
        "hq_basis": "stated-record" if published else "not-published",
        "hq_source": SOURCE if published else "",
        "founded": founded,
        "founded_source": SOURCE if founded else "",
        "mou": "",
        "mou_source": "",
        "website": "",
        "description": f"A synthetic partner for benchmarks, number {i}.",
    }


def _served(
    rng: random.Random, pid: str, home: list[str], everywhere: list[str]
) -> list[tuple[str, str, str, str]]:
    """What a partner serves: named countries, mostly in its home region, and perhaps
    a named area, the whole world, or words that name no country."""
    chosen: set[str] = set()
    for _ in range(_served_count(rng)):
        pool = home if rng.random() < 0.7 else everywhere
        chosen.add(rng.choice(pool))
    served = [(pid, "synthetic", "named", country_name(iso3)) for iso3 in sorted(chosen)]
    roll = rng.random()
    if roll < 0.15:
        area = rng.choice(AREAS)[0]
        served.append((pid, f"communities in {area}", "region", area))
    elif roll < 0.17:
        served.append((pid, "the world at large", "worldwide", ""))
    elif roll < 0.20:
        served.append((pid, "several countries", "vague", ""))
    return served


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of partners")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.n, args.folder, args.seed)
    print(f"wrote a network of {args.n:,} partners to {args.folder}")


if __name__ == "__main__":
    main()
