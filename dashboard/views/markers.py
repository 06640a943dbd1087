"""Headquarters on the map: a marker per partner in its own colour and symbol, or,
on a large network, a marker per place sized by how many partners are there."""

from __future__ import annotations

from functools import lru_cache
from html import escape

import numpy as np

from dashboard.atlas import Atlas
from dashboard.data.language import Language
from dashboard.network import Network
from dashboard.state import EXPLORE, Mode
from dashboard.views import style
from dashboard.views.names import place_name
from dashboard.views.selection import Selection
from dashboard.views.text import ENGLISH, capped_list, hq_basis

MAX_DISTINCT_MARKERS = 12  # more partners than this: markers per place, sized by count
PLACE_NAMES = 5  # partners a place's hover names before "and N more"


def headquarters(
    network: Network,
    atlas: Atlas,
    selection: Selection,
    focus: str | None,
    mode: Mode = EXPLORE,
    lang: Language = ENGLISH,
) -> list[dict]:
    """A trace per partner, each with its own colour and symbol, while there are few;
    past MAX_DISTINCT_MARKERS, one trace with a marker per place sized by its count."""
    size = marker_size(mode)
    if _placed(network, selection) > MAX_DISTINCT_MARKERS:
        return [_places(network, atlas, selection, size, lang)]
    return [
        _marker(network.records[i], atlas, focus, size, lang)
        for i in _with_place(network, selection)
    ]


def marker_size(mode: Mode) -> int:
    """A headquarters marker's diameter for the screen: large for a projector's room,
    small on a phone's world map."""
    screen = "present" if mode.present else "small" if mode.small else "default"
    return style.MARKER_SIZE[screen]


def marked(network: Network, selection: Selection) -> list[str]:
    """The partners with a marker trace of their own, in slot order from MARKERS."""
    if _placed(network, selection) > MAX_DISTINCT_MARKERS:
        return []
    return list(network.ids[_with_place(network, selection)])


def _placed(network: Network, selection: Selection) -> int:
    """How many partners in view have a marker."""
    return int((network.places.of[selection.in_view] >= 0).sum())


def _with_place(network: Network, selection: Selection) -> np.ndarray:
    """The positions of the partners in view with a marker, in network order."""
    return selection.in_view[network.places.of[selection.in_view] >= 0]


def marker_opacity(pid: str, focus: str | None) -> float:
    """While a partner is in focus, the others' markers step back."""
    return 1.0 if focus is None or pid == focus else style.DIMMED


def _marker(partner, atlas: Atlas, focus: str | None, size: int, lang: Language) -> dict:
    """One partner's headquarters, in its own colour and symbol, ringed white then black
    (a halo point under the marker) so it stands out on every fill of the map."""
    place = place_name(partner.hq_city, partner.hq_country, atlas, lang)
    where = lang._("Headquarters: {place}").format(place=place)
    text = (
        f"<b>{escape(partner.name)}</b><br>{escape(where)}"
        f"<br>{escape(hq_basis(partner.hq_basis, lang), False)}"
    )
    return {
        "type": "scattergeo",
        "name": partner.label,
        "lat": [partner.latitude] * 2,
        "lon": [partner.longitude] * 2,
        "mode": "markers",
        "marker": {
            "size": [size + style.HALO_WIDTH, size],
            "color": [style.HALO, partner.colour],
            "symbol": partner.symbol,
            "line": {"color": style.CASING, "width": [0, 2]},
        },
        "opacity": marker_opacity(partner.id, focus),
        "customdata": [partner.id] * 2,
        "text": [text] * 2,
        "hovertemplate": "%{text}<extra></extra>",
    }


def _places(
    network: Network, atlas: Atlas, selection: Selection, size: int, lang: Language
) -> dict:
    """Headquarters grouped by place: one marker each, its area by how many are there."""
    # Grouped once at start-up (network.places); here only the partners in view are read.
    grouped = network.places.grouped(selection.in_view)
    firsts, column = grouped.firsts(), network.partner_column
    listed = grouped.head(PLACE_NAMES)
    count = np.asarray(grouped.sizes)
    text = [
        _place_text(atlas, lang, city, iso3, n, tuple(names))
        for city, iso3, n, names in zip(
            column("hq_city")[firsts].tolist(),
            column("hq_country")[firsts].tolist(),
            count.tolist(),
            listed.split(column("label")[listed.members]),
            strict=True,
        )
    ]
    return {
        "type": "scattergeo",
        "name": "headquarters",
        "lat": column("latitude")[firsts].tolist(),
        "lon": column("longitude")[firsts].tolist(),
        "mode": "markers",
        "marker": {
            # One partner's place as large as its marker would be, busier ones larger.
            "size": (np.sqrt(count) * size / 3 + 4).round(1).tolist(),
            "color": style.PLACE_COLOUR,
            "opacity": 0.85,
            "line": {"color": "#ffffff", "width": 1},
        },
        # A click on a place with one partner focuses it; a busier place has no single id.
        "customdata": np.where(count == 1, column("id")[firsts], "").tolist(),
        "text": text,
        "hovertemplate": "%{text}<extra></extra>",
    }


@lru_cache(maxsize=1 << 16)
def _place_text(
    atlas: Atlas, lang: Language, city: str, iso3: str, n: int, names: tuple[str, ...]
) -> str:
    """A place's hover text: the same in every view that shows the same partners there
    (most places have one), so kept; writing the texts took half of a region's map at
    N = 10,000."""
    return (
        f"<b>{escape(place_name(city, iso3, atlas, lang))}</b><br>"
        f"{escape(_place_count(n, lang), False)}<br>"
        + escape(capped_list(list(names), lang, PLACE_NAMES, total=n))
    )


def _place_count(count: int, lang: Language) -> str:
    words = lang.n_("{count} partner's headquarters", "{count} partners' headquarters", count)
    return words.format(count=lang.number(count))
