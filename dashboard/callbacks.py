"""Thin callbacks: read the inputs into a FilterState, call the views, return.

The URL is the source of truth for what a visitor sees: one callback keeps the
query string and the controls in step both ways (a link opens the view it
names; each change of a filter becomes a history entry, so back and forward
step through them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from dash import ALL, Dash, Input, Output, Patch, State, ctx, no_update

from dashboard import ids
from dashboard.atlas import Atlas
from dashboard.layout import (
    render_cards,
    render_details,
    render_legend,
    render_stage,
    render_table,
    view_data,
)
from dashboard.network import Network
from dashboard.state import DEFAULT_PACE, PACE_RANGE, FilterState, parse_query
from dashboard.views.cards import card, cards, details, legend, summary
from dashboard.views.figure import focus_patch, map_figure
from dashboard.views.selection import Selection, select
from dashboard.views.table import link_table, sort_table, to_csv

# Views kept per worker ($PARTNER_MAP_VIEW_CACHE; 0 turns the memo off, which the
# benchmark uses to measure every view built afresh).
VIEW_CACHE = int(os.environ.get("PARTNER_MAP_VIEW_CACHE", "256"))

CONTROLS = (
    (ids.REGION, "value"),
    (ids.COUNTRY, "value"),
    (ids.PARTNERS, "value"),
    (ids.COUNT_REGIONS, "data"),
    (ids.FOCUS, "data"),
    (ids.TOUR_PACE, "value"),
    (ids.VIEW, "data"),
)


@dataclass(frozen=True)
class Vocabulary:
    """The values a control can hold: anything else in a request is ignored."""

    partners: frozenset[str]
    regions: frozenset[str]
    countries: frozenset[str]


def _one(value, allowed: frozenset[str]) -> str | None:
    return value if isinstance(value, str) and value in allowed else None


def state_from(
    region, country, partners, count_regions, focus, pace, view, known: Vocabulary
) -> FilterState:
    """The controls' values as a FilterState. A request can say anything, so every
    value is checked against what the control could really hold."""
    view = view if isinstance(view, dict) else {}
    chosen = partners if isinstance(partners, list) else []
    return FilterState(
        region=_one(region, known.regions),
        country=_one(country, known.countries),
        partners=tuple(dict.fromkeys(p for p in chosen if _one(p, known.partners))),
        focus=_one(focus, known.partners),
        count_regions=count_regions is not False,
        present=view.get("present") is True,
        tour=view.get("tour") is True,
        pace=_pace(pace),
        embed=view.get("embed") is True,
    )


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _count(value) -> int:
    """A click or tick count, as a request may send anything."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _selection_key(state: FilterState) -> FilterState:
    """Only what selects partners and links: focus and page modes do not."""
    return FilterState(
        region=state.region,
        country=state.country,
        partners=state.partners,
        count_regions=state.count_regions,
    )


def _pace(value) -> int:
    """Seconds per tour step, kept inside PACE_RANGE whatever the input box holds."""
    try:
        return min(max(int(value), PACE_RANGE[0]), PACE_RANGE[1])
    except (TypeError, ValueError, OverflowError):  # None, "x", Infinity
        return DEFAULT_PACE


def controls_from(state: FilterState) -> tuple:
    """The controls' values for a FilterState, in CONTROLS order."""
    return (
        state.region,
        state.country,
        list(state.partners),
        state.count_regions,
        state.focus,
        state.pace,
        view_data(state),
    )


