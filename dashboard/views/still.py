"""A still picture of the map, as SVG: what the page shows before plotly.js has drawn
the interactive map, what a reader with JavaScript off sees, and a link's preview.

It is drawn from the outlines plotly.js draws (assets/topojson, via the atlas), in
the same projection (Natural Earth), framed on the same latitude and longitude ranges
as the camera, with the count colours of the choropleth and each partner's own
colour; markers are plain ringed dots, not the partners' symbols (the legend and the
cards name them). SVG, not PNG: a few tens of kilobytes gzipped, sharp at any size,
and drawn with nothing but the standard library.
"""

from __future__ import annotations

from functools import cache
from html import escape

import numpy as np
import pandas as pd

from dashboard.atlas import Atlas, outlines
from dashboard.network import Network
from dashboard.state import EXPLORE, FilterState, Mode
from dashboard.views import projection, style
from dashboard.views.camera import geo_layout
from dashboard.views.selection import Selection

SCALE = 400.0  # picture units per unit of the projection: the world is about 2,200 wide
WIDTH = 800  # the picture's intrinsic width in pixels; its height follows the view
LEFT_OFF = {"ATA"}  # the camera leaves Antarctica off the map


def natural_earth(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Natural Earth (views/projection.py) in picture units, y downwards."""
    x, y = projection.natural_earth(lon, lat)
    return x * SCALE, -y * SCALE


@cache
def country_paths() -> dict[str, str]:
    """Each country's outline as SVG path data, projected once."""
    return {
        iso3: " ".join(_ring_path(ring) for polygon in polygons for ring in polygon)
        for iso3, polygons in outlines().items()
        if iso3 not in LEFT_OFF
    }


def _ring_path(ring: np.ndarray) -> str:
    """A ring in whole picture units, each point as a step from the one before (a
    third of the size of absolute decimals), repeated points left out."""
    lon, lat = ring[:, 0].copy(), ring[:, 1]
    if np.abs(np.diff(lon)).max(initial=0) > 180:
        # A ring cut by the 180th meridian (Russia's far east) goes on past it, east.
        lon[lon < 0] += 360
    x, y = (np.round(v).astype(int) for v in natural_earth(lon, lat))
    dx, dy = np.diff(x), np.diff(y)
    moved = (dx != 0) | (dy != 0)
    steps = " ".join(f"{a} {b}" for a, b in zip(dx[moved], dy[moved], strict=True))
    return f"M{x[0]} {y[0]}l{steps}z"


def frame_box(lon_range: list[float], lat_range: list[float]) -> tuple[float, ...]:
    """The picture's viewBox (x, y, width, height) around a longitude and latitude range."""
    edge = np.linspace(0.0, 1.0, 25)
    lon0, lon1 = lon_range
    lat0, lat1 = lat_range
    lons = np.concatenate([lon0 + (lon1 - lon0) * edge, np.full(25, lon1), np.full(25, lon0)])
    lats = np.concatenate(
        [np.full(25, lat0), lat0 + (lat1 - lat0) * edge, lat0 + (lat1 - lat0) * edge]
    )
    lons, lats = np.concatenate([lons, lons[:25]]), np.concatenate([lats, np.full(25, lat1)])
    x, y = natural_earth(lons, lats)
    return float(x.min()), float(y.min()), float(x.max() - x.min()), float(y.max() - y.min())


def still_map(
    network: Network,
    atlas: Atlas,
    state: FilterState,
    selection: Selection,
    mode: Mode = EXPLORE,
    label: str = "",
) -> str:
    """The view as an SVG document; `label` is its text alternative."""
    geo = geo_layout(network, atlas, state, selection, mode)
    # The picture's outlines are projected once, unturned: a view across the 180th
    # meridian is shown up to it (the live map, turned, shows it whole).
    west, east = geo["lonaxis"]["range"]
    box = frame_box([max(west, -180.0), min(east, 180.0)], geo["lataxis"]["range"])
    unit = box[2] / WIDTH  # picture units per pixel at the intrinsic width
    fills = _count_fills(selection.counts)
    parts = [
        _countries(fills, state.country),
        _dots(atlas, fills, unit),
        _markers(network, selection, unit * (1.6 if mode.present else 1.0)),
    ]
    x, y, w, h = box
    height = round(WIDTH * h / w)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x:.1f} {y:.1f} {w:.1f} {h:.1f}"'
        f' width="{WIDTH}" height="{height}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>"
        f'<clipPath id="frame"><rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"/>'
        f'</clipPath><g clip-path="url(#frame)">{"".join(parts)}</g></svg>'
    )


def _count_fills(counts: pd.DataFrame) -> dict[str, str]:
    """Each served country's colour on the choropleth's stepped scale."""
    if counts.empty:
        return {}
    scale = style.count_colourscale(int(counts["partners"].max()))
    steps = [colour for _, colour in scale[::2]]
    return {
        iso3: steps[min(int(n), len(steps)) - 1]
        for iso3, n in zip(counts["iso3"], counts["partners"], strict=True)
    }


def _countries(fills: dict[str, str], chosen: str | None) -> str:
    """Unserved land first, then served countries over it, edged darker; the chosen
    country outlined in black on top."""
    paths = country_paths()
    edge = 'vector-effect="non-scaling-stroke" stroke-linejoin="round"'
    land = "".join(f'<path d="{d}"/>' for iso3, d in paths.items() if iso3 not in fills)
    served = "".join(
        f'<path d="{paths[iso3]}" fill="{colour}"/>'
        for iso3, colour in fills.items()
        if iso3 in paths
    )
    out = [
        f'<g fill="{style.LAND}" stroke="{style.BORDER}" stroke-width="0.5" {edge}>{land}</g>',
        f'<g stroke="{style.SERVED_EDGE}" stroke-width="0.8" {edge}>{served}</g>',
    ]
    if chosen in paths:
        out.append(
            f'<path d="{paths[chosen]}" fill="none" stroke="{style.HIGHLIGHT}"'
            f' stroke-width="3" {edge}/>'
        )
    return "".join(out)


def _dots(atlas: Atlas, fills: dict[str, str], unit: float) -> str:
    """Served countries too small for the outlines, as dots in their count colour."""
    small = atlas.countries.loc[[iso3 for iso3 in fills if iso3 not in country_paths()]]
    small = small[small["latitude"].notna()]
    x, y = natural_earth(small["longitude"].to_numpy(float), small["latitude"].to_numpy(float))
    return "".join(
        f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{4 * unit:.2f}" fill="{fills[iso3]}"'
        f' stroke="{style.SERVED_EDGE}" stroke-width="{unit:.2f}"/>'
        for iso3, a, b in zip(small.index, x, y, strict=True)
    )


def _markers(network: Network, selection: Selection, unit: float) -> str:
    """Each headquarters in view, in its partner's colour, ringed white then black."""
    partners = network.partners.loc[list(selection.partners)]
    placed = partners[partners["latitude"].notna()]
    x, y = natural_earth(placed["longitude"].to_numpy(float), placed["latitude"].to_numpy(float))
    return "".join(
        f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{8.5 * unit:.2f}" fill="{style.HALO}"/>'
        f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{6 * unit:.2f}" fill="{colour}"'
        f' stroke="{style.CASING}" stroke-width="{1.5 * unit:.2f}"/>'
        for colour, a, b in zip(placed["colour"], x, y, strict=True)
    )
