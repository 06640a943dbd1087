"""The map: a choropleth of how many partners serve each country, a marker at each
geocoded headquarters, and lines from the partner in focus to the countries it serves."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from dashboard.atlas import Atlas
from dashboard.data.schema import HQ_BASES
from dashboard.network import Network
from dashboard.state import FilterState
from dashboard.views import style
from dashboard.views.selection import Selection
from dashboard.views.text import plural

WORLD_LAT_RANGE = (-58.0, 84.0)  # Antarctica serves no partner; leave it off the map
REGION_PADDING = 6.0  # degrees around a region's countries


def partner_label(partner: pd.Series) -> str:
    """The short name people know a partner by: its acronym, else its name."""
    return partner["acronym"] or partner["name"]


def map_figure(
    network: Network, atlas: Atlas, state: FilterState, selection: Selection
) -> go.Figure:
    """The whole map for a filter state."""
    partners = network.partners.set_index("id", drop=False)
    counts = selection.counts.merge(
        atlas.countries[["name", "latitude", "longitude", "shaped"]],
        left_on="iso3",
        right_index=True,
        how="left",
    )
    max_count = int(counts["partners"].max()) if len(counts) else 1
    hover = _country_hover(selection.links, counts, partners)

    fig = go.Figure()
    shaped = counts[counts["shaped"]]
    fig.add_trace(_choropleth(shaped, hover))
    dots = counts[~counts["shaped"] & counts["latitude"].notna()]
    if len(dots):
        fig.add_trace(_small_countries(dots, hover))
    if state.focus in selection.partners:
        fig.add_traces(_focus_traces(selection, atlas, partners.loc[state.focus]))
    if state.country:
        fig.add_trace(_outline([state.country], "selected-country", width=3))
    fig.add_traces(_headquarters(partners, selection, big=state.present))

    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        font={
            "family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "size": 20 if state.present else 14,
            "color": "#000000" if state.present else "#1d2327",
        },
        coloraxis={
            "colorscale": style.count_colourscale(max_count),
            "cmin": 0.5,
            "cmax": max_count + 0.5,
            "colorbar": {
                "title": {
                    "text": "Partners<br>serving",
                    "side": "top",
                    "font": {"size": 18 if state.present else 12},
                },
                "tickvals": list(range(1, max_count + 1)),
                "ticks": "",
                "thickness": 20 if state.present else 12,
                # In pixels, so the scale stays readable on a phone's short map.
                "lenmode": "pixels",
                "len": (40 if state.present else 26) * max_count + 10,
                "x": 0.0,
                "xanchor": "left",
                "y": 0.35,
                "bgcolor": "rgba(255,255,255,0.8)",
            },
        },
        # The legend of markers is HTML under the map (see views.cards.legend): it wraps
        # on phones, reads out to screen readers, and also names partners without a marker.
        showlegend=False,
        geo=_geo_layout(atlas, state, selection, partners),
        clickmode="event",
        hoverlabel={"align": "left"},
        uirevision=state.region or "world",
    )
    return fig


def _choropleth(counts: pd.DataFrame, hover: pd.Series) -> go.Choropleth:
    return go.Choropleth(
        name="countries served",
        locations=counts["iso3"],
        locationmode="ISO-3",
        z=counts["partners"],
        coloraxis="coloraxis",
        customdata=counts["iso3"],
        text=hover.reindex(counts["iso3"]).to_numpy(),
        hovertemplate="%{text}<extra></extra>",
        marker={"line": {"color": "#ffffff", "width": 0.6}},
        showlegend=False,
    )


def _small_countries(counts: pd.DataFrame, hover: pd.Series) -> go.Scattergeo:
    """Countries too small for the 110m outlines, drawn as dots in the same colours."""
    return go.Scattergeo(
        name="small countries served",
        lat=counts["latitude"],
        lon=counts["longitude"],
        mode="markers",
        marker={
            "size": 9,
            "color": counts["partners"],
            "coloraxis": "coloraxis",
            "line": {"color": "#ffffff", "width": 1},
        },
        customdata=counts["iso3"],
        text=hover.reindex(counts["iso3"]).to_numpy(),
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
    )


def _country_hover(links: pd.DataFrame, counts: pd.DataFrame, partners: pd.DataFrame) -> pd.Series:
    """Per country: its name, how many partners serve it, and each with its basis."""
    lines: dict[str, list[str]] = {}
    for link in links.itertuples(index=False):
        label = escape(partner_label(partners.loc[link.partner_id]))
        basis = (
            "named in the source"
            if link.basis == "named"
            else f"in {escape(link.area)}, a region the source names"
        )
        lines.setdefault(link.iso3, []).append(f"{label}: {basis}")
    texts = {}
    for row in counts.itertuples(index=False):
        head = f"<b>{escape(row.name)}</b><br>{plural(row.partners, 'partner')}"
        texts[row.iso3] = "<br>".join([head, *lines.get(row.iso3, [])])
    return pd.Series(texts, dtype=object)


def _headquarters(
    partners: pd.DataFrame, selection: Selection, big: bool = False
) -> list[go.Scattergeo]:
    """One trace per partner, so the legend names each with its colour and symbol."""
    traces = []
    for position, (pid, partner) in enumerate(partners.iterrows()):
        if pid not in selection.partners or pd.isna(partner["latitude"]):
            continue
        colour, symbol = style.partner_style(position)
        where = f"{partner['hq_city']}, {partner['hq_country_name']}"
        text = (
            f"<b>{escape(partner['name'])}</b><br>Headquarters: {escape(where)}"
            f"<br>{escape(HQ_BASES.get(partner['hq_basis'], ''))}"
        )
        traces.append(
            go.Scattergeo(
                name=partner_label(partner),
                lat=[partner["latitude"]],
                lon=[partner["longitude"]],
                mode="markers",
                marker={
                    "size": 24 if big else 15,
                    "color": colour,
                    "symbol": symbol,
                    "line": {"color": "#ffffff", "width": 1.5},
                },
                customdata=[pid],
                text=[text],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    return traces


def _focus_traces(selection: Selection, atlas: Atlas, partner: pd.Series) -> list:
    """The focused partner's countries outlined, and lines to them from its headquarters."""
    served = selection.links.loc[selection.links["partner_id"] == partner["id"], "iso3"]
    traces: list = [_outline(list(served), "focus-countries", width=1.6)]
    if pd.isna(partner["latitude"]):
        return traces
    points = atlas.countries.loc[list(served), ["latitude", "longitude"]].dropna()
    lat: list[float | None] = []
    lon: list[float | None] = []
    for country in points.itertuples():
        lat += [partner["latitude"], country.latitude, None]
        lon += [partner["longitude"], country.longitude, None]
    traces.append(
        go.Scattergeo(
            name="served from headquarters",
            lat=lat,
            lon=lon,
            mode="lines",
            line={"color": style.LINE, "width": 1.2},
            opacity=0.7,
            hoverinfo="skip",
            showlegend=False,
        )
    )
    return traces


