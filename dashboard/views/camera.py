"""Where the map looks: the world, a chosen region, or the partner a tour shows."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from dashboard.atlas import (
    EXTENT_COLUMNS,
    Atlas,
    outlines,
    ring_area,  # the atlas's own weighing of a country's parts
)
from dashboard.network import Network
from dashboard.state import EXPLORE, FilterState, Mode
from dashboard.views import style
from dashboard.views.projection import latitude_at, x_factor, y_of
from dashboard.views.selection import Selection

WORLD_LAT_RANGE = (-58.0, 84.0)  # Antarctica serves no partner; leave it off the map
PADDING = 3.0  # degrees around what a zoomed view shows
MIN_SPAN = 24.0  # degrees: never zoom in so far that a country has no context
# A tour step with nothing but a headquarters (a partner whose reach is worldwide, no
# country named) shows this much around it: its country and neighbours, enough to
# read where on Earth it is, not one country's colour filling the screen.
ALONE_SPAN = 50.0
# A tour step holds each served country whole, but for its specks: its polygons of at
# least this share of its largest's area (Alaska, 18% of the contiguous United
# States, is in; Hawaii and the Aleutians, crossing the date line, are not).
TOUR_PART = 0.1
# In presenter mode the colour scale (top left) and the note on what the map cannot
# draw (top centre) stand in the top of the map (views/figure.py): a tour step keeps
# its countries below them, in the rest. 18 px type makes the scale about 190 px tall,
# 30% of a 1024x768 projector's map; the band stops at POLAR (the view then reaches
# it), so a country far north (Alaska) keeps the frame filled.
TOP_BAND = 0.34
POLAR = 83.0  # degrees of latitude past which a view is moved south where it can
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
        touring = mode.tour and state.focus in selection.partners
        alone = touring and not len(selection.links_of(state.focus))
        geo.update(
            _framed(
                boxes,
                mode.aspect * width * DEGREE_SHAPE,
                top=TOP_BAND if touring and mode.present else 0.0,
                span=ALONE_SPAN if alone else MIN_SPAN,
            )
        )
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
        boxes = _country_boxes(atlas, selection.links_of(state.focus)["iso3"], whole=True)
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


def _country_boxes(atlas: Atlas, iso3, whole: bool = False) -> pd.DataFrame:
    """The countries' outlines' extents (their mainland, or `whole`: all but their specks);
    a point for a country too small to outline."""
    boxes, codes = _whole_boxes(atlas) if whole else _every_box(atlas)
    rows = codes.get_indexer(list(iso3))
    return _boxes(boxes[rows[rows >= 0]]).dropna()  # a code the atlas lacks has no box


@cache
def _every_box(atlas: Atlas) -> tuple[np.ndarray, pd.Index]:
    """Every country's box, worked out once: a view reads the rows it needs by position."""
    countries = atlas.countries
    point = countries[["longitude", "latitude", "longitude", "latitude"]].to_numpy()
    extent = countries[list(EXTENT_COLUMNS)].to_numpy()
    return np.where(np.isnan(extent), point, extent), countries.index


@cache
def _whole_boxes(atlas: Atlas) -> tuple[np.ndarray, pd.Index]:
    """Every country's box around its polygons of TOUR_PART of its largest or more;
    the atlas's box where the outlines have none."""
    boxes, codes = _every_box(atlas)
    boxes = boxes.copy()
    for iso3, polygons in outlines().items():
        if iso3 in codes:
            rings = [polygon[0] for polygon in polygons]
            areas = np.array([ring_area(ring) for ring in rings])
            kept = np.vstack(
                [r for r, a in zip(rings, areas, strict=True) if a >= TOUR_PART * areas.max()]
            )
            boxes[codes.get_loc(iso3)] = [*kept.min(axis=0), *kept.max(axis=0)]
    return boxes, codes


def _boxes(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(EXTENT_COLUMNS), dtype=float)


