"""The reference geography the views draw on: every country's name, M49 groupings and
map point, and the world regions a visitor can filter by. Built once at start-up."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.data.countries import country_name
from dashboard.data.m49 import regions

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
WORLD_TOPOJSON = ASSETS_DIR / "topojson" / "world_110m.json"
EXTENT_COLUMNS = ("west", "south", "east", "north")  # degrees, as drawn on the map
MAIN_PART = 0.25  # a polygon this share of a country's largest counts in its extent


@dataclass(frozen=True)
class RegionOption:
    """A UN M49 region, sub-region or intermediate region a visitor can filter by."""

    slug: str  # as it appears in links: "eastern-africa"
    name: str  # in English, as M49 writes it; views name it in the visitor's language
    code: str  # the M49 numeric code, "014": CLDR names regions by it
    level: int  # 0 region, 1 sub-region, 2 intermediate region
    members: frozenset[str]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: views cache on it
class Atlas:
    """Countries (index iso3: name, region names, lat, lon, shaped, and the extent of
    their outline: west, south, east, north) and region options."""

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
    topology = json.loads(topojson.read_text(encoding="utf-8"))
    centroids = _topojson_centroids(topology)
    extents = _topojson_extents(topology)
    rows = []
    for iso3, region in regions().items():
        lon_lat = centroids.get(iso3)
        rows.append(
            {
                "iso3": iso3,
                "name": country_name(iso3),
                "region": region.region,
                "region_code": region.region_code,
                "subregion": region.subregion,
                "subregion_code": region.subregion_code,
                "intermediate": region.intermediate,
                "latitude": lon_lat[1] if lon_lat else region.latitude,
                "longitude": lon_lat[0] if lon_lat else region.longitude,
                "shaped": lon_lat is not None,
                **dict(zip(EXTENT_COLUMNS, extents.get(iso3, (np.nan,) * 4), strict=True)),
            }
        )
    countries = pd.DataFrame(rows).set_index("iso3").sort_index()
    return Atlas(countries, _region_options())


@cache
def outlines(topojson: Path = WORLD_TOPOJSON) -> dict[str, tuple[tuple[np.ndarray, ...], ...]]:
    """Each country's polygons as plotly.js draws them, by iso3: rings of (lon, lat)
    points, the outer ring first and any holes after it."""
    topology = json.loads(topojson.read_text(encoding="utf-8"))
    arcs = _decoded_arcs(topology)
    return {
        iso3: tuple(tuple(_ring(arcs, ring) for ring in polygon) for polygon in polygons)
        for iso3, polygons in _country_polygons(topology)
    }


def _country_polygons(topology: dict) -> Iterator[tuple[str, list]]:
    """Each country's polygons (lists of rings of arc indexes), by iso3: a Polygon is
    a MultiPolygon of one."""
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") and geometry["type"] in ("Polygon", "MultiPolygon"):
            arcs = geometry["arcs"]
            yield geometry["id"], arcs if geometry["type"] == "MultiPolygon" else [arcs]


def _topojson_centroids(topology: dict) -> dict[str, tuple[float, float]]:
    return {
        geometry["id"]: tuple(geometry["properties"]["ct"])
        for geometry in topology["objects"]["countries"]["geometries"]
        if geometry.get("id") and "ct" in geometry.get("properties", {})
    }


def _topojson_extents(topology: dict) -> dict[str, tuple[float, float, float, float]]:
    """Each country's (west, south, east, north) as drawn: the box around its main
    polygons, those at least MAIN_PART of the largest's area, so a frame holds the
    whole mainland without flying out to every far island (Alaska, Réunion)."""
    arcs = _decoded_arcs(topology)
    extents = {}
    for iso3, polygons in _country_polygons(topology):
        rings = [_ring(arcs, polygon[0]) for polygon in polygons]
        areas = [ring_area(ring) for ring in rings]
        main = np.vstack(
            [r for r, a in zip(rings, areas, strict=True) if a >= MAIN_PART * max(areas)]
        )
        extents[iso3] = _box(main)
    return extents


def _box(points: np.ndarray) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the points; a country that reaches across the
    180th meridian (Russia's far east) is boxed on its larger, eastern-hemisphere side."""
    (west, south), (east, north) = points.min(axis=0), points.max(axis=0)
    if east - west > 180:
        west, east = points[points[:, 0] > 0, 0].min(), 180.0
    return float(west), float(south), float(east), float(north)


def _decoded_arcs(topology: dict) -> list[np.ndarray]:
    """The topology's arcs as absolute (lon, lat) points (they are stored quantised,
    each point a delta from the one before)."""
    scale, translate = (np.array(topology["transform"][k]) for k in ("scale", "translate"))
    return [
        np.cumsum(np.array(arc, dtype=float), axis=0) * scale + translate
        for arc in topology["arcs"]
    ]


def _ring(arcs: list[np.ndarray], indices: list[int]) -> np.ndarray:
    """A ring's points from its arcs; a negative index ~i is arc i reversed."""
    return np.vstack([arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices])


def ring_area(ring: np.ndarray) -> float:
    """A ring's area in squared degrees, shrunk by latitude so the poles do not swell."""
    lon, lat = ring[:, 0] * np.cos(np.radians(ring[:, 1])), ring[:, 1]
    return abs(np.dot(lon, np.roll(lat, 1)) - np.dot(lat, np.roll(lon, 1))) / 2


def _region_options() -> tuple[RegionOption, ...]:
    """Regions, each followed by its sub-regions and their intermediate regions."""
    members: dict[tuple[str, ...], set[str]] = {}
    codes: dict[tuple[str, ...], str] = {}
    for iso3, region in regions().items():
        path = [region.region, region.subregion, region.intermediate]
        path_codes = [region.region_code, region.subregion_code, region.intermediate_code]
        for depth in range(1, 4):
            key = tuple(path[:depth])
            if key[-1]:
                members.setdefault(key, set()).add(iso3)
                codes[key] = path_codes[depth - 1]
    options = []
    for key in sorted(members):
        options.append(
            RegionOption(
                slug=slugify(key[-1]),
                name=key[-1],
                code=codes[key],
                level=len(key) - 1,
                members=frozenset(members[key]),
            )
        )
    return tuple(options)
