"""Headquarters on the map: a marker per partner in its own colour and symbol, or,
on a large network, a marker per place sized by how many partners are there."""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd

from dashboard.network import Network
from dashboard.views import style
from dashboard.views.selection import Selection
from dashboard.views.text import hq_basis

MAX_DISTINCT_MARKERS = 12  # more partners than this: markers per place, sized by count


def headquarters(
    network: Network, selection: Selection, focus: str | None, big: bool = False
) -> list[dict]:
    """A trace per partner, each with its own colour and symbol, while there are few;
    past MAX_DISTINCT_MARKERS, one trace with a marker per place sized by its count."""
    if _placed(network, selection) > MAX_DISTINCT_MARKERS:
        return [_places(network, selection, big)]
    return [_marker(network.records[i], focus, big) for i in _with_place(network, selection)]


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


def _marker(partner, focus: str | None, big: bool) -> dict:
    """One partner's headquarters, in its own colour and symbol, ringed white then black
    (a halo point under the marker) so it stands out on every fill of the map."""
    text = (
        f"<b>{escape(partner.name)}</b><br>Headquarters: {escape(partner.headquarters)}"
        f"<br>{escape(hq_basis(partner.hq_basis))}"
    )
    size = 24 if big else 15
    return {
        "type": "scattergeo",
        "name": partner.label,
        "lat": [partner.latitude] * 2,
        "lon": [partner.longitude] * 2,
        "mode": "markers",
        "marker": {
            "size": [size + 5, size],
            "color": [style.HALO, partner.colour],
            "symbol": partner.symbol,
            "line": {"color": style.CASING, "width": [0, 2]},
        },
        "opacity": marker_opacity(partner.id, focus),
        "customdata": [partner.id] * 2,
        "text": [text] * 2,
        "hovertemplate": "%{text}<extra></extra>",
    }


def _places(network: Network, selection: Selection, big: bool) -> dict:
    """Headquarters grouped by place: one marker each, its area by how many are there."""
    # Grouped once at start-up (network.places); here only the partners in view are read.
    grouped = network.places.grouped(selection.in_view)
    partners = network.partners
    first = partners.iloc[grouped.firsts()]
    listed = grouped.head(5)
    labels = partners["label"].to_numpy()[listed.members]
    names = [", ".join(escape(label) for label in group) for group in listed.split(labels)]
    count = pd.Series(grouped.sizes)
    more = count - 5
    text = (
        "<b>"
        + (first["hq_city"] + ", " + first["hq_country_name"]).map(escape).to_numpy()
        + "</b><br>"
        + count.astype(str)
        + " partners' headquarters<br>"
        + names
        + np.where(more > 0, " and " + more.astype(str) + " more", "")
    )
    return {
        "type": "scattergeo",
        "name": "headquarters",
        "lat": first["latitude"].tolist(),
        "lon": first["longitude"].tolist(),
        "mode": "markers",
        "marker": {
            "size": (np.sqrt(count) * (7 if big else 5) + 4).round(1).tolist(),
            "color": style.PLACE_COLOUR,
            "opacity": 0.85,
            "line": {"color": "#ffffff", "width": 1},
        },
        # A click on a place with one partner focuses it; a busier place has no single id.
        "customdata": np.where(count == 1, first.index, "").tolist(),
        "text": text.tolist(),
        "hovertemplate": "%{text}<extra></extra>",
    }
