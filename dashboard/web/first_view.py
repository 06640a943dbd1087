"""The page as the server first sends it: the view the address asks for, already
written out, before any script runs.

The page's first layout (first_layout.py: the skeleton of page.py with the view
filled in) is written as HTML, with a still picture of the map (views/still.py), so a
reader with JavaScript off, a crawler and a link preview get the content, and the
visitor reads it at once. The app lays itself out unseen in the same place and takes
over when it has drawn the same view (assets/first-view.js); its map frame shows the
same still picture until plotly.js has drawn the map.

The head carries what a link preview reads: the view's title, its summary as the
description, and its still picture (Open Graph and Twitter cards).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from html import escape

from dash import Dash
from flask import Response, request

from dashboard.data.language import Language
from dashboard.data.site import Site
from dashboard.state import FilterState, Mode, parse_query, to_query
from dashboard.views.names import country_names, region_name
from dashboard.views.still import still_map
from dashboard.web import delivery, ids
from dashboard.web.context import Context
from dashboard.web.first_layout import FirstLayout
from dashboard.web.languages import html_open_tag, plotly_locale
from dashboard.web.static_html import to_html

STILL_PATH = "/still.svg"
STILL_CACHE = 64  # still pictures kept per worker, by view (about 100 kB each)
PAGE_CACHE = 64  # pages kept per worker, by language and address
# Dash's page template with the character set first (a parser must meet it in the
# first 1024 bytes) and the server's first view after the app's entry point.
INDEX = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
{%metas%}
<title>{%title%}</title>
{%favicon%}
{%css%}
</head>
<body>
{%app_entry%}
{%config%}
{%scripts%}
{%renderer%}
</body>
</html>"""


def serve_first_view(
    app: Dash,
    context: Context,
    site: Site,
    first: FirstLayout,
    language: Callable[[], Language],
) -> None:
    """Write each page's view into the HTML the server sends, in the request's language
    (`language()`), from the page's first layout (first_layout.py), and serve its still
    map. Each page is kept per worker, by language and address."""
    app.index_string = INDEX
    _serve_still(app, context)

    @lru_cache(maxsize=PAGE_CACHE)
    def written(code: str, root: str, path: str, query: str) -> dict[str, str]:
        """The page's own parts: its metas, title and first view (Dash's parts carry a
        token of their own for each page load, so they are not kept)."""
        lang = context.language(code)
        parsed = parse_query(query, context.known)
        # The still picture, and its text: the view's summary.
        still = first.answers(code, query)[ids.STILL]
        # The view's own address: what the link names, never what it held besides.
        here = path + _search(to_query(parsed.state, parsed.mode, parsed.lang))
        title = _title(context, site, parsed.state, lang)
        return {
            "metas": metas(title, still["alt"], root + still["src"], root + here)
            + "\n"
            + preload(still["src"]),
            "title": escape(title),
            "first_view": to_html(first.layout(code, query), page=here),
            "locale": _locale_script(app, lang),
            # Presenter mode's larger type is keyed to html:has(.app.present), which
            # Chromium may not match while it is still parsing the page: the first
            # view then painted at the normal size and grew (a layout shift).
            # first-view.js takes the class off when the app takes over.
            "open_tag": html_open_tag(lang, "present-first" if parsed.mode.present else ""),
        }

    def interpolate_index(**parts: str) -> str:
        query = request.query_string.decode("utf-8", "replace")
        root = request.url_root.rstrip("/")
        own = written(language().code, root, request.path, query)
        parts["metas"], parts["title"] = own["metas"], own["title"]
        parts["app_entry"] += f'\n<div class="first-view">{own["first_view"]}</div>'
        parts["scripts"] = own["locale"] + delivery.needed_scripts(parts["scripts"])
        return Dash.interpolate_index(app, **parts).replace("<html>", own["open_tag"], 1)

    app.interpolate_index = interpolate_index


def _serve_still(app: Dash, context: Context) -> None:
    """The view's still map as SVG (STILL_PATH), kept per worker by view and language."""
    still = lru_cache(maxsize=STILL_CACHE)(
        lambda state, mode, lang: _still(context, state, mode, lang)
    )

    @app.server.route(STILL_PATH)
    def still_picture() -> Response:
        parsed = parse_query(request.query_string.decode("utf-8", "replace"), context.known)
        lang = context.language(parsed.lang or context.default)
        response = Response(still(parsed.state, parsed.mode, lang), mimetype="image/svg+xml")
        response.cache_control.public = True
        response.cache_control.max_age = 3600  # a data reload shows within the hour
        return response


def _search(query: str) -> str:
    return f"?{query}" if query else ""


def _locale_script(app: Dash, lang: Language) -> str:
    """plotly.js's words for the page's language: its one locale file (none in English)."""
    locale = plotly_locale(lang)
    if locale is None:
        return ""
    src = app.get_asset_url(f"plotly-locales/plotly-locale-{locale.lower()}.js")
    return f'<script src="{src}"></script>\n'


def _still(context: Context, state: FilterState, mode: Mode, lang: Language) -> str:
    summary = context.whole(state, mode, lang).summary
    selection = context.selected(state)
    return still_map(context.network, context.atlas, state, selection, mode, summary)


def _title(context: Context, site: Site, state: FilterState, lang: Language) -> str:
    """The site's title, after the region or country a view is about, in the language."""
    atlas = context.atlas
    region = atlas.region(state.region)
    places = [region_name(region, atlas, lang) if region else None]
    if state.country:
        places.append(country_names(atlas, lang)[state.country])
    places = [place for place in places if place]
    title, _note = site.words(lang.code)
    return " · ".join([", ".join(places), title]) if places else title


def preload(still: str) -> str:
    """Ask for the still map first, from the head: it is the largest thing a phone
    shows at once, and an image found in the body waits behind the scripts' requests
    (Lighthouse then counted its paint after plotly.js's evaluation in half its runs)."""
    return f'<link rel="preload" as="image" href="{escape(still)}" fetchpriority="high">'


def metas(title: str, description: str, image: str, page: str) -> str:
    """The head's meta tags: the viewport, the description, and a link preview's card."""
    tags = [
        ("name", "viewport", "width=device-width, initial-scale=1"),
        ("name", "description", description),
        ("property", "og:type", "website"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", page),
        ("property", "og:image", image),
        ("property", "og:image:alt", description),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image),
    ]
    return "\n".join(
        f'<meta {kind}="{name}" content="{escape(content)}">' for kind, name, content in tags
    )
