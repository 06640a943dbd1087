"""The address bar and the controls, kept in step both ways; and "Copy link".

The URL is the source of truth for what a visitor sees: a link opens the view it
names, and each change of a filter becomes a history entry, so back and forward
step through them.
"""

from __future__ import annotations

from collections.abc import Iterable

from dash import Dash, Input, Output, State, ctx, no_update

from dashboard.data.language import N_, Language
from dashboard.state import parse_query, to_query
from dashboard.web import controls, ids
from dashboard.web.context import Context

DROPPED_NOTICE = N_("Not recognised in this link, so left out: {values}.")


def register(app: Dash, context: Context) -> None:
    @app.callback(
        output={
            "search": Output(ids.URL, "search"),
            "notice": Output(ids.NOTICE, "children"),
            **controls.outputs(),
        },
        inputs={
            "search": Input(ids.URL, "search"),
            "lang": State(ids.LANG, "data"),
            **controls.inputs(),
        },
        # The page's first layout already holds the address's view (first_layout.py).
        prevent_initial_call=True,
    )
    def sync_url(search, lang, **values):
        """URL -> controls when the address changed (a link, back, forward); controls
        -> URL when a control changed. Only what differs is sent. A language the link
        chose stays in it; one negotiated with the browser is left out, so a shared
        link opens in the language of whoever opens it."""
        state, mode = controls.read_state(values, context.known), controls.read_mode(values)
        unchanged = dict.fromkeys(controls.CONTROLS, no_update)
        parsed = parse_query(search if isinstance(search, str) else "", context.known)
        # A new address (back, forward; or a first layout built without the page's
        # address, which the browser then sets): the address wins.
        if ctx.triggered_id is None or f"{ids.URL}.search" in ctx.triggered_prop_ids:
            wanted = controls.control_values(parsed.state, parsed.mode)
            have = controls.control_values(state, mode)
            updates = {k: (v if v != have[k] else no_update) for k, v in wanted.items()}
            notice = dropped_notice(parsed.dropped, context.language(lang))
            return {"search": no_update, "notice": notice, **updates}
        query = to_query(state, mode, parsed.lang)
        search_now = (search or "").lstrip("?")
        changed = "?" + query if query != search_now else no_update
        return {"search": changed, "notice": "", **unchanged}

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
