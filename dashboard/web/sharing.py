"""Taking the view away: the QR code of its public link (in presenter mode's corner,
on demand elsewhere, and on the handout), the Print button (assets/print.js; the
print style sheet makes the page a handout), and the view's link on paper where
there is no code: the same link as the code's (filters and focus, the tour's partner
too, never the mode or the tour), at the address the page was opened from."""

from __future__ import annotations

from dash import Dash, Input, Output, html

from dashboard.data.language import Language
from dashboard.state import FilterState
from dashboard.views.share import qr_image, share_link, short_link, view_path
from dashboard.web import ids
from dashboard.web.context import Context

# "QR code": shows the code under the map, or hides it again.
TOGGLE_SHARE = """function (clicks) {
    const shown = clicks % 2 === 1;
    return [shown ? "share shown" : "share", shown ? "true" : "false"];
}"""
# The link on paper without a public address: the page's own origin (what a reader
# would type; the server may sit behind a proxy) and the view's path, which the server
# wrote into the code's place (render_share).
PRINTED_ADDRESS = """function (children) {
    const parts = Array.isArray(children) ? children : [children];
    const path = parts.map(part => part && part.props)
        .find(props => props && props.className === "view-path");
    return path ? window.location.origin + path.children : "";
}"""


def tools(lang: Language, sharing: bool) -> list:
    """The header's Print button, and "QR code" where a public address is configured."""
    toggle = html.Button(
        lang._("QR code"),
        id=ids.SHARE_TOGGLE,
        className="tool",
        n_clicks=0,
        title=lang._("A code to open this view on a phone"),
        **{"aria-expanded": "false", "aria-controls": ids.SHARE},
    )
    printing = html.Button(
        lang._("Print"),
        id=ids.PRINT,
        className="tool",
        n_clicks=0,
        title=lang._("Print a handout of this view"),
    )
    return [printing, toggle] if sharing else [printing]


def printed_address(lang: Language) -> html.P:
    """The view's address, on paper only (the style sheet hides it where a QR code is)."""
    return html.P(
        [lang._("This view online:"), " ", html.Span(id=ids.PRINT_LINK, dir="ltr")],
        className="print-link",
    )


def share_place() -> html.Figure:
    """Where the QR code goes: a corner of the map in presenter mode, under it elsewhere."""
    return html.Figure(id=ids.SHARE, className="share")


def render_share(public_url: str | None, state: FilterState, lang: Language) -> list:
    """The QR code of the view's public link and the link written under it; no code
    without a public address (the dashboard does not know it, and must not hand out
    the address it is served from: a laptop's is 127.0.0.1), only the view's path,
    unseen, for the link on paper (PRINTED_ADDRESS)."""
    if not public_url:
        return [html.Span(view_path(state), className="view-path", hidden=True)]
    link = share_link(public_url, state)
    return [
        html.Img(src=qr_image(link), alt=lang._("QR code of the link below")),
        html.Figcaption(html.A(short_link(link), href=link, dir="ltr")),
    ]


def register(app: Dash, context: Context) -> None:
    if context.public_url:
        app.clientside_callback(
            TOGGLE_SHARE,
            Output(ids.SHARE, "className"),
            Output(ids.SHARE_TOGGLE, "aria-expanded"),
            Input(ids.SHARE_TOGGLE, "n_clicks"),
            prevent_initial_call=True,
        )
    app.clientside_callback(
        PRINTED_ADDRESS,
        Output(ids.PRINT_LINK, "children"),
        Input(ids.SHARE, "children"),
    )
