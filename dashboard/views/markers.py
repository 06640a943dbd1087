"""Headquarters on the map: a marker per partner in its own colour and symbol, or,
on a large network, a marker per place sized by how many partners are there."""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd

from dashboard.atlas import Atlas
from dashboard.data.language import Language
from dashboard.network import Network
from dashboard.views import style
from dashboard.views.names import country_names
from dashboard.views.selection import Selection
from dashboard.views.text import ENGLISH, capped_list, hq_basis

MAX_DISTINCT_MARKERS = 12  # more partners than this: markers per place, sized by count
PLACE_NAMES = 5  # partners a place's hover names before "and N more"


def headquarters(
    network: Network,
    atlas: Atlas,
    selection: Selection,
    focus: str | None,
    big: bool = False,
    lang: Language = ENGLISH,
) -> list[dict]:
    """A trace per partner, each with its own colour and symbol, while there are few;
    past MAX_DISTINCT_MARKERS, one trace with a marker per place sized by its count."""
    partners = network.partners.loc[list(selection.partners)]
    shown = partners[partners["latitude"].notna()]
    shown = shown.assign(place=_place_names(shown, atlas, lang))
    if len(shown) > MAX_DISTINCT_MARKERS:
        return [_places(shown, big, lang)]
    return [_marker(partner, focus, big, lang) for partner in shown.itertuples(index=False)]


def _place_names(partners: pd.DataFrame, atlas: Atlas, lang: Language) -> pd.Series:
    """'Nairobi, Kenya', the country named in the visitor's language."""
    countries = country_names(atlas, lang).reindex(partners["hq_country"]).to_numpy()
    pattern = lang._("{city}, {country}")
    return pd.Series(
        [
            pattern.format(city=c, country=n)
            for c, n in zip(partners["hq_city"], countries, strict=True)
        ],
        index=partners.index,
        dtype=object,
    )


def marked(network: Network, selection: Selection) -> list[str]:
    """The partners with a marker trace of their own, in slot order from MARKERS."""
    partners = network.partners.loc[list(selection.partners)]
    placed = partners.index[partners["latitude"].notna()]
    return list(placed) if len(placed) <= MAX_DISTINCT_MARKERS else []


def marker_opacity(pid: str, focus: str | None) -> float:
    """While a partner is in focus, the others' markers step back."""
    return 1.0 if focus is None or pid == focus else style.DIMMED


def _marker(partner, focus: str | None, big: bool, lang: Language) -> dict:
    """One partner's headquarters, in its own colour and symbol, ringed white then black
    (a halo point under the marker) so it stands out on every fill of the map."""
    where = lang._("Headquarters: {place}").format(place=partner.place)
    text = (
        f"<b>{escape(partner.name)}</b><br>{escape(where)}"
        f"<br>{escape(hq_basis(partner.hq_basis, lang), False)}"
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


def _places(shown: pd.DataFrame, big: bool, lang: Language) -> dict:
    """Headquarters grouped by place: one marker each, its area by how many are there."""
    grouped = shown.groupby(["latitude", "longitude"], sort=True)
    places = grouped.agg(
        count=("id", "size"), first=("id", "first"), place=("place", "first")
    ).reset_index()
    labels = grouped["label"].agg(lambda labels: list(labels[:PLACE_NAMES]))
    text = [
        f"<b>{escape(place)}</b><br>{escape(_place_count(count, lang), False)}<br>"
        + escape(capped_list(names, lang, PLACE_NAMES, total=count))
        for place, count, names in zip(places["place"], places["count"], labels, strict=True)
    ]
    return {
        "type": "scattergeo",
        "name": "headquarters",
        "lat": places["latitude"].tolist(),
        "lon": places["longitude"].tolist(),
        "mode": "markers",
        "marker": {
            "size": (np.sqrt(places["count"]) * (7 if big else 5) + 4).round(1).tolist(),
            "color": style.PLACE_COLOUR,
            "opacity": 0.85,
            "line": {"color": "#ffffff", "width": 1},
        },
        # A click on a place with one partner focuses it; a busier place has no single id.
        "customdata": np.where(places["count"] == 1, places["first"], "").tolist(),
        "text": text,
        "hovertemplate": "%{text}<extra></extra>",
    }


def _place_count(count: int, lang: Language) -> str:
    words = lang.n_("{count} partner's headquarters", "{count} partners' headquarters", count)
    return words.format(count=lang.number(count))
