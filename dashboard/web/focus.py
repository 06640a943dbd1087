"""Clicks that pick something: a marker or a card title focuses its partner, a country
selects it; the cards show which partner is in focus."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, ctx, no_update

from dashboard.state import known_value
from dashboard.web import ids
from dashboard.web.context import Context


def register(app: Dash, context: Context) -> None:
    known = context.known

    @app.callback(
        output={
            "focus": Output(ids.FOCUS, "data", allow_duplicate=True),
            "country": Output(ids.COUNTRY, "value", allow_duplicate=True),
        },
        inputs={
            "click": Input(ids.MAP, "clickData"),
            "card_clicks": Input({"type": ids.CARD_FOCUS, "id": ALL}, "n_clicks"),
            "focus": State(ids.FOCUS, "data"),
        },
        prevent_initial_call=True,
    )
    def focus_or_select(click, card_clicks, focus):
        """A marker or card click focuses its partner (again: unfocuses); a country
        click selects that country."""
        on_map = ctx.triggered_id == ids.MAP
        picked = clicked_value(click) if on_map else clicked_card()
        if known_value(picked, known.partner_set):
            return {"focus": None if picked == focus else picked, "country": no_update}
        if on_map and known_value(picked, known.countries):
            return {"focus": no_update, "country": picked}
        return {"focus": no_update, "country": no_update}

    app.clientside_callback(
        """function (focus, tour, view) {
            const toured = view && view.tour && tour && tour.active;
            const chosen = toured ? tour.focus : focus;
            const outputs = window.dash_clientside.callback_context.outputs_list;
            const cards = outputs[0].map(o => o.id.id);
            return [
                cards.map(id => id === chosen ? "card focused" : "card"),
                cards.map(id => id === chosen ? "true" : "false"),
            ];
        }""",
        Output({"type": ids.CARD, "id": ALL}, "className"),
        Output({"type": ids.CARD_FOCUS, "id": ALL}, "aria-pressed"),
        Input(ids.FOCUS, "data"),
        Input(ids.TOUR, "data"),
        Input(ids.VIEW, "data"),
        prevent_initial_call=True,
    )


def clicked_value(click: object) -> object:
    """The customdata of the map point clicked: a partner id or an ISO code."""
    points = click.get("points") if isinstance(click, dict) else None
    point = points[0] if isinstance(points, list) and points else None
    return point.get("customdata") if isinstance(point, dict) else None


def clicked_card() -> object:
    """The partner id of the card title clicked; None when the cards were only redrawn."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered[0]["value"]:
        return None
    return trigger.get("id")
