"""The Partners and Table tabs, sorting the table, its CSV download, and the view of
everything the partners of a country filter serve."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, ctx, dcc, no_update

from dashboard.state import EXPLORE
from dashboard.views.table import csv_bytes, csv_filename, everything_they_serve, link_table
from dashboard.web import controls, ids
from dashboard.web.context import Context
from dashboard.web.page import TAB_NAMES

# Which column is sorted, which way, on the headers the page drew once (in the
# browser, so the buttons are never redrawn under a click).
SHOW_SORT = """function (_rows, sort, words) {
    const chosen = sort && sort.column, down = sort && sort.descending;
    const outputs = window.dash_clientside.callback_context.outputs_list;
    const state = c => c !== chosen ? "none" : (down ? "descending" : "ascending");
    const arrow = {none: "", ascending: " \u25b2", descending: " \u25bc"};
    const headings = words.headings;
    return [
        outputs[0].map(o => state(o.id.column)),
        outputs[1].map(o => headings[o.id.column] + arrow[state(o.id.column)]),
    ];
}"""


def register(app: Dash, context: Context) -> None:
    _tabs(app)
    _sorting(app)
    _download(app, context)
    _everything(app, context)


def _tabs(app: Dash) -> None:
    @app.callback(
        output={
            "tab": Output(ids.TABS, "data"),
            "selected": Output({"type": ids.TAB, "tab": ALL}, "aria-selected"),
            "cards_hidden": Output(ids.PANEL_CARDS, "hidden"),
            "table_hidden": Output(ids.PANEL_TABLE, "hidden"),
        },
        inputs={"clicks": Input({"type": ids.TAB, "tab": ALL}, "n_clicks")},
        prevent_initial_call=True,
    )
    def choose_tab(clicks):
        """Show the tab that was clicked."""
        chosen = ctx.triggered_id.get("tab") if isinstance(ctx.triggered_id, dict) else None
        chosen = chosen if chosen in TAB_NAMES else "cards"
        names = [spec["id"].get("tab") for spec in ctx.outputs_grouping["selected"]]
        return {
            "tab": chosen,
            "selected": ["true" if name == chosen else "false" for name in names],
            "cards_hidden": chosen != "cards",
            "table_hidden": chosen != "table",
        }


def _sorting(app: Dash) -> None:
    @app.callback(
        Output(ids.SORT, "data"),
        Input({"type": ids.SORT_BUTTON, "column": ALL}, "n_clicks"),
        State(ids.SORT, "data"),
        prevent_initial_call=True,
    )
    def sort_by(_clicks, sort):
        """Clicking a column heading sorts by it; again, the other way round."""
        if not isinstance(ctx.triggered_id, dict) or not ctx.triggered[0]["value"]:
            return no_update
        column = ctx.triggered_id.get("column")
        sort = sort if isinstance(sort, dict) else {}
        descending = sort.get("column") == column and not sort.get("descending")
        return {"column": column, "descending": descending}

    app.clientside_callback(
        SHOW_SORT,
        Output({"type": ids.SORT_HEADER, "column": ALL}, "aria-sort"),
        Output({"type": ids.SORT_BUTTON, "column": ALL}, "children"),
        # When the sorted rows arrive, not before: the headers never claim an order
        # the rows under them do not have yet.
        Input(ids.TABLE_BODY, "children"),
        State(ids.SORT, "data"),
        State(ids.WORDS, "data"),
    )


def _download(app: Dash, context: Context) -> None:
    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        inputs={
            "clicks": Input(ids.DOWNLOAD_CSV, "n_clicks"),
            "lang": State(ids.LANG, "data"),
            **controls.states(),
        },
        prevent_initial_call=True,
    )
    def download_csv(clicks, lang, **values):
        """The current selection's table as CSV, named after its filters; its country
        and region names in the page's language, beside the ISO codes."""
        state = controls.read_state(values, context.known)
        selection = context.selected(state)
        table = link_table(context.network, context.atlas, state, selection, context.language(lang))
        return dcc.send_bytes(csv_bytes(table), csv_filename(state), type="text/csv")


# What "Show everything these partners serve" changes: the place goes, the partners
# that answered it stay chosen. The change callback then writes the address.
WIDENED = ("region", "country", "partners")


def _everything(app: Dash, context: Context) -> None:
    @app.callback(
        output=controls.outputs(WIDENED, duplicate=True),
        inputs={"clicks": Input(ids.TABLE_WIDER, "n_clicks"), **controls.states(controls.FILTERS)},
        prevent_initial_call=True,
    )
    def show_everything(clicks, **values):
        """The partners of the country filter, with every country they serve."""
        state = controls.read_state(values, context.known)
        wider = everything_they_serve(state, context.selected(state)) if clicks else None
        if wider is None:
            return dict.fromkeys(WIDENED, no_update)
        chosen = controls.control_values(wider, EXPLORE)
        return {name: chosen[name] for name in WIDENED}
