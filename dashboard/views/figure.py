"""The map: a choropleth of how many partners serve each country, a marker at each
geocoded headquarters, and lines from the partner in focus to the countries it serves.

The figure is built as a plain dict (what dcc.Graph takes), skipping plotly's
per-property validation, which costs more than everything else here together on a
large network. Its traces stand in fixed slots, so a change of focus can be sent as
a small Patch of two traces instead of the whole figure (see `focus_patch`).
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

import numpy as np
import pandas as pd

from dashboard.atlas import Atlas
from dashboard.data.schema import HQ_BASES
from dashboard.network import Network
from dashboard.state import FilterState
from dashboard.views import style
from dashboard.views.selection import Selection

WORLD_LAT_RANGE = (-58.0, 84.0)  # Antarctica serves no partner; leave it off the map
REGION_PADDING = 6.0  # degrees around a region's countries
MIN_SPAN = 24.0  # degrees: never zoom in so far that a country has no context
FRAME_ASPECT = 1.8  # width / height of the map on a laptop or projector
MAX_DISTINCT_MARKERS = 12  # more partners than this: markers per place, sized by count
HOVER_PARTNERS = 8  # partners a country's hover lists by name before "and N more"

# The figure's trace slots.
CHOROPLETH, DOTS, FOCUS_OUTLINE, FOCUS_LINES, COUNTRY_OUTLINE, MARKERS = range(6)
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def partner_label(partner: pd.Series) -> str:
    """The short name people know a partner by: its acronym, else its name."""
    return partner["acronym"] or partner["name"]


@lru_cache(maxsize=8)
def partner_labels(network: Network) -> pd.Series:
    """Each partner's label, by id."""
    partners = network.partners
    labels = partners["acronym"].where(partners["acronym"] != "", partners["name"])
    return pd.Series(labels.to_numpy(), index=partners["id"].to_numpy())


@lru_cache(maxsize=8)
def _hover_lines(network: Network) -> pd.Series:
    """Each link as a hover line, "EASC: named in the source", aligned to network.links."""
    links = network.links
    labels = links["partner_id"].map(partner_labels(network)).map(escape)
    basis = np.where(
        links["basis"] == "named",
        "named in the source",
        "in " + links["area"].map(escape) + ", a region the source names",
    )
    return labels + ": " + basis


def map_figure(network: Network, atlas: Atlas, state: FilterState, selection: Selection) -> dict:
    """The whole map for a filter state."""
    counts = selection.counts.merge(
        atlas.countries[["name", "latitude", "longitude", "shaped"]],
        left_on="iso3",
        right_index=True,
        how="left",
    )
    max_count = int(counts["partners"].max()) if len(counts) else 1
    hover = _country_hover(network, selection.links, counts)
    shaped = counts[counts["shaped"]]
    dots = counts[~counts["shaped"] & counts["latitude"].notna()]
    outline, lines = focus_traces(network, atlas, state, selection)
    data = [
        _choropleth(shaped, hover),
        _small_countries(dots, hover),
        outline,
        lines,
        _outline([state.country] if state.country else [], "selected-country", width=3),
        *_headquarters(network, selection, big=state.present),
    ]
    return {
        "data": data,
        "layout": {
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "font": {
                "family": FONT,
                "size": 20 if state.present else 14,
                "color": "#000000" if state.present else "#1d2327",
            },
            "coloraxis": _colour_axis(max_count, state.present),
            # The legend of markers is HTML under the map (views.cards.legend): it wraps
            # on phones, reads out to screen readers, and names partners without a marker.
            "showlegend": False,
            "geo": geo_layout(network, atlas, state, selection),
            "clickmode": "event",
            "hoverlabel": {"align": "left"},
            "uirevision": state.region or "world",
        },
    }


