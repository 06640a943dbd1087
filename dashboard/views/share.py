"""The shareable link of the view on screen, for the QR code in the corner of presenter
mode and on the printed handout: the public address, the filters and the partner in
focus. Not the mode (a phone opens the view to explore, not a projector's tour) and
not the language (a shared link opens in the language of whoever opens it)."""

from __future__ import annotations

from functools import lru_cache

import segno

from dashboard.state import EXPLORE, FilterState, to_query


def share_link(public_url: str, state: FilterState) -> str:
    """'https://partners.example.org/?country=KEN&focus=EASC'."""
    return public_url + view_path(state)


def view_path(state: FilterState) -> str:
    """The shareable link's path and query: '/?country=KEN&focus=EASC', or '/'."""
    query = to_query(state, EXPLORE)
    return f"/?{query}" if query else "/"


def short_link(link: str) -> str:
    """The link as written under the code: without its scheme, or its slash when
    nothing follows it."""
    bare = link.split("://", 1)[-1]
    return bare.removesuffix("/") if bare.count("/") == 1 and bare.endswith("/") else bare


@lru_cache(maxsize=1024)  # a tour's links come round again and again
def qr_image(link: str) -> str:
    """The QR code of `link` as an SVG data: URI (the CSP allows data: images). Error
    correction M, raised by segno where the same size allows: a projector's glare and
    a phone at the back of the room lose modules."""
    code = segno.make(link, error="m", micro=False)
    return code.svg_data_uri(border=4, dark="#000", light="#fff")
