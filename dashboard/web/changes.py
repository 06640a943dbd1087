"""A change on the page answered in one round trip: the address bar, the tour and the view.

Dash sends a callback's request only once no callback whose outputs are its inputs
is on its way. As three callbacks (the address, then the tour, then the view), a
filter change cost three round trips in a row before the map could redraw
(docs/PERFORMANCE.md, "Where the repaint goes"). One callback now reads the change
once and answers all three; each part's logic stays in its own module (address.py,
presenting.py, view.py), and this one only joins their outputs.

When the same callback is asked again while an answer is on its way, Dash drops that
answer, and the triggers it carried with it. So each part decides from the page's
state, not from what triggered the request: the address from the address last seen
(ids.ADDRESS), the tour from its counts, the view from what the map on the page was
drawn for (ids.DRAWN).
"""

from __future__ import annotations

from dash import Dash, Input, State, ctx, no_update

from dashboard.tour import Counts
from dashboard.web import address, controls, ids, presenting, view
from dashboard.web.context import Context

OUTPUTS = {**address.OUTPUTS, **presenting.TOUR_OUTPUTS, **view.OUTPUTS}
INPUTS = {
    "search": Input(ids.URL, "search"),
    **controls.inputs([*controls.CONTROLS, *controls.SCREEN]),
    **presenting.TOUR_COUNTS,
    "sort": Input(ids.SORT, "data"),
    "tab": Input(ids.TABS, "data"),
    "seen": State(ids.ADDRESS, "data"),
    "started": State(ids.TOUR, "data"),
    "drawn": State(ids.DRAWN, "data"),
    "lang": State(ids.LANG, "data"),
}


def register(app: Dash, context: Context) -> None:
    @app.callback(output=OUTPUTS, inputs=INPUTS, prevent_initial_call=True)
    def answer_change(**values):
        """Everything a change on the page changes, in one answer."""
        lang = context.language(values["lang"])
        values["screen"] = controls.screen_cookie()
        reading = address.read(values["search"], values["seen"], values, context, lang)
        state, mode = reading.state, reading.mode
        now = Counts.read({name: values[name] for name in presenting.TOUR_COUNTS})
        started = values["started"]
        tour = (
            presenting.tour_outputs(context, state, mode, now, started, lang)
            if presenting.tour_involved(mode, started)
            else dict.fromkeys(presenting.TOUR_OUTPUTS, no_update)
        )
        page = {
            "tour": started if tour["tour"] is no_update else tour["tour"],
            **{name: values[name] for name in ("sort", "tab", "drawn")},
        }
        triggered = set(ctx.triggered_prop_ids)
        return {
            **reading.answer,
            **tour,
            **view.view_answer(context, state, mode, page, triggered, lang),
        }