def register(app: Dash, network: Network, atlas: Atlas) -> None:
    """Attach the callbacks to `app`."""
    partner_ids = list(network.partners["id"])
    region_slugs = {r.slug for r in atlas.regions}
    countries = set(atlas.countries.index)
    known = Vocabulary(frozenset(partner_ids), frozenset(region_slugs), frozenset(countries))

    @app.callback(
        Output(ids.URL, "search"),
        *[Output(c, p) for c, p in CONTROLS],
        Output(ids.NOTICE, "children"),
        Input(ids.URL, "search"),
        *[Input(c, p) for c, p in CONTROLS],
    )
    def sync_url(search, *values):
        """URL -> controls when the address changed (a link, back, forward); controls
        -> URL when a control changed. Only what differs is sent."""
        current = state_from(*values, known)
        # On page load every input "changes" at once: the address wins.
        if ctx.triggered_id is None or f"{ids.URL}.search" in ctx.triggered_prop_ids:
            parsed = parse_query(
                search if isinstance(search, str) else "",
                regions=region_slugs,
                countries=countries,
                partners=partner_ids,
            )
            wanted = controls_from(parsed.state)
            have = controls_from(current)
            updates = [w if w != h else no_update for w, h in zip(wanted, have, strict=True)]
            notice = (
                "Not recognised in this link, so left out: " + ", ".join(parsed.dropped) + "."
                if parsed.dropped
                else ""
            )
            return no_update, *updates, notice
        query = current.to_query()
        search_now = (search or "").lstrip("?")
        return ("?" + query if query != search_now else no_update), *[no_update] * len(CONTROLS), ""

    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.LEGEND, "children"),
        Output(ids.CARDS, "children"),
        Output(ids.SUMMARY, "children"),
        Output(ids.DETAILS, "children"),
        Output(ids.STAGE, "children"),
        Output(ids.TABLE, "children"),
        Output(ids.ROOT, "className"),
        Output(ids.DRAWN, "data"),
        *[Input(c, p) for c, p in CONTROLS],
        Input(ids.TOUR, "data"),
        Input(ids.SORT, "data"),
        Input(ids.TABS, "data"),
        State(ids.DRAWN, "data"),
    )
    def update_view(*values):
        """Everything the selection shows. A change of focus alone (a click, a tour
        step) sends a Patch of the figure's two focus traces, not the whole map."""
        *controls, tour_data, sort, tab, drawn = values
        state = state_from(*controls, known)
        tour_data, sort = _dict(tour_data), _dict(sort)
        if state.tour and tour_data.get("active"):
            # The tour's partner is kept apart from FOCUS, so the tour never writes
            # what the URL callback reads (no cycle, and no history entry a step).
            state = state.with_(focus=_one(tour_data.get("focus"), known.partners))
        selection = selected(state)
        # What the figure on the page was drawn for, apart from its focus: only when
        # that is still current can a Patch of the focus traces be applied to it.
        drawing = f"{state.with_(focus=None, pace=DEFAULT_PACE).to_query()}|{tab}|{sort}"
        triggered = set(ctx.triggered_prop_ids)
        focus_only = bool(triggered) and triggered <= {f"{ids.FOCUS}.data", f"{ids.TOUR}.data"}
        if focus_only and drawn == drawing:
            figure = Patch()
            focus_patch(network, atlas, state, selection, figure)
            return (
                figure,
                no_update,
                no_update,
                no_update,
                render_details(details(network, atlas, state, selection)),
                stage(state),
                no_update,
                no_update,
                no_update,
            )
        table = no_update
        if tab == "table":
            rows = sort_table(
                link_table(network, atlas, selection), sort.get("column"), sort.get("descending")
            )
            table = render_table(rows, sort.get("column"), sort.get("descending"))
        classes = ["app"]
        classes += ["present"] if state.present else []
        classes += ["touring"] if state.tour else []
        classes += ["embed"] if state.embed else []
        return (
            *whole_view(state),
            render_details(details(network, atlas, state, selection)),
            stage(state),
            table,
            " ".join(classes),
            drawing,
        )

    # The network never changes after start-up, so a view is a pure function of the
    # filter state: each worker keeps the most recent ones (popular links, a tour's
    # steps) instead of building them again.
    def selected(state: FilterState) -> Selection:
        return _select(_selection_key(state))

    @lru_cache(maxsize=VIEW_CACHE)
    def _select(key: FilterState) -> Selection:
        return select(network, atlas, key)

    def whole_view(state: FilterState) -> tuple:
        # Pace and embedding change nothing the map, legend, cards or summary show.
        return _whole_view(state.with_(pace=DEFAULT_PACE, embed=False))

    @lru_cache(maxsize=VIEW_CACHE)
    def _whole_view(state: FilterState) -> tuple:
        selection = selected(state)
        return (
            map_figure(network, atlas, state, selection),
            render_legend(legend(network, selection)),
            render_cards(cards(network, atlas, state, selection), len(selection.partners)),
            summary(network, atlas, state, selection),
        )

    def stage(state: FilterState) -> list:
        if not state.present or not state.focus:
            return []
        if state.focus not in selected(state).partners:
            return []
        return render_stage(card(network, atlas, state.focus, state))

    @app.callback(
        Output(ids.FOCUS, "data", allow_duplicate=True),
        Output(ids.COUNTRY, "value", allow_duplicate=True),
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
            points = _dict(click).get("points")
            point = points[0] if isinstance(points, list) and points else {}
            value = _dict(point).get("customdata")
            if _one(value, known.partners):
                return (None if value == focus else value), no_update
            if isinstance(value, str) and value in countries:
                return no_update, value
            return no_update, no_update
        if isinstance(trigger, dict) and _one(trigger.get("id"), known.partners):
            if not ctx.triggered[0]["value"]:
                return no_update, no_update  # the cards were redrawn, not clicked
            return (None if trigger["id"] == focus else trigger["id"]), no_update
        return no_update, no_update

    @app.callback(
        Output(ids.REGION, "value", allow_duplicate=True),
        Output(ids.COUNTRY, "value", allow_duplicate=True),
        Output(ids.PARTNERS, "value", allow_duplicate=True),
        Output(ids.COUNT_REGIONS, "data", allow_duplicate=True),
        Output(ids.FOCUS, "data", allow_duplicate=True),
        Input(ids.CLEAR, "n_clicks"),
        prevent_initial_call=True,
    )
    def clear_all(_clicks):
        return None, None, [], True, None

    @app.callback(
        Output(ids.COUNT_REGIONS, "data", allow_duplicate=True),
        Input(ids.COUNT_REGIONS_SWITCH, "n_clicks"),
        State(ids.COUNT_REGIONS, "data"),
        prevent_initial_call=True,
    )
    def toggle_count_regions(_clicks, on):
        return on is False

    app.clientside_callback(
        """function (on) { return on === false ? "false" : "true"; }""",
        Output(ids.COUNT_REGIONS_SWITCH, "aria-checked"),
        Input(ids.COUNT_REGIONS, "data"),
    )

    @app.callback(
        Output(ids.VIEW, "data", allow_duplicate=True),
        Input(ids.PRESENT, "n_clicks"),
        Input(ids.PRESENT_EXIT, "n_clicks"),
        Input(ids.TOUR_START, "n_clicks"),
        Input(ids.TOUR_EXIT, "n_clicks"),
        State(ids.VIEW, "data"),
        prevent_initial_call=True,
    )
    def change_mode(_present, _leave, _start, _stop, view):
        """The presenter-mode and tour buttons."""
        view = dict(_dict(view))
        trigger = ctx.triggered_id
        if trigger == ids.PRESENT:
            view["present"] = not view.get("present")
            view["tour"] = False
        elif trigger == ids.PRESENT_EXIT:
            view["present"] = view["tour"] = False
        elif trigger == ids.TOUR_START:
            view["present"] = view["tour"] = True
        elif trigger == ids.TOUR_EXIT:
            view["tour"] = False
        return view

    @app.callback(
        Output(ids.TOUR, "data"),
        Output(ids.TICK, "disabled"),
        Output(ids.TICK, "interval"),
        Output(ids.TOUR_PAUSE, "children"),
        Output(ids.TOUR_STATUS, "children"),
        Input(ids.VIEW, "data"),
        Input(ids.TOUR_PACE, "value"),
        Input(ids.TICK, "n_intervals"),
        Input(ids.TOUR_PREV, "n_clicks"),
        Input(ids.TOUR_PAUSE, "n_clicks"),
        Input(ids.TOUR_NEXT, "n_clicks"),
        State(ids.TOUR, "data"),
        # Inputs, not State: a filter change moves the tour onto the new selection.
        *[Input(c, p) for c, p in CONTROLS[:4]],
        prevent_initial_call=True,
    )
    def tour(view, pace, ticks, prevs, pauses, nexts, tour_data, *filters):
        """The guided tour: a partner at a time, moved on by the clock or the keys.

        Where the tour is comes from counts (ticks, Next and Previous presses, Pause
        presses) since it started, not from the last step plus one: presses that
        arrive faster than the server answers all count, whatever order they land in.
        """
        interval = _pace(pace) * 1000
        tour_data = _dict(tour_data)
        counts = {
            "tick": _count(ticks),
            "prev": _count(prevs),
            "pause": _count(pauses),
            "next": _count(nexts),
        }
        if _dict(view).get("tour") is not True:
            stopped = {"active": False, "focus": None}
            return (stopped if tour_data.get("active") else no_update), True, interval, "Pause", ""
        order = selected(state_from(*filters, None, None, None, known)).partners
        if not order:
            return no_update, True, interval, "Pause", "No partner to tour in this selection."
        start = _dict(tour_data.get("start")) if tour_data.get("active") else {}
        start = {key: _count(start.get(key, counts[key])) for key in counts}
        moved = (
            (counts["tick"] - start["tick"])
            + (counts["next"] - start["next"])
            - (counts["prev"] - start["prev"])
        )
        paused = (counts["pause"] - start["pause"]) % 2 == 1
        step = moved % len(order)
        status = f"Partner {step + 1} of {len(order)}" + (" (paused)" if paused else "")
        data = {"active": True, "start": start, "focus": order[step]}
        return data, paused, interval, ("Play" if paused else "Pause"), status

    @app.callback(
        Output(ids.TABS, "data"),
        Output({"type": ids.TAB, "tab": ALL}, "aria-selected"),
        Output("panel-cards", "hidden"),
        Output("panel-table", "hidden"),
        Input({"type": ids.TAB, "tab": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    def choose_tab(_clicks):
        """Show the tab that was clicked."""
        chosen = ctx.triggered_id.get("tab") if isinstance(ctx.triggered_id, dict) else None
        if chosen not in ("cards", "table"):
            chosen = "cards"
        names = [spec["id"].get("tab") for spec in ctx.outputs_list[1]]
        return (
            chosen,
            ["true" if name == chosen else "false" for name in names],
            chosen != "cards",
            chosen != "table",
        )

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
        sort = _dict(sort)
        descending = sort.get("column") == column and not sort.get("descending")
        return {"column": column, "descending": descending}

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.DOWNLOAD_CSV, "n_clicks"),
        *[State(c, p) for c, p in CONTROLS],
        prevent_initial_call=True,
    )
    def download_csv(_clicks, *controls):
        """The current selection's table as CSV, named after its filters."""
        state = state_from(*controls, known)
        table = link_table(network, atlas, selected(state))
        suffix = "".join(
            f"_{key}-{value}"
            for key, value in (("region", state.region), ("country", state.country))
            if value
        )
        return {
            "content": to_csv(table),
            "filename": f"partner-map{suffix}.csv",
            "type": "text/csv",
        }

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

    app.clientside_callback(
        """async function (clicks) {
            if (!clicks) { return window.dash_clientside.no_update; }
            try {
                await navigator.clipboard.writeText(window.location.href);
                return "Link copied";
            } catch (error) {
                return "Copy this page's address from the address bar";
            }
        }""",
        Output(ids.COPY_STATUS, "children"),
        Input(ids.COPY_LINK, "n_clicks"),
        prevent_initial_call=True,
    )