def focus_traces(
    network: Network, atlas: Atlas, state: FilterState, selection: Selection
) -> tuple[dict, dict]:
    """The focused partner's countries outlined, and lines to them from its headquarters
    (both empty without a focus): the FOCUS_OUTLINE and FOCUS_LINES slots."""
    served: list[str] = []
    lat: list[float | None] = []
    lon: list[float | None] = []
    if state.focus in selection.partners:
        links = selection.links
        served = list(links.loc[links["partner_id"] == state.focus, "iso3"])
        partner = network.partners.loc[network.partners["id"] == state.focus].iloc[0]
        if not pd.isna(partner["latitude"]):
            points = atlas.countries.loc[served, ["latitude", "longitude"]].dropna()
            for country_lat, country_lon in points.itertuples(index=False):
                lat += [partner["latitude"], country_lat, None]
                lon += [partner["longitude"], country_lon, None]
    lines = {
        "type": "scattergeo",
        "name": "served from headquarters",
        "lat": lat,
        "lon": lon,
        "mode": "lines",
        "line": {"color": style.LINE, "width": 1.2},
        "opacity": 0.7,
        "hoverinfo": "skip",
        "showlegend": False,
    }
    return _outline(served, "focus-countries", width=1.6), lines


def focus_patch(
    network: Network, atlas: Atlas, state: FilterState, selection: Selection, patch
) -> None:
    """Write a change of focus into a dash Patch of the figure: two traces, and the
    view when a tour flies to the partner."""
    outline, lines = focus_traces(network, atlas, state, selection)
    patch["data"][FOCUS_OUTLINE] = outline
    patch["data"][FOCUS_LINES] = lines
    patch["layout"]["geo"] = geo_layout(network, atlas, state, selection)


def _colour_axis(max_count: int, present: bool) -> dict:
    return {
        "colorscale": style.count_colourscale(max_count),
        "cmin": 0.5,
        "cmax": max_count + 0.5,
        "colorbar": {
            "title": {
                "text": "Partners<br>serving",
                "side": "top",
                "font": {"size": 18 if present else 12},
            },
            "tickvals": _ticks(max_count),
            "ticks": "",
            "thickness": 20 if present else 12,
            # In pixels, so the scale stays readable on a phone's short map.
            "lenmode": "pixels",
            "len": min((40 if present else 26) * max_count + 10, 200),
            "x": 0.0,
            "xanchor": "left",
            "y": 0.35,
            "bgcolor": "rgba(255,255,255,0.8)",
        },
    }


def _ticks(max_count: int) -> list[int]:
    if max_count <= 8:
        return list(range(1, max_count + 1))
    step = int(np.ceil(max_count / 6))
    return [1, *range(step, max_count + 1, step)]


def _choropleth(counts: pd.DataFrame, hover: pd.Series) -> dict:
    return {
        "type": "choropleth",
        "name": "countries served",
        "locations": list(counts["iso3"]),
        "locationmode": "ISO-3",
        "z": counts["partners"].tolist(),
        "coloraxis": "coloraxis",
        "customdata": list(counts["iso3"]),
        "text": list(hover.reindex(counts["iso3"])),
        "hovertemplate": "%{text}<extra></extra>",
        "marker": {"line": {"color": "#ffffff", "width": 0.6}},
        "showlegend": False,
    }


def _small_countries(counts: pd.DataFrame, hover: pd.Series) -> dict:
    """Countries too small for the 110m outlines, drawn as dots in the same colours."""
    return {
        "type": "scattergeo",
        "name": "small countries served",
        "lat": counts["latitude"].tolist(),
        "lon": counts["longitude"].tolist(),
        "mode": "markers",
        "marker": {
            "size": 9,
            "color": counts["partners"].tolist(),
            "coloraxis": "coloraxis",
            "line": {"color": "#ffffff", "width": 1},
        },
        "customdata": list(counts["iso3"]),
        "text": list(hover.reindex(counts["iso3"])),
        "hovertemplate": "%{text}<extra></extra>",
        "showlegend": False,
    }


def _country_hover(network: Network, links: pd.DataFrame, counts: pd.DataFrame) -> pd.Series:
    """Per country: its name, how many partners serve it, and each with its basis (the
    first HOVER_PARTNERS of them, then how many more)."""
    lines = _hover_lines(network).loc[links.index]
    frame = pd.DataFrame({"iso3": links["iso3"].to_numpy(), "line": lines.to_numpy()})
    listed = frame.groupby("iso3", sort=False).head(HOVER_PARTNERS)
    joined = listed.groupby("iso3", sort=False)["line"].agg("<br>".join)
    counts = counts.set_index("iso3")
    noun = np.where(counts["partners"] == 1, " partner", " partners")
    heads = "<b>" + counts["name"].map(escape) + "</b><br>" + counts["partners"].astype(str) + noun
    more = counts["partners"] - HOVER_PARTNERS
    tails = np.where(more > 0, "<br>and " + more.astype(str) + " more", "")
    return heads + "<br>" + joined.reindex(counts.index).fillna("") + tails


