"""The address bar and the controls, kept in step both ways; and "Copy link".

The URL is the source of truth for what a visitor sees: a link opens the view it
names, and each change of a filter becomes a history entry, so back and forward
step through them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from dash import Dash, Input, Output, State, no_update

from dashboard.data.language import N_, Language
from dashboard.state import FilterState, Mode, parse_query, to_query
from dashboard.web import controls, ids
from dashboard.web.context import Context

DROPPED_NOTICE = N_("Not recognised in this link, so left out: {values}.")
OUTPUTS = {
    "search": Output(ids.URL, "search"),
    "seen": Output(ids.ADDRESS, "data"),
    "notice": Output(ids.NOTICE, "children"),
    **controls.outputs(),
}


@dataclass(frozen=True)
class Reading:
    """What the page shows after a change, and what to write into the address bar and
    the controls for it (OUTPUTS' values)."""

    state: FilterState
    mode: Mode
    answer: dict


def read(search: object, seen: object, values: dict, context: Context, lang: Language) -> Reading:
    """The address and the controls, kept in step: an address the page has not seen
    yet (a link, back, forward) sets the controls; otherwise the controls write the
    address when they say something else. Decided from the two values, not from what
    triggered the request, because Dash drops an answer still on its way when it asks
    again, and the triggers that answer carried with it (changes.py)."""
    search = search if isinstance(search, str) else ""
    parsed = parse_query(search, context.known)
    state, mode = controls.read_state(values, context.known), controls.read_mode(values)
    unchanged = dict.fromkeys(OUTPUTS, no_update)
    if search != seen:
        wanted = controls.control_values(parsed.state, parsed.mode)
        have = controls.control_values(state, mode)
        updates = {k: v for k, v in wanted.items() if v != have[k]}
        notice = dropped_notice(parsed.dropped, lang)
        answer = {**unchanged, "seen": search, "notice": notice, **updates}
        return Reading(parsed.state, replace(parsed.mode, aspect=mode.aspect), answer)
    # A language the link chose stays in it; one negotiated with the browser is left
    # out, so a shared link opens in the language of whoever opens it.
    query = to_query(state, mode, parsed.lang)
    if query == to_query(parsed.state, parsed.mode, parsed.lang):
        return Reading(state, mode, unchanged)
    written = "?" + query
    return Reading(state, mode, {**unchanged, "search": written, "seen": written, "notice": ""})


def register(app: Dash, context: Context) -> None:
    app.clientside_callback(
        """async function (clicks, words) {
            if (!clicks) { return window.dash_clientside.no_update; }
            try {
                await navigator.clipboard.writeText(window.location.href);
                return words.copied;
            } catch (error) {
                return words.copy_failed;
            }
        }""",
        Output(ids.COPY_STATUS, "children"),
        Input(ids.COPY_LINK, "n_clicks"),
        State(ids.WORDS, "data"),
        prevent_initial_call=True,
    )


def dropped_notice(dropped: Iterable[str], lang: Language) -> str:
    """What a link held that it could not show, said in the page's language."""
    dropped = list(dropped)
    return lang._(DROPPED_NOTICE).format(values=", ".join(dropped)) if dropped else ""
