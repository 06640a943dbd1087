"""The naive baseline: the straightforward Dash version of the same screen.

What a first version usually looks like: the same data and filters, but every
filter change rebuilds a plotly.express choropleth and scatter map from the full
frame, renders a card for every partner in the selection, and sends the whole
figure back. The full plotly.js bundle, no compression. It shares the loader and
the offline map outlines, so the two apps differ only in how they serve the page.

    PARTNER_MAP_DATA_DIR=/tmp/net-1000 gunicorn bench.baseline_app:server
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html

from dashboard.atlas import ASSETS_DIR, load_atlas
from dashboard.config import default_data_dir
from dashboard.network import load_network

REGION, COUNTRY, PARTNERS, FOCUS, COUNT_REGIONS = (
    "filter-region",
    "filter-country",
    "filter-partners",
    "filter-focus",
    "filter-count-regions",
)


def create_baseline(data_dir: Path | None = None) -> Dash:
    network = load_network(data_dir or default_data_dir())
    atlas = load_atlas()
    countries = atlas.countries.reset_index()
    links = network.links.merge(countries, on="iso3")
    partners = network.partners
    app = Dash(
        __name__,
        assets_folder=str(ASSETS_DIR),
        # Only the map outlines from assets/: no geo-only bundle, no style sheet, no
        # keyboard script. Dash then loads its own full plotly.js.
        assets_ignore=r".*\.(js|css)$",
    )
    app.layout = html.Div(
        [
            html.H1("Partner network"),
            dcc.Dropdown(
                id=REGION,
                options=sorted(set(countries["region"]) | set(countries["subregion"]) - {""}),
            ),
            dcc.Dropdown(id=COUNTRY, options=sorted(links["iso3"].unique())),
            dcc.Dropdown(id=PARTNERS, options=list(partners["id"]), multi=True),
            dcc.Dropdown(id=FOCUS, options=list(partners["id"])),
            dcc.Checklist(id=COUNT_REGIONS, options=["on"], value=["on"]),
            dcc.Graph(id="map", config={"topojsonURL": app.get_asset_url("topojson/")}),
            html.Div(id="cards"),
        ]
    )

    @app.callback(
        Output("map", "figure"),
        Output("cards", "children"),
        Input(REGION, "value"),
        Input(COUNTRY, "value"),
        Input(PARTNERS, "value"),
        Input(FOCUS, "value"),
        Input(COUNT_REGIONS, "value"),
    )
    def update(region, country, chosen, focus, count_regions):
        frame = links
        if "on" not in (count_regions or []):
            frame = frame[frame["basis"] == "named"]
        if region:
            frame = frame[(frame["region"] == region) | (frame["subregion"] == region)]
        if chosen:
            frame = frame[frame["partner_id"].isin(chosen)]
        if country:
            frame = frame[
                frame["partner_id"].isin(frame.loc[frame["iso3"] == country, "partner_id"])
            ]
        counts = frame.groupby(["iso3", "name"]).size().reset_index(name="partners")
        fig = px.choropleth(
            counts,
            locations="iso3",
            color="partners",
            hover_name="name",
            color_continuous_scale="Blues",
            projection="natural earth",
        )
        selected = partners[partners["id"].isin(frame["partner_id"])]
        markers = px.scatter_geo(
            selected.dropna(subset=["latitude"]),
            lat="latitude",
            lon="longitude",
            hover_name="name",
            hover_data=["hq_city", "hq_country_name", "hq_basis"],
        )
        fig.add_traces(markers.data)
        if focus:
            served = frame[frame["partner_id"] == focus]
            hq = partners[partners["id"] == focus]
            if len(hq) and not pd.isna(hq["latitude"].iloc[0]):
                for _, row in served.iterrows():
                    fig.add_scattergeo(
                        lat=[hq["latitude"].iloc[0], row["latitude"]],
                        lon=[hq["longitude"].iloc[0], row["longitude"]],
                        mode="lines",
                        showlegend=False,
                    )
        cards = [
            html.Div(
                [html.H3(p["name"]), html.P(p["description"]), html.P(p["hq_city"])],
                className="card",
            )
            for _, p in selected.iterrows()
        ]
        return fig, cards

    return app


@cache
def _server():
    return create_baseline().server


def __getattr__(name: str):
    if name == "server":
        return _server()
    raise AttributeError(name)
