"""Where the map looks: the world, a chosen region, or the partner a tour shows."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from dashboard.atlas import EXTENT_COLUMNS, Atlas
from dashboard.network import Network
from dashboard.state import EXPLORE, FilterState, Mode
from dashboard.views import style
from dashboard.views.selection import Selection

WORLD_LAT_RANGE = (-58.0, 84.0)  # Antarctica serves no partner; leave it off the map
PADDING = 3.0  # degrees around what a zoomed view shows
MIN_SPAN = 24.0  # degrees: never zoom in so far that a country has no context
# Natural Earth draws a degree of latitude taller than a degree of longitude is wide
# (about 1.2 times, measured in the browser at the latitudes partners serve), so a
# frame's shape in degrees is its shape on screen times this.
DEGREE_SHAPE = 1.2
STAGE_SPLIT = 0.72  # presenter mode: the map's share of the frame's width beside the card


def geo_layout(
    network: Network, atlas: Atlas, state: FilterState, selection: Selection, mode: Mode = EXPLORE
) -> dict:
    """The map's projection and view: the world, a chosen region, or a toured partner."""
    width = STAGE_SPLIT if staged(state, selection, mode) else 1.0
    geo = {
        "projection": {"type": "natural earth"},
        # Plotly 7 fits geo maps to their data by default; the world view is fixed instead.
        "fitbounds": False,
        "showframe": False,
        "showcoastlines": False,
        "showcountries": True,
        "countrycolor": style.BORDER,
        "countrywidth": 0.5,
        "showland": True,
        "landcolor": style.LAND,
        "showocean": False,
        "showlakes": False,
        "bgcolor": "rgba(0,0,0,0)",
        # Beside the presenter's card, the map draws in the part of the frame left free.
        "domain": {"x": [0.0, width], "y": [0.0, 1.0]},
        "lataxis": {"range": list(WORLD_LAT_RANGE)},
        "lonaxis": {"range": [-180, 180]},
    }
    boxes = _shown_boxes(network, atlas, state, selection, mode)
    if boxes is not None and len(boxes):
        # Widened to the shape of the frame on this screen, so the map fills it.
        geo.update(_framed(boxes, mode.aspect * width * DEGREE_SHAPE))
    elif state.focus in selection.partners:
        geo["lonaxis"] = {"range": _world_around(network, atlas, state, selection)}
    return geo


def _world_around(
    network: Network, atlas: Atlas, state: FilterState, selection: Selection
) -> list[float]:
    """The world's longitudes, turned so that no line from the partner in focus to a
    country it serves is cut by the map's edge (Beijing to Samoa crosses the 180th
    meridian: on the usual map it left at the right and came back in at the left)."""
    partner = network.partner(state.focus)
    if pd.isna(partner["longitude"]):
        return [-180.0, 180.0]
    served = atlas.countries.loc[selection.links_of(state.focus)["iso3"], "longitude"]
    lon = np.append(served.dropna().to_numpy(dtype=float), partner["longitude"])
    west, east = lon_window(lon, lon)
    if east <= 180:
        return [-180.0, 180.0]
    middle = (west + east) / 2
    return [middle - 180, middle + 180]


def lon_window(west: np.ndarray, east: np.ndarray) -> tuple[float, float]:
    """The shortest stretch of longitude, eastwards, that holds every interval
    (west[i], east[i]) of [-180, 180]: past 180 where it crosses the 180th meridian
    (Fiji and Samoa: 177 to 188), as plotly.js takes a range past it."""
    order = np.argsort(west)
    west, east = np.asarray(west, float)[order], np.asarray(east, float)[order]
    reach = np.maximum.accumulate(east)
    # The gaps between what the intervals cover, the last the one across 180.
    gaps = np.append(west[1:] - reach[:-1], west[0] + 360 - reach[-1])
    widest = int(np.argmax(gaps))
    if gaps[widest] <= gaps[-1]:
        return float(west[0]), float(reach[-1])
    return float(west[widest + 1]), float(reach[widest] + 360)


def staged(state: FilterState, selection: Selection, mode: Mode) -> bool:
    """Whether the presenter's card of the partner in focus stands beside the map."""
    return mode.present and state.focus in selection.partners


def _shown_boxes(
    network: Network, atlas: Atlas, state: FilterState, selection: Selection, mode: Mode
) -> pd.DataFrame | None:
    """What a zoomed view must hold, as boxes (west, south, east, north); None for the world."""
    if mode.tour and state.focus in selection.partners:
        # A tour flies to each partner: its headquarters and the countries it serves
        # (worldwide reach is written on the map: figure.focus_notes). With neither,
        # the world.
        boxes = _country_boxes(atlas, selection.links_of(state.focus)["iso3"])
        partner = network.partner(state.focus)
        if not pd.isna(partner["latitude"]):
            hq = _boxes([(partner["longitude"], partner["latitude"]) * 2])
            boxes = pd.concat([boxes, hq], ignore_index=True) if len(boxes) else hq
        return boxes if len(boxes) else None
    region = atlas.region(state.region)
    if region is None:
        return None
    # Zoom to the region's countries on the map; to all of them if none is served
    # (so the view still moves there).
    drawn = set(selection.counts["iso3"].tolist()) & region.members
    return _country_boxes(atlas, sorted(drawn or region.members))


def _country_boxes(atlas: Atlas, iso3) -> pd.DataFrame:
    """The countries' outlines' extents; a point for a country too small to outline."""
    boxes, codes = _every_box(atlas)
    rows = codes.get_indexer(list(iso3))
    return _boxes(boxes[rows[rows >= 0]]).dropna()  # a code the atlas lacks has no box


@cache
def _every_box(atlas: Atlas) -> tuple[np.ndarray, pd.Index]:
    """Every country's box, worked out once: a view reads the rows it needs by position."""
    countries = atlas.countries
    point = countries[["longitude", "latitude", "longitude", "latitude"]].to_numpy()
    extent = countries[list(EXTENT_COLUMNS)].to_numpy()
    return np.where(np.isnan(extent), point, extent), countries.index


def _boxes(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(EXTENT_COLUMNS), dtype=float)


def _framed(boxes: pd.DataFrame, aspect: float) -> dict:
    """Latitude and longitude ranges around the boxes, widened to the map's shape so
    the zoomed map fills its frame instead of standing in a narrow strip."""
    lat = _padded(boxes["south"].min(), boxes["north"].max(), WORLD_LAT_RANGE[0], 90)
    west, east = lon_window(boxes["west"].to_numpy(), boxes["east"].to_numpy())
    # The map's edges: the 180th meridian, or, for a view across it, a turn of the globe.
    low, high = (-180.0, 180.0) if east <= 180 else (east - 360, west + 360)
    lon = _padded(west, east, low, high)
    lat_span, lon_span = lat[1] - lat[0], lon[1] - lon[0]
    if lon_span < lat_span * aspect:
        middle, half = (lon[0] + lon[1]) / 2, lat_span * aspect / 2
        lon = [max(low, middle - half), min(high, middle + half)]
    elif lat_span < lon_span / aspect:
        middle, half = (lat[0] + lat[1]) / 2, lon_span / aspect / 2
        lat = [max(WORLD_LAT_RANGE[0], middle - half), min(90.0, middle + half)]
    return {"lataxis": {"range": lat}, "lonaxis": {"range": lon}}


def _padded(start: float, end: float, low: float, high: float) -> list[float]:
    start, end = float(start) - PADDING, float(end) + PADDING
    if end - start < MIN_SPAN:
        middle = (start + end) / 2
        start, end = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
    return [max(low, start), min(high, end)]
