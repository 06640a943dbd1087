"""The Dash app: `create_app()` for the command line and tests, `server` for gunicorn.

    gunicorn dashboard.web.app:server      # reads $PARTNER_MAP_DATA_DIR, else data/

Data is loaded and validated once, when the app is created; nothing in the
process changes after that, so any number of workers can serve it.
"""

from __future__ import annotations

import logging
import os
import sys
from functools import cache
from pathlib import Path

from dash import Dash
from flask import Flask

from dashboard.atlas import ASSETS_DIR, load_atlas
from dashboard.config import default_data_dir, public_url
from dashboard.data.language import Language, by_code
from dashboard.data.load import load
from dashboard.data.problems import DataError
from dashboard.network import build_network
from dashboard.web import address, changes, filters, focus, presenting, sharing, table
from dashboard.web.context import Context
from dashboard.web.delivery import add_delivery
from dashboard.web.first_layout import FirstLayout, serve_first_layout
from dashboard.web.first_view import STILL_PATH, serve_first_view
from dashboard.web.health import add_health, data_version
from dashboard.web.languages import page_language
from dashboard.web.page import page
from dashboard.web.security import protect

# Each feature's callbacks, registered in this order.
FEATURES = (changes, address, focus, filters, presenting, table, sharing)

FRAME_ANCESTORS_ENV = "PARTNER_MAP_FRAME_ANCESTORS"
LOG = logging.getLogger("partner_map")


def create_app(data_dir: Path | None = None, languages: dict[str, Language] | None = None) -> Dash:
    """The dashboard for a data folder; raises DataError if the data is invalid.
    `languages` (by link code) replaces the folder's enabled languages, e.g. for a test
    language that marks every message it translates."""
    data_dir = data_dir or default_data_dir()
    live = data_version(data_dir)  # before reading: an edit while loading shows as new
    checked = load(data_dir, cache_optional=True)
    for problem in checked.problems:
        LOG.warning("%s", problem)
    network, site = build_network(checked.tables, checked.site.empty), checked.site
    atlas = load_atlas()
    languages = languages or by_code(site.languages)
    app = Dash(
        __name__,
        title=site.title,
        update_title=None,
        assets_folder=str(ASSETS_DIR),
        # plotly.js's words per language: the page loads only its own language's file
        # (Dash matches the file's name, not its path).
        assets_ignore=r"^plotly-locale-",
        serve_locally=True,
        # gzip for the page, scripts and callback answers (flask-compress).
        compress=True,
    )
    graph_config = {
        # plotly.js would fetch the world outlines from its CDN; serve our copy instead.
        "topojsonURL": app.get_asset_url("topojson/"),
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"filename": "partner-map", "scale": 2},
    }
    # A day for the map outlines, which plotly.js asks for by plain name; assets with
    # their file's time in the address (?m=...) are kept a year (delivery.py).
    app.server.config["SEND_FILE_MAX_AGE_DEFAULT"] = 86400
    public = public_url()
    context = Context(network, atlas, languages, site.language, site.data_language, public)

    def skeleton(code: str):
        lang = languages[code]
        return page(network, atlas, site, graph_config, live, lang, languages, bool(public))

    def language():
        return page_language(languages, site.language)

    first = FirstLayout(context, skeleton, app.get_relative_path(STILL_PATH))
    serve_first_layout(app, first, language)
    for feature in FEATURES:
        feature.register(app, context)
    serve_first_view(app, context, site, first, language)
    add_delivery(app.server)
    add_health(app.server, network.summary(), live)
    protect(app, frame_ancestors())
    return app


def frame_ancestors() -> str:
    """Which sites may show the dashboard in an iframe (CSP frame-ancestors).

    $PARTNER_MAP_FRAME_ANCESTORS, space-separated (e.g. "'self' https://partner.example");
    by default only the dashboard's own pages.
    """
    return os.environ.get(FRAME_ANCESTORS_ENV, "").strip() or "'self'"


@cache
def _server() -> Flask:
    try:
        return create_app().server
    except DataError as error:
        # Under gunicorn: say what is wrong with the data, not a traceback, and stop.
        print(error, file=sys.stderr)
        print("partner-map: the data is invalid; not serving.", file=sys.stderr)
        raise SystemExit(1) from None


def __getattr__(name: str) -> Flask:
    # `server` is built on first use, so importing this module never loads data.
    if name == "server":
        return _server()
    raise AttributeError(name)
