"""The map: a choropleth of how many partners serve each country, a marker at each
geocoded headquarters, and lines from the partner in focus to the countries it serves.

The figure is built as a plain dict (what dcc.Graph takes), skipping plotly's
per-property validation, which costs more than everything else here together on a
large network. Its traces stand in fixed slots, so a change of focus can be sent as
a small Patch of its focus traces instead of the whole figure (`focus_changes`,
sent by web/view.py).
"""

from __future__ import annotations

import textwrap
from functools import cache
from html import escape

import numpy as np
import pandas as pd

from dashboard.atlas import Atlas
from dashboard.data.language import Language
from dashboard.data.schema import NOT_PUBLISHED, Basis
from dashboard.network import Network
from dashboard.state import EXPLORE, FilterState, Mode
from dashboard.views import style
from dashboard.views.camera import STAGE_SPLIT, geo_layout, staged
from dashboard.views.markers import headquarters, marked, marker_opacity
from dashboard.views.names import country_names
from dashboard.views.selection import Selection
from dashboard.views.text import ENGLISH, link_basis, partners

HOVER_PARTNERS = 8  # partners a country's hover lists by name before "and N more"
NOTE_WIDTH = 48  # characters a line of a note on the map holds

# The figure's trace slots: outlines and lines take two, a light casing under a dark line.
CHOROPLETH, DOTS, FOCUS_OUTLINE, FOCUS_LINES, COUNTRY_OUTLINE = 0, 1, 2, 4, 6
MARKERS = 8  # the first marker trace; one per partner, in the selection's order
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def map_figure(
    network: Network,
    atlas: Atlas,
    state: FilterState,
    selection: Selection,
    mode: Mode = EXPLORE,
    lang: Language = ENGLISH,
) -> dict:
    """The whole map for a filter state, shown in a mode, worded in a language."""
    counts = selection.counts.merge(
        _country_places(atlas, lang), left_on="iso3", right_index=True, how="left"
    )
    max_count = int(counts["partners"].max()) if len(counts) else 1
    hover = _country_hover(network, selection, counts, lang)
    shaped = counts[counts["shaped"]]
    dots = counts[~counts["shaped"] & counts["latitude"].notna()]
    data = [
        _choropleth(shaped, hover),
        _small_countries(dots, hover, style.DOT_SIZE["small" if mode.small else "default"]),
        *focus_traces(network, atlas, state, selection),
        *_outline([state.country] if state.country else [], "selected-country", width=3),
        *headquarters(network, atlas, selection, state.focus, mode, lang),
    ]
    return {
        "data": data,
        "layout": {
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "font": {
                "family": FONT,
                "size": 20 if mode.present else 14,
                "color": "#000000" if mode.present else "#1d2327",
            },
            "coloraxis": _colour_axis(max_count, mode, lang),
            # The legend of markers is HTML under the map (views.cards.legend): it wraps
            # on phones, reads out to screen readers, and names partners without a marker.
            "showlegend": False,
            "geo": geo_layout(network, atlas, state, selection, mode),
            "annotations": focus_notes(network, state, selection, mode, lang),
            **_picking(mode),
            "hoverlabel": {"align": "right" if lang.direction == "rtl" else "left"},
            "uirevision": state.region or "world",
        },
    }


def _picking(mode: Mode) -> dict:
    """How a click, a tap and a drag meet the map."""
    return {
        "clickmode": "event",
        # A click or tap picks a marker or a dot only where it is drawn (plotly.js
        # counts a point's distance from its edge), a country everywhere else: by
        # default a point 20 px away won over the country under the finger.
        "hoverdistance": 1,
        # A finger drawn over the map scrolls the page on a touch screen; the map
        # moves by the region filter. (A drag to pan took the page's scroll away.)
        **({"dragmode": False} if mode.touch else {}),
    }


@cache
def _country_places(atlas: Atlas, lang: Language) -> pd.DataFrame:
    """Each country's point, whether it has an outline, and its name in this language."""
    places = atlas.countries[["latitude", "longitude", "shaped"]]
    return places.assign(name=country_names(atlas, lang))


def focus_traces(
    network: Network, atlas: Atlas, state: FilterState, selection: Selection
) -> list[dict]:
    """The focused partner's countries outlined, and lines to them from its headquarters
    (both empty without a focus): the FOCUS_OUTLINE and FOCUS_LINES slots, each cased."""
    served: list[str] = []
    lat: list[float | None] = []
    lon: list[float | None] = []
    if state.focus in selection.partners:
        served = list(selection.links_of(state.focus)["iso3"])
        partner = network.partner(state.focus)
        if not pd.isna(partner["latitude"]):
            points = atlas.countries.loc[served, ["latitude", "longitude"]].dropna()
            for country_lat, country_lon in points.itertuples(index=False):
                lat += [partner["latitude"], country_lat, None]
                lon += [partner["longitude"], country_lon, None]
    lines = [
        {
            "type": "scattergeo",
            "name": name,
            "lat": lat,
            "lon": lon,
            "mode": "lines",
            "line": {"color": colour, "width": width},
            "hoverinfo": "skip",
            "showlegend": False,
        }
        for name, colour, width in (
            ("served from headquarters (casing)", style.CASING, 4.0),
            ("served from headquarters", style.LINE, 1.6),
        )
    ]
    return [*_outline(served, "focus-countries", width=2.0), *lines]


