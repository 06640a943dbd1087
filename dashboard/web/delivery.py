"""How the page's files reach the browser: only the scripts this page needs, cache
lifetimes, and /robots.txt.

- Dash adds Babel's polyfill (for browsers without ES2015+, which cannot run the page
  anyway) and the DataTable's bundle (the page has no DataTable); both are left out.
- plotly.js's geo bundle stays an ordinary script at the end of the page: the
  reader has the first view by then. Loaded instead by dcc.Graph's own loader when
  the graph first draws, it made every later redraw of the map take twice as long
  (measured: the main thread blocked 7.8 s against 3.4 s after a tab change).
- A file whose address names its version (Dash's component bundles, assets with
  `?m=`) never changes at that address: browsers keep it a year without asking.
"""

from __future__ import annotations

import re

from dash.fingerprint import check_fingerprint
from flask import Flask, Response, request

YEAR = "public, max-age=31536000, immutable"
# dcc's lazily loaded chunks (async-graph.js, ...) have no version in their address
# (dcc's loader names them), so they are kept an hour, then checked by their ETag.
UNVERSIONED_CHUNK = "public, max-age=3600"
UNNEEDED = re.compile(
    r'<script src="[^"]*(?:/deps/polyfill@|/dash_table/bundle)[^"]*"></script>\n?'
)
SUITES = "/_dash-component-suites/"
ROBOTS = """User-agent: *
Allow: /
Disallow: /_dash-update-component
"""


def needed_scripts(scripts: str) -> str:
    """Dash's script tags less what the page does not need."""
    return UNNEEDED.sub("", scripts)


def add_delivery(server: Flask) -> None:
    """Cache lifetimes on every response, and /robots.txt."""

    @server.after_request
    def cache_lifetime(response: Response) -> Response:
        lifetime = cache_control(request.path, request.args)
        if lifetime and response.status_code == 200:
            response.headers["Cache-Control"] = lifetime
            response.headers.pop("Expires", None)
        return response

    @server.route("/robots.txt")
    def robots() -> Response:
        return Response(ROBOTS, mimetype="text/plain")


def cache_control(path: str, args) -> str | None:
    """The Cache-Control of a path, or None to leave the response's own."""
    if path.startswith(SUITES):
        # Dash's own test: "name.v4_4_1m1796046116.js" carries the package's version.
        return YEAR if check_fingerprint(path)[1] else UNVERSIONED_CHUNK
    if path.startswith("/assets/") and "m" in args:
        return YEAR
    return None
