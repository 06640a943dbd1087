"""Presenter mode and the guided tour: the mode buttons, and the tour's clock and keys
(assets/keys.js maps Space, the arrows and Escape onto the tour's buttons)."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, no_update

from dashboard import tour
from dashboard.data.language import Language
from dashboard.state import clamped_pace
from dashboard.views.text import tour_status
from dashboard.views.timeline import by_date
from dashboard.web import controls, ids
from dashboard.web.context import Context

STOPPED = {"active": False, "focus": None}
# What each mode button does to the page-mode flags.
MODE_BUTTONS = {
    ids.PRESENT: lambda view: {"present": not view.get("present"), "tour": False, "dates": False},
    ids.PRESENT_EXIT: lambda view: {"present": False, "tour": False, "dates": False},
    ids.TOUR_START: lambda view: {"present": True, "tour": True, "dates": False},
    ids.TOUR_DATES: lambda view: {"present": True, "tour": True, "dates": True},
    ids.TOUR_EXIT: lambda view: {"tour": False, "dates": False},
}
TOUR_OUTPUTS = {
    "tour": Output(ids.TOUR, "data"),
    "paused": Output(ids.TICK, "disabled"),
    "interval": Output(ids.TICK, "interval"),
    "pause_label": Output(ids.TOUR_PAUSE, "children"),
    "status": Output(ids.TOUR_STATUS, "children"),
}


def register(app: Dash, context: Context) -> None:
    @app.callback(
        Output(ids.VIEW, "data", allow_duplicate=True),
        *[Input(button, "n_clicks") for button in MODE_BUTTONS],
        State(ids.VIEW, "data"),
        prevent_initial_call=True,
    )
    def change_mode(*values):
        """The presenter-mode and tour buttons."""
        view = values[-1] if isinstance(values[-1], dict) else {}
        change = MODE_BUTTONS.get(ctx.triggered_id)
        return {**view, **change(view)} if change else no_update

    # The page's classes follow the mode at once, in the browser: a server answer
    # for them could land after a later one and undo a mode change.
    app.clientside_callback(
        """function (view) {
            const on = view || {};
            const flags = {present: on.present, touring: on.tour, embed: on.embed};
            return ["app", ...Object.keys(flags).filter(name => flags[name] === true)].join(" ");
        }""",
        Output(ids.ROOT, "className"),
        Input(ids.VIEW, "data"),
    )

    @app.callback(
        output=TOUR_OUTPUTS,
        inputs={
            "view": Input(ids.VIEW, "data"),
            "pace": Input(ids.TOUR_PACE, "value"),
            "tick": Input(ids.TICK, "n_intervals"),
            "prev": Input(ids.TOUR_PREV, "n_clicks"),
            "pause": Input(ids.TOUR_PAUSE, "n_clicks"),
            "next": Input(ids.TOUR_NEXT, "n_clicks"),
            "started": State(ids.TOUR, "data"),
            "lang": State(ids.LANG, "data"),
            # Inputs, not State: a filter change moves the tour onto the new selection.
            **controls.inputs(controls.SELECTING),
        },
        prevent_initial_call=True,
    )
    def run_tour(view, pace, tick, prev, pause, next, started, lang, **filters):
        """The guided tour: a partner at a time, moved on by the clock or the keys."""
        now = tour.Counts.read({"tick": tick, "prev": prev, "pause": pause, "next": next})
        return tour_outputs(context, view, pace, now, started, filters, context.language(lang))


def tour_outputs(
    context: Context,
    view: object,
    pace: object,
    now: tour.Counts,
    started: object,
    filters: dict,
    lang: Language,
) -> dict:
    """What the tour bar and the clock show for the tour's current step."""
    interval = clamped_pace(pace) * 1000
    started = started if isinstance(started, dict) else {}
    idle = {"paused": True, "interval": interval, "pause_label": lang._("Pause")}
    if not isinstance(view, dict) or view.get("tour") is not True:
        return {**idle, "tour": STOPPED if started.get("active") else no_update, "status": ""}
    order = context.selected(controls.read_state(filters, context.known)).partners
    if view.get("dates") is True:
        order = by_date(context.network, order)
    start = tour.Counts.read(started.get("start"), now) if started.get("active") else None
    step = tour.step(order, now, start)
    if step is None:
        status = lang._("No partner to tour in this selection.")
        return {**idle, "tour": no_update, "status": status}
    return {
        "tour": {"active": True, "start": step.start.as_data(), "focus": step.focus},
        "paused": step.paused,
        "interval": interval,
        "pause_label": lang._("Play") if step.paused else lang._("Pause"),
        "status": tour_status(step.number, step.total, step.paused, lang),
    }