def focus_changes(
    network: Network,
    atlas: Atlas,
    state: FilterState,
    selection: Selection,
    mode: Mode,
    lang: Language = ENGLISH,
) -> dict:
    """What a change of focus changes in the figure, by path: its focus traces, the
    other partners' markers dimmed, a note on what the map cannot draw, and the view
    when a tour flies to the partner. The web layer sends them as a Patch."""
    changes: dict[tuple, object] = {
        ("data", FOCUS_OUTLINE + i): trace
        for i, trace in enumerate(focus_traces(network, atlas, state, selection))
    }
    for i, pid in enumerate(marked(network, selection)):
        changes[("data", MARKERS + i, "opacity")] = marker_opacity(pid, state.focus)
    changes[("layout", "geo")] = geo_layout(network, atlas, state, selection, mode)
    changes[("layout", "annotations")] = focus_notes(network, state, selection, mode, lang)
    return changes


def focus_notes(
    network: Network,
    state: FilterState,
    selection: Selection,
    mode: Mode,
    lang: Language = ENGLISH,
) -> list[dict]:
    """What the map cannot draw for the partner in focus, written on it: worldwide reach
    (never painted onto countries), or no published headquarters (so no lines)."""
    if state.focus not in selection.partners:
        return []
    partner = network.partner(state.focus)
    notes = []
    if state.focus in selection.worldwide:
        words = "; ".join(network.statements_of(state.focus).query("basis == 'worldwide'")["words"])
        notes.append(
            lang._("{partner} states worldwide reach: “{words}”").format(
                partner=partner.label, words=words
            )
        )
    if not partner["headquarters"]:
        if network.unknown(partner["hq_basis"]) == NOT_PUBLISHED:
            note = lang._("{partner}: no headquarters published, so no lines")
        else:
            note = lang._("{partner}: no headquarters recorded, so no lines")
        notes.append(note.format(partner=partner.label))
    if not notes:
        return []
    # Wrapped, so a long quotation stays inside the map beside the card.
    lines = [escape(line) for note in notes for line in textwrap.wrap(note, NOTE_WIDTH)]
    width = STAGE_SPLIT if staged(state, selection, mode) else 1.0
    return [
        {
            "text": "<br>".join(lines),
            "xref": "paper",
            "yref": "paper",
            "x": width / 2,
            "y": 0.98,
            "xanchor": "center",
            "yanchor": "top",
            "showarrow": False,
            "align": "center",
            "bgcolor": "rgba(255,255,255,0.92)",
            "bordercolor": style.HIGHLIGHT,
            "borderwidth": 1.5,
            "borderpad": 6,
            "font": {"size": 18 if mode.present else 13, "color": style.HIGHLIGHT},
        }
    ]