def _framed(boxes: pd.DataFrame, aspect: float, top: float = 0.0, span: float = MIN_SPAN) -> dict:
    """Latitude and longitude ranges around the boxes, widened to the map's shape so
    the zoomed map fills its frame instead of standing in a narrow strip; with `top`,
    that share of the frame's height is left above them (for what stands there)."""
    lat = _padded(boxes["south"].min(), boxes["north"].max(), WORLD_LAT_RANGE[0], 90, span)
    west, east = lon_window(boxes["west"].to_numpy(), boxes["east"].to_numpy())
    # The map's edges: the 180th meridian, or, for a view across it, a turn of the globe.
    edges = (-180.0, 180.0) if east <= 180 else (east - 360, west + 360)
    lon = _padded(west, east, *edges, span)
    # Natural Earth squeezes the latitudes near the pole, so a view reaching past
    # POLAR stands short in its frame: the band above the boxes is what fits below it.
    top = min(top, max(0.0, (POLAR - lat[1]) / (POLAR - lat[0])))
    lon, lat = _widened(lon, lat, aspect / (1 - top), edges)
    lat[1] = min(90.0, lat[1] + (lat[1] - lat[0]) * top / (1 - top))
    # Where the boxes leave room under the band, the view moves south of POLAR.
    slack = lat[1] - (lat[1] - lat[0]) * top - (boxes["north"].max() + PADDING)
    shift = max(0.0, min(lat[1] - POLAR, slack))
    lat = [lat[0] - shift, lat[1] - shift]
    if top:  # a tour's frame, far north or south: fitted to the projection's own shape
        lon, lat = _projected_fit(lon, lat, aspect / DEGREE_SHAPE, edges)
    return {"lataxis": {"range": lat}, "lonaxis": {"range": lon}}


def _projected_fit(
    lon: list[float], lat: list[float], shape: float, edges: tuple[float, float]
) -> tuple[list, list]:
    """The ranges widened until Natural Earth draws them `shape` (width / height) on
    screen: plotly.js fits the drawn range to the frame, so a range of another shape
    leaves bands of the frame empty. DEGREE_SHAPE is near it at middle latitudes; far
    north, the projection squeezes the latitudes and a range draws wider."""
    for _ in range(4):
        drawn = _drawn_shape(lon, lat)
        if drawn > shape * 1.01:  # too wide: more latitude, to the south (the band's above)
            height = np.radians(lon[1] - lon[0]) * x_factor(_nearest_equator(lat)) / shape
            south = latitude_at(y_of(lat[1]) - height)
            lat = [max(WORLD_LAT_RANGE[0], south), lat[1]]
        elif drawn < shape / 1.01:  # too tall: more longitude, about the middle
            wider = (lon[1] - lon[0]) / (lat[1] - lat[0]) * shape / drawn
            lon = _widened(lon, lat, wider, edges)[0]
    return lon, lat


def _drawn_shape(lon: list[float], lat: list[float]) -> float:
    """Width over height of a range as Natural Earth draws it: widest at the latitude
    nearest the equator."""
    width = np.radians(lon[1] - lon[0]) * x_factor(_nearest_equator(lat))
    return width / (y_of(lat[1]) - y_of(lat[0]))


def _nearest_equator(lat: list[float]) -> float:
    return 0.0 if lat[0] <= 0 <= lat[1] else min(abs(lat[0]), abs(lat[1]))


def _widened(
    lon: list[float], lat: list[float], aspect: float, edges: tuple[float, float]
) -> tuple[list, list]:
    """The ranges widened about their middle to `aspect` (longitude over latitude),
    longitude within the map's `edges`."""
    lat_span, lon_span = lat[1] - lat[0], lon[1] - lon[0]
    if lon_span < lat_span * aspect:
        middle, half = (lon[0] + lon[1]) / 2, lat_span * aspect / 2
        lon = [max(edges[0], middle - half), min(edges[1], middle + half)]
    elif lat_span < lon_span / aspect:
        middle, half = (lat[0] + lat[1]) / 2, lon_span / aspect / 2
        lat = [max(WORLD_LAT_RANGE[0], middle - half), min(90.0, middle + half)]
    return lon, lat


def _padded(start: float, end: float, low: float, high: float, span: float) -> list[float]:
    start, end = float(start) - PADDING, float(end) + PADDING
    if end - start < span:
        middle = (start + end) / 2
        start, end = middle - span / 2, middle + span / 2
    return [max(low, start), min(high, end)]
