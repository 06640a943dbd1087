"""Everything the selection shows, redrawn when a control changes.

A change of focus alone (a click, a tour step) or of the map frame's shape sends a
Patch of the figure's focus traces and view instead of the whole map, when the map on
the page is the one drawn for the same filters and mode; and nothing at all when the
map already shows that focus and view (ids.DRAWN says what it shows).
"""

from __future__ import annotations

from dash import Output, Patch, no_update

from dashboard.data.language import Language
from dashboard.state import DEFAULT_PACE, FilterState, Mode, known_value, to_query
from dashboard.views.cards import card
from dashboard.views.figure import focus_changes
from dashboard.views.selection import Selection
from dashboard.views.table import everything_they_serve, link_table, sort_table, table_caption
from dashboard.web import ids
from dashboard.web.components import render_details, render_rows, render_stage
from dashboard.web.context import Context
from dashboard.web.sharing import render_share

OUTPUTS = {
    "figure": Output(ids.MAP, "figure"),
    "legend": Output(ids.LEGEND, "children"),
    "cards": Output(ids.CARDS, "content"),
    "summary": Output(ids.SUMMARY, "children"),
    "details": Output(ids.DETAILS, "children"),
    "share": Output(ids.SHARE, "children"),
    "timeline": Output(ids.TIMELINE, "content"),
    "stage": Output(ids.STAGE, "children"),
    "table": Output(ids.TABLE_BODY, "children"),
    "caption": Output(ids.TABLE_CAPTION, "children"),
    "wider": Output(ids.TABLE_WIDER, "hidden"),
    "drawn": Output(ids.DRAWN, "data"),
}
# What changes only the table: answered with the table alone.
TABLE_ONLY = {f"{ids.TABS}.data", f"{ids.SORT}.data"}
# What changes only the focus or the map's shape (a tour's step, its pause):
# answered with a Patch of the figure.
FOCUS_ONLY = {
    f"{ids.FOCUS}.data",
    f"{ids.MAP_SHAPE}.data",
    f"{ids.TICK}.n_intervals",
    *(f"{ids.TOUR_PREV}.n_clicks", f"{ids.TOUR_PAUSE}.n_clicks", f"{ids.TOUR_NEXT}.n_clicks"),
}


def view_answer(
    context: Context,
    state: FilterState,
    mode: Mode,
    page: dict,
    triggered: set[str],
    lang: Language,
) -> dict:
    """The view's outputs after a change (changes.py). `page` holds the tour's data,
    the table's sort and tab and what the map was drawn for. Only while the map on the
    page was drawn for these filters is less than the whole view sent."""
    state = toured(state, mode, page.get("tour"), context)
    sort, tab = page.get("sort"), page.get("tab")
    drawn = page.get("drawn") if isinstance(page.get("drawn"), dict) else {}
    if triggered and drawn.get("for") == drawn_for(state, mode):
        if triggered <= TABLE_ONLY:
            # A tab or a sort changes only the table: the map stays as drawn.
            return table_answer(context, state, sort, tab, lang)
        if triggered <= FOCUS_ONLY:
            return focus_answer(context, state, mode, drawn, lang)
    return whole_answer(context, state, mode, sort, tab, lang)


def whole_answer(
    context: Context, state: FilterState, mode: Mode, sort: object, tab: object, lang: Language
) -> dict:
    """Every output for a state: a change of filters, and the page's first layout."""
    whole = context.whole(state, mode, lang)
    return {
        **table_answer(context, state, sort, tab, lang),
        "figure": whole.figure,
        "legend": whole.legend,
        "cards": whole.cards,
        "summary": whole.summary,
        "timeline": whole.timeline,
        "drawn": shown(state, mode, whole.figure["layout"]["geo"]),
        **around_map(context, state, mode, lang),
    }


def table_answer(
    context: Context, state: FilterState, sort: object, tab: object, lang: Language
) -> dict:
    """The table, when its tab is open; nothing else changes."""
    unchanged = dict.fromkeys(OUTPUTS, no_update)
    if tab != "table":
        return unchanged
    return {**unchanged, **table(context, state, sort, lang)}