def _outline(iso3: list[str], name: str, width: float) -> go.Choropleth:
    return go.Choropleth(
        name=name,
        locations=iso3,
        locationmode="ISO-3",
        z=[1] * len(iso3),
        colorscale=[(0, "rgba(0,0,0,0)"), (1, "rgba(0,0,0,0)")],
        showscale=False,
        marker={"line": {"color": style.HIGHLIGHT, "width": width}},
        hoverinfo="skip",
        showlegend=False,
    )


def _geo_layout(
    atlas: Atlas, state: FilterState, selection: Selection, partners: pd.DataFrame
) -> dict:
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
        focus = _focus_points(selection, atlas, partners.loc[state.focus])
        if focus is not None:
            geo.update(_framed(focus))
        return geo
    region = atlas.region(state.region)
    if region is not None:
        # Zoom to the region's countries on the map; to all of them if none is served
        # (so the view still moves there), leaving out far-flung uninhabited islands.
        drawn = set(selection.links["iso3"]) & region.members
        points = atlas.countries.loc[sorted(drawn or region.members), ["latitude", "longitude"]]
        points = points.dropna()
        if len(points):
            geo.update(_framed(points))
    return geo


FRAME_ASPECT = 1.8  # width / height of the map on a laptop or projector


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


def _focus_points(selection: Selection, atlas: Atlas, partner: pd.Series) -> pd.DataFrame | None:
    """The points a tour step shows: the partner's served countries and headquarters.
    None for a partner with no served country: its reach is shown on the world map."""
    served = selection.links.loc[selection.links["partner_id"] == partner["id"], "iso3"]
    if served.empty:
        return None
    points = atlas.countries.loc[list(served), ["latitude", "longitude"]].dropna()
    if not pd.isna(partner["latitude"]):
        hq = pd.DataFrame({"latitude": [partner["latitude"]], "longitude": [partner["longitude"]]})
        points = pd.concat([points, hq], ignore_index=True)
    return points if len(points) else None


MIN_SPAN = 24.0  # degrees: never zoom in so far that a country has no context


def _padded(values: pd.Series, low: float, high: float) -> list[float]:
    start, end = float(values.min()) - REGION_PADDING, float(values.max()) + REGION_PADDING
    if end - start < MIN_SPAN:
        middle = (start + end) / 2
        start, end = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
    return [max(low, start), min(high, end)]
