"""Presenter mode and the guided tour: the mode buttons, and the tour's clock and keys
(assets/keys.js maps Space, the arrows and Escape onto the tour's buttons)."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, no_update

from dashboard import tour
from dashboard.data.language import Language
from dashboard.state import FilterState, Mode
from dashboard.views.text import tour_status
from dashboard.views.timeline import by_date
from dashboard.web import ids
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
# What moves the tour on: counts of the clock's ticks and of the buttons' presses.
TOUR_COUNTS = {
    "tick": Input(ids.TICK, "n_intervals"),
    "prev": Input(ids.TOUR_PREV, "n_clicks"),
    "pause": Input(ids.TOUR_PAUSE, "n_clicks"),
    "next": Input(ids.TOUR_NEXT, "n_clicks"),
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


def tour_involved(mode: Mode, started: object) -> bool:
    """Whether a change on the page (changes.py) has the tour to answer: while it runs,
    so a filter change moves it onto the new selection, and once more when it has run,
    so leaving it stops it. Otherwise its outputs stay as they are."""
    active = isinstance(started, dict) and started.get("active") is True
    return mode.tour or active


def tour_outputs(
    context: Context,
    state: FilterState,
    mode: Mode,
    now: tour.Counts,
    started: object,
    lang: Language,
) -> dict:
    """What the tour bar and the clock show for the tour's current step."""
    interval = mode.pace * 1000
    started = started if isinstance(started, dict) else {}
    idle = {"paused": True, "interval": interval, "pause_label": lang._("Pause")}
    if not mode.tour:
        return {**idle, "tour": STOPPED if started.get("active") else no_update, "status": ""}
    order = context.selected(state.filters()).partners
    if mode.dates:
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