def _headquarters(network: Network, selection: Selection, big: bool = False) -> list[dict]:
    """A trace per partner, each with its own colour and symbol, while there are few;
    past MAX_DISTINCT_MARKERS, one trace with a marker per place sized by its count."""
    partners = network.partners
    shown = partners[partners["id"].isin(selection.partners) & partners["latitude"].notna()]
    if len(shown) > MAX_DISTINCT_MARKERS:
        return [_places(shown, network, big)]
    traces = []
    for partner in shown.itertuples(index=False):
        position = int(np.flatnonzero(partners["id"].to_numpy() == partner.id)[0])
        colour, symbol = style.partner_style(position)
        where = f"{partner.hq_city}, {partner.hq_country_name}"
        text = (
            f"<b>{escape(partner.name)}</b><br>Headquarters: {escape(where)}"
            f"<br>{escape(HQ_BASES.get(partner.hq_basis, ''))}"
        )
        traces.append(
            {
                "type": "scattergeo",
                "name": partner.acronym or partner.name,
                "lat": [partner.latitude],
                "lon": [partner.longitude],
                "mode": "markers",
                "marker": {
                    "size": 24 if big else 15,
                    "color": colour,
                    "symbol": symbol,
                    "line": {"color": "#ffffff", "width": 1.5},
                },
                "customdata": [partner.id],
                "text": [text],
                "hovertemplate": "%{text}<extra></extra>",
            }
        )
    return traces


def _places(shown: pd.DataFrame, network: Network, big: bool) -> dict:
    """Headquarters grouped by place: one marker each, its area by how many are there."""
    labels = partner_labels(network)
    grouped = shown.groupby(["latitude", "longitude"], sort=True)
    places = grouped.agg(
        count=("id", "size"),
        first=("id", "first"),
        city=("hq_city", "first"),
        country=("hq_country_name", "first"),
    ).reset_index()
    first = shown.groupby(["latitude", "longitude"], sort=True).head(5)
    first = first.assign(label=first["id"].map(labels).map(escape))
    names = first.groupby(["latitude", "longitude"], sort=True)["label"].agg(", ".join)
    more = places["count"] - 5
    text = (
        "<b>"
        + (places["city"] + ", " + places["country"]).map(escape)
        + "</b><br>"
        + places["count"].astype(str)
        + " partners' headquarters<br>"
        + names.to_numpy()
        + np.where(more > 0, " and " + more.astype(str) + " more", "")
    )
    return {
        "type": "scattergeo",
        "name": "headquarters",
        "lat": places["latitude"].tolist(),
        "lon": places["longitude"].tolist(),
        "mode": "markers",
        "marker": {
            "size": (np.sqrt(places["count"]) * (7 if big else 5) + 4).round(1).tolist(),
            "color": style.PLACE_COLOUR,
            "opacity": 0.85,
            "line": {"color": "#ffffff", "width": 1},
        },
        # A click on a place with one partner focuses it; a busier place has no single id.
        "customdata": np.where(places["count"] == 1, places["first"], "").tolist(),
        "text": text.tolist(),
        "hovertemplate": "%{text}<extra></extra>",
    }


def _outline(iso3: list[str], name: str, width: float) -> dict:
    return {
        "type": "choropleth",
        "name": name,
        "locations": iso3,
        "locationmode": "ISO-3",
        "z": [1] * len(iso3),
        "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        "showscale": False,
        "marker": {"line": {"color": style.HIGHLIGHT, "width": width}},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def geo_layout(network: Network, atlas: Atlas, state: FilterState, selection: Selection) -> dict:
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
    if state.tour and state.focus in selection.partners:
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
    served = selection.links.loc[selection.links["partner_id"] == pid, "iso3"]
    if served.empty:
        return None
    points = atlas.countries.loc[list(served), ["latitude", "longitude"]].dropna()
    partner = network.partners.loc[network.partners["id"] == pid].iloc[0]
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
