"""The marker legend: what each marker means, and which partners the map cannot place."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.data.schema import NOT_PUBLISHED
from dashboard.network import Network
from dashboard.views.markers import MAX_DISTINCT_MARKERS
from dashboard.views.selection import Selection

# Why a partner in view has no marker (the page words each).
NO_HQ_PUBLISHED, NO_HQ_RECORDED, NOT_GEOCODED = "not-published", "not-recorded", "not-geocoded"


@dataclass(frozen=True)
class LegendItem:
    """A partner with a marker of its own: how the marker looks."""

    id: str
    label: str
    name: str
    colour: str
    symbol: str


@dataclass(frozen=True)
class Legend:
    """What the markers mean, and which partners in view the map cannot place."""

    items: tuple[LegendItem, ...]  # one per partner, while each has its own marker
    places: int  # places with markers, when markers are grouped by place (else 0)
    placed: int  # partners in view with a marker
    # Partners in view with no marker, by why: "not-published", "not-recorded" (no
    # headquarters) or "not-geocoded" (a headquarters without coordinates yet).
    unplaced: tuple[tuple[str, tuple[str, ...]], ...]
    worldwide: tuple[str, ...]  # labels of partners in view with worldwide reach


def legend(network: Network, selection: Selection) -> Legend:
    """The marker legend for the partners in view, in the data's order."""
    in_view = network.partners.iloc[selection.in_view]
    placed = in_view[in_view["latitude"].notna()]
    grouped = len(placed) > MAX_DISTINCT_MARKERS
    items = ()
    if not grouped:
        records = (network.records[i] for i in placed["position"])
        items = tuple(LegendItem(p.id, p.label, p.name, p.colour, p.symbol) for p in records)
    return Legend(
        items=items,
        places=len(network.places.grouped(selection.in_view).keys) if grouped else 0,
        placed=len(placed),
        unplaced=_unplaced(network, in_view[in_view["latitude"].isna()]),
        worldwide=tuple(network.labels(selection.worldwide)),
    )


def _unplaced(network: Network, unplaced: pd.DataFrame) -> tuple:
    groups: dict[str, list[str]] = {}
    columns = (unplaced[name].tolist() for name in ("label", "headquarters", "hq_basis"))
    for label, hq, basis in zip(*columns, strict=True):
        published_none = network.unknown(basis) == NOT_PUBLISHED
        why = NOT_GEOCODED if hq else (NO_HQ_PUBLISHED if published_none else NO_HQ_RECORDED)
        groups.setdefault(why, []).append(label)
    return tuple((why, tuple(labels)) for why, labels in groups.items())
