"""Clicks that pick something: a marker, a card title or a point of the timeline
focuses its partner, a country selects it; the cards show which partner is in focus."""

from __future__ import annotations

from dash import Dash, Input, Output, State, no_update

from dashboard.state import known_value
from dashboard.web import ids
from dashboard.web.context import Context

# A card title's or a timeline point's click (Markup's `picked`): its partner in
# focus, or out of it when it already was.
FOCUS_PICKED = """function (picked, focus) {
    if (!picked || !picked.value) { return window.dash_clientside.no_update; }
    return picked.value === focus ? null : picked.value;
}"""
# The card of the partner in focus (the tour's, while it runs) is marked as such.
MARK_FOCUSED_CARD = """function (focus, tour, view) {
    const toured = view && view.tour && tour && tour.active;
    return (toured ? tour.focus : focus) || null;
}"""


def register(app: Dash, context: Context) -> None:
    known = context.known

    @app.callback(
        output={
            "focus": Output(ids.FOCUS, "data", allow_duplicate=True),
            "country": Output(ids.COUNTRY, "value", allow_duplicate=True),
        },
        inputs={"click": Input(ids.MAP, "clickData"), "focus": State(ids.FOCUS, "data")},
        prevent_initial_call=True,
    )
    def focus_or_select(click, focus):
        """A marker click focuses its partner (again: unfocuses); a country click
        selects that country."""
        picked = clicked_value(click)
        if known_value(picked, known.partner_set):
            return {"focus": None if picked == focus else picked, "country": no_update}
        if known_value(picked, known.countries):
            return {"focus": no_update, "country": picked}
        return {"focus": no_update, "country": no_update}

    # A click on a card title or a timeline point focuses its partner in the browser.
    # (On the server, a click made just before the cards were redrawn was lost: Dash
    # dropped the answer of the replaced button.)
    for picker in (ids.CARDS, ids.TIMELINE):
        app.clientside_callback(
            FOCUS_PICKED,
            Output(ids.FOCUS, "data", allow_duplicate=True),
            Input(picker, "picked"),
            State(ids.FOCUS, "data"),
            prevent_initial_call=True,
        )

    app.clientside_callback(
        MARK_FOCUSED_CARD,
        Output(ids.CARDS, "pressed"),
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
