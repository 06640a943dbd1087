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
from html import escape
from pathlib import Path

from dash import Dash
from flask import Flask

from dashboard.atlas import ASSETS_DIR, load_atlas
from dashboard.config import default_data_dir, public_url
from dashboard.data.language import Language, by_code
from dashboard.data.load import load
from dashboard.data.problems import DataError
from dashboard.network import build_network
from dashboard.web import address, filters, focus, presenting, sharing, table, view
from dashboard.web.context import Context
from dashboard.web.health import add_health, data_version
from dashboard.web.languages import html_open_tag, page_language, plotly_locale
from dashboard.web.page import page
from dashboard.web.security import protect

# Each feature's callbacks, registered in this order.
FEATURES = (address, view, focus, filters, presenting, table, sharing)

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
    app = PartnerMapDash(
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
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": site.note or site.title},
        ],
    )
    graph_config = {
        # plotly.js would fetch the world outlines from its CDN; serve our copy instead.
        "topojsonURL": app.get_asset_url("topojson/"),
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"filename": "partner-map", "scale": 2},
    }
    # assets/ URLs carry their file's modification time (?m=...), so browsers may keep
    # them; a day also covers the map outlines, which plotly.js asks for by plain name.
    app.server.config["SEND_FILE_MAX_AGE_DEFAULT"] = 86400
    public = public_url()
    context = Context(network, atlas, languages, site.language, site.data_language, public)
    app.language = lambda: page_language(languages, site.language)
    app.site = site

    @cache
    def layout_in(code: str):
        lang = languages[code]
        return page(network, atlas, site, graph_config, live, lang, languages, bool(public))

    app.layout = lambda: layout_in(app.language().code)
    for feature in FEATURES:
        feature.register(app, context)
    add_health(app.server, network.summary(), live)
    protect(app, frame_ancestors())
    return app


class PartnerMapDash(Dash):
    """Dash, with the page's HTML in the visitor's language: `<html lang dir>`, the
    title, and plotly.js's own words for that language."""

    language = None  # () -> Language of the request; set by create_app
    site = None

    def interpolate_index(self, **kwargs) -> str:
        lang = self.language()
        title, _note = self.site.words(lang.code)
        kwargs["title"] = escape(title)
        locale = plotly_locale(lang)
        if locale:
            src = self.get_asset_url(f"plotly-locales/plotly-locale-{locale.lower()}.js")
            kwargs["scripts"] = f'<script src="{src}"></script>\n' + kwargs["scripts"]
        html = super().interpolate_index(**kwargs)
        return html.replace("<html>", html_open_tag(lang), 1)


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
