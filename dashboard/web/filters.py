"""The filter panel's own buttons: "Clear all", each dropdown's clear button, the
region-links switch, and the buttons that fold the panel away on phones and in iframes
("Filters", "Show the map"), as a region or a country chosen there does."""

from __future__ import annotations

from dash import Dash, Input, Output, State

from dashboard.state import EXPLORE, FilterState
from dashboard.web import controls, ids
from dashboard.web.context import Context

CLEARED = ("region", "country", "partners", "count_regions", "focus")

# Where the panel folds away (a phone, an iframe), it stands over the map: a region or
# a country chosen there, or "Show the map", folds it and brings the summary and the
# map into view, so that the visitor sees what the choice did. Emptying a dropdown
# (its clear button, "Clear all") leaves the panel open for the next choice, and so do
# the partners, of which a visitor may pick several. Focus goes to the Filters button,
# not to the body, as the dropdown that had it is folded away.
FOLD_AFTER_CHOICE = f"""function (region, country, done, expanded) {{
    const toggle = document.querySelector("#react-entry-point #{ids.FILTERS_TOGGLE}");
    const chosen = window.dash_clientside.callback_context.triggered.some(t => t.value);
    if (expanded !== "true" || !chosen || !toggle || toggle.offsetParent === null) {{
        return window.dash_clientside.no_update;
    }}
    // Once the panel has folded (Dash applies the answer after this returns).
    const reveal = (frames) => {{
        const panel = document.querySelector("#react-entry-point #{ids.FILTERS}");
        if (panel && panel.offsetParent !== null && frames > 0) {{
            requestAnimationFrame(() => reveal(frames - 1));
            return;
        }}
        const box = document.querySelector("#react-entry-point .map-frame").getBoundingClientRect();
        if (box.top < 0 || box.bottom > window.innerHeight) {{
            toggle.scrollIntoView({{block: "start"}});
        }}
        toggle.focus({{preventScroll: true}});
    }};
    requestAnimationFrame(() => reveal(60));
    return "false";
}}"""


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

    register_panel(app)


def register_panel(app: Dash) -> None:
    """The phone's and the embed's Filters panel: opened and closed by its button, and
    folded away after a choice."""
    # From what the button says, not from its count of clicks: the panel also folds
    # away after a choice (below).
    app.clientside_callback(
        """function (clicks, expanded) { return expanded === "true" ? "false" : "true"; }""",
        Output(ids.FILTERS_TOGGLE, "aria-expanded"),
        Input(ids.FILTERS_TOGGLE, "n_clicks"),
        State(ids.FILTERS_TOGGLE, "aria-expanded"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        FOLD_AFTER_CHOICE,
        Output(ids.FILTERS_TOGGLE, "aria-expanded", allow_duplicate=True),
        Input(ids.REGION, "value"),
        Input(ids.COUNTRY, "value"),
        Input(ids.FILTERS_DONE, "n_clicks"),
        State(ids.FILTERS_TOGGLE, "aria-expanded"),
        prevent_initial_call=True,
    )