def focus_answer(
    context: Context, state: FilterState, mode: Mode, drawn: dict, lang: Language
) -> dict:
    """A new focus or frame on the map as drawn: a Patch of its focus traces and view.
    Nothing when the map already shows them: plotly.js redraws the whole map for any
    new figure, an identical one too, and every page load sends the frame's shape
    (assets/frame.js), which changes nothing on the world map."""
    unchanged = dict.fromkeys(OUTPUTS, no_update)
    changes = focus_changes(
        context.network, context.atlas, state, context.selected(state), mode, lang
    )
    now = shown(state, mode, changes[("layout", "geo")])
    if now == drawn:
        return unchanged  # what beside the map follows the focus is the same too
    return {
        **unchanged,
        **around_map(context, state, mode, lang),
        "figure": patch_of(changes),
        "drawn": now,
    }


def around_map(context: Context, state: FilterState, mode: Mode, lang: Language) -> dict:
    """What follows the focus beside the map: the details, the stage, the shared link."""
    selection = context.selected(state)
    return {
        "details": render_details(list(context.details(state, lang))),
        "stage": stage(context, state, mode, selection, lang),
        # The link of what is on screen: the tour's partner too.
        "share": render_share(context.public_url, state, lang),
    }


def toured(state: FilterState, mode: Mode, tour: object, context: Context) -> FilterState:
    """While the tour runs, its partner is the focus. It is kept apart from FOCUS, so
    the tour never writes what the address bar reads (no cycle, no history entry a step)."""
    tour = tour if isinstance(tour, dict) else {}
    if not mode.tour or not tour.get("active"):
        return state
    return state.with_(focus=known_value(tour.get("focus"), context.known.partner_set))


def drawn_for(state: FilterState, mode: Mode) -> str:
    """What a figure is drawn for, apart from its focus: only while that is still what
    the page shows can a Patch of the focus traces be applied to it."""
    drawn = Mode(present=mode.present, tour=mode.tour, pace=DEFAULT_PACE)
    # Markers are drawn for the screen, and a finger's drag is the page's or the map's.
    screen = mode.screen()
    return to_query(state.filters(), drawn) + (f"#{screen}" if screen else "")


def shown(state: FilterState, mode: Mode, geo: dict) -> dict:
    """What the map on the page shows (ids.DRAWN): the filters and mode it was drawn
    for, and in them the focus and the view, the parts of the map's `geo` that move."""
    view = {part: geo[part] for part in ("domain", "lataxis", "lonaxis")}
    return {"for": drawn_for(state, mode), "focus": state.focus, "view": view}


def patch_of(changes: dict[tuple, object]) -> Patch:
    """The figure's changes, by path (figure.focus_changes), as a Dash Patch."""
    patch = Patch()
    for path, value in changes.items():
        place = patch
        for key in path[:-1]:
            place = place[key]
        place[path[-1]] = value
    return patch


def stage(
    context: Context, state: FilterState, mode: Mode, selection: Selection, lang: Language
) -> list:
    """The partner in focus, large, beside the map in presenter mode."""
    if not mode.present or state.focus not in selection.partners:
        return []
    focused = card(context.network, context.atlas, state.focus, state, lang)
    return render_stage(focused, lang, context.data_lang)


def table(context: Context, state: FilterState, sort: object, lang: Language) -> dict:
    """The table's rows and caption, sorted as the visitor chose, and whether it offers
    everything its partners serve (under a country filter)."""
    sort, selection = sort if isinstance(sort, dict) else {}, context.selected(state)
    rows = link_table(context.network, context.atlas, state, selection, lang)
    rows = sort_table(rows, sort.get("column"), sort.get("descending"), lang)
    return {
        "table": render_rows(rows, context.data_lang),
        "caption": table_caption(context.atlas, state, rows, lang),
        "wider": everything_they_serve(state, selection) is None,
    }
