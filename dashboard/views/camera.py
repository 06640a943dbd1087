"""Where the map looks: the world, a chosen region, or the partner a tour shows."""

from __future__ import annotations

import pandas as pd

from dashboard.atlas import Atlas
from dashboard.network import Network
from dashboard.state import EXPLORE, FilterState, Mode
from dashboard.views import style
from dashboard.views.selection import Selection

WORLD_LAT_RANGE = (-58.0, 84.0)  # Antarctica serves no partner; leave it off the map
REGION_PADDING = 6.0  # degrees around a region's countries
MIN_SPAN = 24.0  # degrees: never zoom in so far that a country has no context
FRAME_ASPECT = 1.8  # width / height of the map on a laptop or projector


def geo_layout(
    network: Network, atlas: Atlas, state: FilterState, selection: Selection, mode: Mode = EXPLORE
) -> dict:
    """The map's projection and view: the world, a chosen region, or a toured partner."""
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
        "lataxis": {"range": list(WORLD_LAT_RANGE)},
        "lonaxis": {"range": [-180, 180]},
    }
    if mode.tour and state.focus in selection.partners:
        # A tour flies to each partner: its headquarters and the countries it serves.
        focus = _focus_points(network, atlas, selection, state.focus)
        if focus is not None:
            geo.update(_framed(focus))
        return geo
    region = atlas.region(state.region)
    if region is not None:
        # Zoom to the region's countries on the map; to all of them if none is served
        # (so the view still moves there), leaving out far-flung uninhabited islands.
        drawn = set(selection.links["iso3"].unique()) & region.members
        points = atlas.countries.loc[sorted(drawn or region.members), ["latitude", "longitude"]]
        points = points.dropna()
        if len(points):
            geo.update(_framed(points))
    return geo


def _framed(points: pd.DataFrame) -> dict:
    """Latitude and longitude ranges around the points, widened to the map's shape so
    the zoomed map fills its frame instead of standing in a narrow strip."""
    lat = _padded(points["latitude"], WORLD_LAT_RANGE[0], 90)
    lon = _padded(points["longitude"], -180, 180)
    lat_span, lon_span = lat[1] - lat[0], lon[1] - lon[0]
    if lon_span < lat_span * FRAME_ASPECT:
        middle, half = (lon[0] + lon[1]) / 2, lat_span * FRAME_ASPECT / 2
        lon = [max(-180.0, middle - half), min(180.0, middle + half)]
    elif lat_span < lon_span / FRAME_ASPECT:
        middle, half = (lat[0] + lat[1]) / 2, lon_span / FRAME_ASPECT / 2
        lat = [max(WORLD_LAT_RANGE[0], middle - half), min(90.0, middle + half)]
    return {"lataxis": {"range": lat}, "lonaxis": {"range": lon}}


def _focus_points(
    network: Network, atlas: Atlas, selection: Selection, pid: str
) -> pd.DataFrame | None:
    """The points a tour step shows: the partner's served countries and headquarters.
    None for a partner with no served country: its reach is shown on the world map."""
    served = selection.links_of(pid)["iso3"]
    if served.empty:
        return None
    points = atlas.countries.loc[list(served), ["latitude", "longitude"]].dropna()
    partner = network.partner(pid)
    if not pd.isna(partner["latitude"]):
        hq = pd.DataFrame({"latitude": [partner["latitude"]], "longitude": [partner["longitude"]]})
        points = pd.concat([points, hq], ignore_index=True)
    return points if len(points) else None


def _padded(values: pd.Series, low: float, high: float) -> list[float]:
    start, end = float(values.min()) - REGION_PADDING, float(values.max()) + REGION_PADDING
    if end - start < MIN_SPAN:
        middle = (start + end) / 2
        start, end = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
    return [max(low, start), min(high, end)]
