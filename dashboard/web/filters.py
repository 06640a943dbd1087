"""The filter panel's own buttons: "Clear all", each dropdown's clear button, the
region-links switch, and the button that folds the panel away on phones and in iframes."""

from __future__ import annotations

from dash import Dash, Input, Output, State

from dashboard.state import EXPLORE, FilterState
from dashboard.web import controls, ids
from dashboard.web.context import Context

CLEARED = ("region", "country", "partners", "count_regions", "focus")


def register(app: Dash, context: Context) -> None:
    @app.callback(
        output=controls.outputs(CLEARED, duplicate=True),
        inputs={"clicks": Input(ids.CLEAR, "n_clicks")},
        prevent_initial_call=True,
    )
    def clear_all(clicks):
        values = controls.control_values(FilterState(), EXPLORE)
        return {name: values[name] for name in CLEARED}

    @app.callback(
        Output(ids.COUNT_REGIONS, "data", allow_duplicate=True),
        Input(ids.COUNT_REGIONS_SWITCH, "n_clicks"),
        State(ids.COUNT_REGIONS, "data"),
        prevent_initial_call=True,
    )
    def toggle_count_regions(_clicks, on):
        return on is False

    for dropdown in ids.DROPDOWNS:
        # In the browser: a click empties the dropdown, as Dash's own clear did.
        app.clientside_callback(
            """function (clicks, value) {
                return Array.isArray(value) ? [] : null;
            }""",
            Output(dropdown, "value", allow_duplicate=True),
            Input(ids.clear_of(dropdown), "n_clicks"),
            State(dropdown, "value"),
            prevent_initial_call=True,
        )

    app.clientside_callback(
        """function (on) { return on === false ? "false" : "true"; }""",
        Output(ids.COUNT_REGIONS_SWITCH, "aria-checked"),
        Input(ids.COUNT_REGIONS, "data"),
    )

    app.clientside_callback(
        """function (clicks) { return clicks % 2 === 1 ? "true" : "false"; }""",
        Output(ids.FILTERS_TOGGLE, "aria-expanded"),
        Input(ids.FILTERS_TOGGLE, "n_clicks"),
        prevent_initial_call=True,
    )
