"""Which language a request gets, and what the page's HTML says about it.

The address's `lang=` first; then the browser's Accept-Language, negotiated against
the enabled languages; then the data folder's default. Dash asks for the layout in
a request of its own (`/_dash-layout`, without the page's query), so there the page's
address is read from the Referer header, which the browser sends for same-origin
requests under the page's referrer policy (strict-origin-when-cross-origin).
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs, urlsplit

from flask import has_request_context, request

from dashboard.data.language import Language, negotiate

# plotly.js names its Chinese locale after the region; the others by language.
PLOTLY_LOCALES = {"zh": "zh-CN"}


def page_language(languages: dict[str, Language], default: str) -> Language:
    """The language of the page being served (or of the page asking, for Dash's own
    requests)."""
    if not has_request_context():
        return languages[default]
    asked = request.args.get("lang") or _page_query(request.referrer).get("lang", [""])[-1]
    if asked.lower() in languages:
        return languages[asked.lower()]
    negotiated = negotiate(request.headers.get("Accept-Language", ""), tuple(languages))
    return languages[negotiated or default]


def _page_query(referrer: str | None) -> dict[str, list[str]]:
    """The query of the page that sent this request, if it is one of ours."""
    if not referrer:
        return {}
    page = urlsplit(referrer)
    return parse_qs(page.query) if page.netloc == request.host else {}


def plotly_locale(lang: Language) -> str | None:
    """The name plotly.js registers this language's locale under; None for English."""
    if lang.code == "en":
        return None
    return PLOTLY_LOCALES.get(lang.code, lang.code)


def html_open_tag(lang: Language) -> str:
    """`<html lang="ar" dir="rtl">`: screen readers, fonts and the layout's direction."""
    return f'<html lang="{escape(lang.tag)}" dir="{lang.direction}">'
