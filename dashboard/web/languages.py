"""Which language a request gets, what the page's HTML says about it, and the parts
of the page that are about languages: the chooser, and the words of plotly's and
Dash's own components.

The address's `lang=` first; then the browser's Accept-Language, negotiated against
the enabled languages; then the data folder's default. Dash asks for the layout in
a request of its own (`/_dash-layout`, without the page's query), so there the page's
address is read from the Referer header, which the browser sends for same-origin
requests under the page's referrer policy (strict-origin-when-cross-origin).
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs, urlsplit

from dash import html
from flask import has_request_context, request

from dashboard.data.language import N_, Language, negotiate

# plotly.js names its Chinese locale after the region; the others by language.
PLOTLY_LOCALES = {"zh": "zh-CN"}


def page_language(languages: dict[str, Language], default: str) -> Language:
    """The language of the page being served (or of the page asking, for Dash's own
    requests)."""
    if not has_request_context():
        return languages[default]
    asked = request.args.get("lang") or parse_qs(asking_page_query() or "").get("lang", [""])[-1]
    if asked.lower() in languages:
        return languages[asked.lower()]
    negotiated = negotiate(request.headers.get("Accept-Language", ""), tuple(languages))
    return languages[negotiated or default]


def asking_page_query() -> str | None:
    """The query string of the page that sent this request (its Referer), if that page
    is one of ours; None when the request does not say."""
    if not has_request_context() or not request.referrer:
        return None
    page = urlsplit(request.referrer)
    return page.query if page.netloc == request.host else None


def plotly_locale(lang: Language) -> str | None:
    """The name plotly.js registers this language's locale under; None for English."""
    if lang.code == "en":
        return None
    return PLOTLY_LOCALES.get(lang.code, lang.code)


def html_open_tag(lang: Language, classes: str = "") -> str:
    """`<html lang="ar" dir="rtl">`: screen readers, fonts and the layout's direction."""
    extra = f' class="{escape(classes)}"' if classes else ""
    return f'<html lang="{escape(lang.tag)}" dir="{lang.direction}"{extra}>'


def language_chooser(lang: Language, languages: dict[str, Language]) -> html.Details | None:
    """Each language in its own name, as plain links (`?lang=xx`): a change of language
    loads the page again in it. assets/language.js carries the view along in the link."""
    if len(languages) < 2:
        return None
    return html.Details(
        className="languages",
        children=[
            html.Summary(
                lang.own_name,
                className="tool",
                title=lang._("Language"),
                **{"aria-label": lang._("Language: {name}").format(name=lang.own_name)},
            ),
            html.Ul(
                [
                    html.Li(
                        html.A(
                            other.own_name,
                            href=f"?lang={code}",
                            lang=other.tag,
                            hrefLang=other.tag,
                            className="language-link",
                            **({"aria-current": "true"} if code == lang.code else {}),
                        )
                    )
                    for code, other in languages.items()
                ]
            ),
        ],
    )


# The map toolbar's words for a world map, in the catalogs too: plotly.js's own locale
# files leave some out (its Arabic one has none of them).
PLOTLY_WORDS = (
    N_("Download plot as a PNG"),
    N_("Zoom in"),
    N_("Zoom out"),
    N_("Reset"),
    N_("Show closest data on hover"),
)


def plotly_words(lang: Language) -> dict:
    """plotly.js's locale for this language (assets/plotly-locales/, loaded by the
    page), with the toolbar's words from our catalog on top."""
    name = plotly_locale(lang)
    if name is None:
        return {"locale": "en"}
    words = {english: lang._(english) for english in PLOTLY_WORDS}
    return {"locale": name, "locales": {name: {"dictionary": words}}}


def dropdown_words(lang: Language) -> dict:
    """The dropdown's own texts (Dash writes them in English otherwise)."""
    _ = lang._
    return {
        "labels": {
            "select_all": _("Select all"),
            "deselect_all": _("Deselect all"),
            # {num_selected} is filled in by the dropdown itself.
            "selected_count": _("{num_selected} selected"),
            "search": _("Search"),
            "clear_search": _("Clear search"),
            "clear_selection": _("Clear selection"),
            "no_options_found": _("No options found"),
        }
    }
