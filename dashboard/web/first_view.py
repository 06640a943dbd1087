"""The page as the server first sends it: the view the address asks for, already
written out, before any script runs.

The page's own skeleton (page.py) is written as HTML with the view filled in (the
summary, the cards, the legend and a still picture of the map, views/still.py), so a
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

from dash import Dash, Input, Output, State
from dash.development.base_component import Component
from flask import Response, request

from dashboard.data.language import Language
from dashboard.data.site import Site
from dashboard.state import FilterState, Mode, Parsed, parse_query, to_query
from dashboard.views.cards import details
from dashboard.views.names import country_names, region_name
from dashboard.views.still import still_map
from dashboard.web import controls, delivery, ids
from dashboard.web.address import DROPPED_NOTICE
from dashboard.web.components import render_details
from dashboard.web.context import Context
from dashboard.web.languages import html_open_tag, plotly_locale
from dashboard.web.static_html import to_html
from dashboard.web.view import stage

STILL_PATH = "/still.svg"
STILL_CACHE = 64  # still pictures kept per worker, by view (about 100 kB each)
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
    layout_in: Callable[[str], Component],
    language: Callable[[], Language],
) -> None:
    """Write each page's view into the HTML the server sends, in the request's language
    (`language()`; `layout_in(code)` is the page in a language), and serve its still map."""
    app.index_string = INDEX
    still = lru_cache(maxsize=STILL_CACHE)(
        lambda state, mode, lang: _still(context, state, mode, lang)
    )

    def interpolate_index(**parts: str) -> str:
        lang = language()
        parsed = parse_query(request.query_string.decode("utf-8", "replace"), context.known)
        view = context.whole(parsed.state, parsed.mode, lang)
        # The view's own address: what the link names, never what it held besides.
        search = _search(to_query(parsed.state, parsed.mode, parsed.lang))
        # The still picture's text is in the page's language (the default needs no name).
        still_lang = None if lang.code == context.default else lang.code
        still_url = app.get_relative_path(STILL_PATH) + _search(
            to_query(parsed.state, parsed.mode, still_lang)
        )
        here = request.path + search
        filled = fills(context, parsed, view, still_url, lang)
        body = to_html(layout_in(lang.code), filled, page=here)
        page = request.url_root.rstrip("/") + here
        title = _title(context, site, parsed.state, lang)
        parts["metas"] = metas(title, view.summary, still_url, page)
        parts["title"] = escape(title)
        parts["app_entry"] += f'\n<div class="first-view">{body}</div>'
        parts["scripts"] = _locale_script(app, lang) + delivery.needed_scripts(parts["scripts"])
        return Dash.interpolate_index(app, **parts).replace("<html>", html_open_tag(lang), 1)

    app.interpolate_index = interpolate_index

    @app.server.route(STILL_PATH)
    def still_picture() -> Response:
        parsed = parse_query(request.query_string.decode("utf-8", "replace"), context.known)
        lang = context.language(parsed.lang or context.default)
        response = Response(still(parsed.state, parsed.mode, lang), mimetype="image/svg+xml")
        response.cache_control.public = True
        response.cache_control.max_age = 3600  # a data reload shows within the hour
        return response

    # The app's map frame shows the first view's still picture (in the browser's cache
    # by then) until plotly.js has drawn the map: once, as the page opens.
    app.clientside_callback(
        f"""function (search, src) {{
            if (src) {{ return window.dash_clientside.no_update; }}
            const first = document.querySelector(".first-view .map-still");
            return first ? first.getAttribute("src") : "{app.get_relative_path(STILL_PATH)}";
        }}""",
        Output(ids.STILL, "src"),
        Input(ids.URL, "search"),
        State(ids.STILL, "src"),
    )


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


def fills(
    context: Context, parsed: Parsed, view, still_url: str, lang: Language
) -> dict[str, dict]:
    """What the first view shows in each of the page's places, by component id."""
    state, mode = parsed.state, parsed.mode
    selection = context.selected(state)
    values = controls.control_values(state, mode)
    filled = {
        ids.ROOT: {"className": root_class(mode)},
        ids.SUMMARY: {"children": view.summary},
        ids.LEGEND: {"children": view.legend},
        ids.CARDS: {"children": view.cards},
        ids.STILL: {"src": still_url, "alt": view.summary},
        ids.STAGE: {"children": stage(context, state, mode, selection, lang)},
        ids.DETAILS: {
            "children": render_details(
                details(context.network, context.atlas, state, selection, lang)
            )
        },
        ids.COUNT_REGIONS_SWITCH: {"aria-checked": "true" if state.count_regions else "false"},
        ids.TOUR_PACE: {"value": mode.pace},
    }
    for name in ("region", "country", "partners"):
        filled[controls.FILTERS[name][0]] = {"value": values[name]}
    if parsed.dropped:
        notice = lang._(DROPPED_NOTICE).format(values=", ".join(parsed.dropped))
        filled[ids.NOTICE] = {"children": notice}
    return filled


def root_class(mode: Mode) -> str:
    """The page's classes for a mode, as presenting.py's clientside callback sets them."""
    flags = {"present": mode.present, "touring": mode.tour, "embed": mode.embed}
    return " ".join(["app", *(name for name, on in flags.items() if on)])


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


def metas(title: str, description: str, still_url: str, page: str) -> str:
    """The head's meta tags: the viewport, the description, and a link preview's card."""
    image = request.url_root.rstrip("/") + still_url
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
