"""The reference geography the views draw on: every country's name, M49 groupings and
map point, and the world regions a visitor can filter by. Built once at start-up."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data.countries import country_name, regions

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
WORLD_TOPOJSON = ASSETS_DIR / "topojson" / "world_110m.json"


@dataclass(frozen=True)
class RegionOption:
    """A UN M49 region, sub-region or intermediate region a visitor can filter by."""

    slug: str  # as it appears in links: "eastern-africa"
    name: str
    level: int  # 0 region, 1 sub-region, 2 intermediate region
    members: frozenset[str]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: views cache on it
class Atlas:
    """Countries (index iso3: name, region names, lat, lon, shaped) and region options."""

    countries: pd.DataFrame
    regions: tuple[RegionOption, ...]

    def region(self, slug: str | None) -> RegionOption | None:
        """The region with this slug, if there is one."""
        return next((r for r in self.regions if r.slug == slug), None)


def slugify(name: str) -> str:
    """'Latin America and the Caribbean' -> 'latin-america-and-the-caribbean'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def load_atlas(topojson: Path = WORLD_TOPOJSON) -> Atlas:
    """The atlas, with map points taken from the outlines plotly.js draws.

    A country with an outline in the map gets the centroid plotly.js itself uses
    (the `ct` property), so a line ends where a marker with locationmode ISO-3
    would sit; a country too small for the 110m outlines gets its HDX point and
    is drawn as a dot.
    """
    centroids = _topojson_centroids(topojson)
    rows = []
    for iso3, region in regions().items():
        lon_lat = centroids.get(iso3)
        rows.append(
            {
                "iso3": iso3,
                "name": country_name(iso3),
                "region": region.region,
                "subregion": region.subregion,
                "intermediate": region.intermediate,
                "latitude": lon_lat[1] if lon_lat else region.latitude,
                "longitude": lon_lat[0] if lon_lat else region.longitude,
                "shaped": lon_lat is not None,
            }
        )
    countries = pd.DataFrame(rows).set_index("iso3").sort_index()
    return Atlas(countries, _region_options())


def _topojson_centroids(path: Path) -> dict[str, tuple[float, float]]:
    topology = json.loads(path.read_text(encoding="utf-8"))
    return {
        geometry["id"]: tuple(geometry["properties"]["ct"])
        for geometry in topology["objects"]["countries"]["geometries"]
        if geometry.get("id") and "ct" in geometry.get("properties", {})
    }


def _region_options() -> tuple[RegionOption, ...]:
    """Regions, each followed by its sub-regions and their intermediate regions."""
    members: dict[tuple[str, ...], set[str]] = {}
    for iso3, region in regions().items():
        path = [region.region, region.subregion, region.intermediate]
        for depth in range(1, 4):
            key = tuple(path[:depth])
            if key[-1]:
                members.setdefault(key, set()).add(iso3)
    options = []
    for key in sorted(members):
        options.append(
            RegionOption(
                slug=slugify(key[-1]),
                name=key[-1],
                level=len(key) - 1,
                members=frozenset(members[key]),
            )
        )
    return tuple(options)
