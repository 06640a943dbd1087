"""Thin callbacks: read the inputs into a FilterState, call the views, return."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, ctx, no_update

from dashboard import ids
from dashboard.atlas import Atlas
from dashboard.layout import render_cards, render_legend
from dashboard.network import Network
from dashboard.state import FilterState
from dashboard.views.cards import cards, legend, summary
from dashboard.views.figure import map_figure
from dashboard.views.selection import select


def register(app: Dash, network: Network, atlas: Atlas) -> None:
    """Attach the callbacks to `app`."""
    partner_ids = set(network.partners["id"])

    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.LEGEND, "children"),
        Output(ids.CARDS, "children"),
        Output(ids.SUMMARY, "children"),
        Input(ids.REGION, "value"),
        Input(ids.COUNTRY, "value"),
        Input(ids.PARTNERS, "value"),
        Input(ids.COUNT_REGIONS, "value"),
        Input(ids.FOCUS, "data"),
    )
    def update_view(region, country, partners, count_regions, focus):
        state = FilterState(
            region=region or None,
            country=country or None,
            partners=tuple(partners or ()),
            focus=focus if focus in partner_ids else None,
            count_regions="on" in (count_regions or ()),
        )
        selection = select(network, atlas, state)
        return (
            map_figure(network, atlas, state, selection),
            render_legend(legend(network, selection)),
            render_cards(cards(network, atlas, state, selection)),
            summary(network, atlas, state, selection),
        )

    @app.callback(
        Output(ids.FOCUS, "data"),
        Output(ids.COUNTRY, "value"),
        Input(ids.MAP, "clickData"),
        Input({"type": ids.CARD_FOCUS, "id": ALL}, "n_clicks"),
        State(ids.FOCUS, "data"),
        prevent_initial_call=True,
    )
    def focus_or_select(click, _card_clicks, focus):
        """A marker or card click focuses its partner (again: unfocuses); a country
        click selects that country."""
        trigger = ctx.triggered_id
        if trigger == ids.MAP:
            point = (click or {}).get("points", [{}])[0]
            value = point.get("customdata")
            if value in partner_ids:
                return (None if value == focus else value), no_update
            if isinstance(value, str) and value in atlas.countries.index:
                return no_update, value
            return no_update, no_update
        if isinstance(trigger, dict) and trigger.get("id") in partner_ids:
            if not ctx.triggered[0]["value"]:
                return no_update, no_update  # the cards were redrawn, not clicked
            return (None if trigger["id"] == focus else trigger["id"]), no_update
        return no_update, no_update

    @app.callback(
        Output(ids.REGION, "value"),
        Output(ids.COUNTRY, "value", allow_duplicate=True),
        Output(ids.PARTNERS, "value"),
        Output(ids.COUNT_REGIONS, "value"),
        Output(ids.FOCUS, "data", allow_duplicate=True),
        Input(ids.CLEAR, "n_clicks"),
        prevent_initial_call=True,
    )
    def clear_all(_clicks):
        return None, None, [], ["on"], None