def _colour_axis(max_count: int, mode: Mode, lang: Language) -> dict:
    present = mode.present
    # The bar's length holds its two-line title, its padding and a line for each label
    # (the layout's tick font is 14 px, 20 on a projector, whose digits stand 14 px
    # tall), so no two labels touch; a phone's short map has room for fewer labels. A
    # presenter's scale stays within the band the tour's camera leaves it (TOP_BAND).
    title_font, tick_line = (18, 20) if present else (12, 18)
    room = 150 if mode.small and not present else 200
    overhead = 2.5 * title_font + 26
    ticks = _ticks(max_count, most=int((room - overhead) // tick_line))
    return {
        "colorscale": style.count_colourscale(max_count),
        "cmin": 0.5,
        "cmax": max_count + 0.5,
        "colorbar": {
            "title": {
                # Two short lines: the bar is narrow.
                "text": escape(lang._("Partners\nserving"), False).replace("\n", "<br>"),
                "side": "top",
                "font": {"size": title_font},
            },
            "tickvals": ticks,
            "ticks": "",
            "thickness": 20 if present else 12,
            # In pixels, so the scale stays readable on a phone's short map.
            "lenmode": "pixels",
            "len": min(overhead + tick_line * max(len(ticks), 2), room),
            "x": 0.0,
            "xanchor": "left",
            # A presenter's lower corners hold the QR code of the view (web/page.py).
            "y": 0.98 if present else 0.35,
            "yanchor": "top" if present else "middle",
            "bgcolor": "rgba(255,255,255,0.8)",
        },
    }


def _ticks(max_count: int, most: int = 8) -> list[int]:
    """The counts the scale labels: every one while they fit, else 1 and even steps."""
    if max_count <= most:
        return list(range(1, max_count + 1))
    step = int(np.ceil(max_count / max(most - 2, 1)))
    return [1, *range(step, max_count + 1, step)]


def _choropleth(counts: pd.DataFrame, hover: dict[str, str]) -> dict:
    return {
        "type": "choropleth",
        "name": "countries served",
        "locations": list(counts["iso3"]),
        "locationmode": "ISO-3",
        "z": counts["partners"].tolist(),
        "coloraxis": "coloraxis",
        "marker": {"line": {"color": style.SERVED_EDGE, "width": 0.7}},
        **_country_points(counts, hover),
    }


def _small_countries(counts: pd.DataFrame, hover: dict[str, str], size: int) -> dict:
    """Countries too small for the 110m outlines, drawn as dots in the same colours."""
    return {
        "type": "scattergeo",
        "name": "small countries served",
        "lat": counts["latitude"].tolist(),
        "lon": counts["longitude"].tolist(),
        "mode": "markers",
        "marker": {
            "size": size,
            "color": counts["partners"].tolist(),
            "coloraxis": "coloraxis",
            "line": {"color": "#ffffff", "width": 1},
        },
        **_country_points(counts, hover),
    }


def _country_points(counts: pd.DataFrame, hover: dict[str, str]) -> dict:
    """What a country's shape or dot carries: its code for clicks, its hover text."""
    return {
        "customdata": list(counts["iso3"]),
        "text": [hover[iso3] for iso3 in counts["iso3"].tolist()],
        "hovertemplate": "%{text}<extra></extra>",
        "showlegend": False,
    }


def _country_hover(
    network: Network, selection: Selection, counts: pd.DataFrame, lang: Language
) -> dict[str, str]:
    """Per country (ISO3): its name, how many partners serve it, and each with its
    basis (the first HOVER_PARTNERS of them, then how many more)."""
    # Only the links a hover lists are worded, read off network.py's grouping by country;
    # the rest is plain strings: per-row pandas arithmetic took half the map's time.
    listed = network.by_country.grouped(selection.rows).head(HOVER_PARTNERS)
    lines = _hover_lines(network, listed.members, lang)
    codes = network.by_country.codes[listed.keys]
    joined = dict(zip(codes, ("<br>".join(g) for g in listed.split(lines)), strict=True))
    hover = {}
    columns = (counts[c].tolist() for c in ("iso3", "name", "partners"))
    for iso3, name, n in zip(*columns, strict=True):
        more = n - HOVER_PARTNERS
        tail = "<br>" + escape(_and_more(more, lang), False) if more > 0 else ""
        head = f"<b>{escape(name)}</b><br>{escape(partners(n, lang), False)}"
        hover[iso3] = f"{head}<br>{joined.get(iso3, '')}{tail}"
    return hover


def _hover_lines(network: Network, links: np.ndarray, lang: Language) -> np.ndarray:
    """Each link (positions) as a hover line: "EASC: named in the source"."""
    # Worded once per area, not per link: a region view of a large network has tens of
    # thousands of links.
    areas = network.link_column("area")[links]
    worded = {area: escape(link_basis(Basis.REGION, area, lang), False) for area in set(areas)}
    named = escape(link_basis(Basis.NAMED, lang=lang), False)
    bases = np.where(network.by_country.named[links], named, [worded[a] for a in areas])
    labels = _escaped_labels(network)[network.by_country.partner[links]]
    pattern = escape(lang._("{partner}: {basis}"), False)
    text = [pattern.format(partner=p, basis=b) for p, b in zip(labels, bases, strict=True)]
    return np.array(text, dtype=object)


@cache
def _escaped_labels(network: Network) -> np.ndarray:
    labels = network.partner_column("label").tolist()
    return np.array([escape(label) for label in labels], dtype=object)


def _and_more(n: int, lang: Language) -> str:
    return lang.n_("and {count} more", "and {count} more", n).format(count=lang.number(n))


def _outline(iso3: list[str], name: str, width: float) -> list[dict]:
    """Countries outlined: a light casing, then a dark line, to show on every fill."""
    return [
        {
            "type": "choropleth",
            "name": trace_name,
            "locations": iso3,
            "locationmode": "ISO-3",
            "z": [1] * len(iso3),
            "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            "showscale": False,
            "marker": {"line": {"color": colour, "width": line_width}},
            "hoverinfo": "skip",
            "showlegend": False,
        }
        for trace_name, colour, line_width in (
            (f"{name} (casing)", style.CASING, width + 2.5),
            (name, style.HIGHLIGHT, width),
        )
    ]
