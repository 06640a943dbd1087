"""The marker legend: what each marker means, and which partners the map cannot place."""

from __future__ import annotations

from dataclasses import dataclass

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
    # Read by position off network.places and the records: taking the partners' rows
    # from the frame took most of the legend's time on a large network.
    in_view = selection.in_view
    has_place = network.places.of[in_view] >= 0
    placed, unplaced = in_view[has_place], in_view[~has_place]
    grouped = len(placed) > MAX_DISTINCT_MARKERS
    items = ()
    if not grouped:
        records = (network.records[i] for i in placed)
        items = tuple(LegendItem(p.id, p.label, p.name, p.colour, p.symbol) for p in records)
    return Legend(
        items=items,
        places=len(network.places.grouped(in_view).keys) if grouped else 0,
        placed=len(placed),
        unplaced=_unplaced(network, [network.records[i] for i in unplaced]),
        worldwide=tuple(network.labels(selection.worldwide)),
    )


def _unplaced(network: Network, unplaced: list) -> tuple:
    groups: dict[str, list[str]] = {}
    for partner in unplaced:
        published_none = network.unknown(partner.hq_basis) == NOT_PUBLISHED
        has_hq = partner.headquarters
        why = NOT_GEOCODED if has_hq else (NO_HQ_PUBLISHED if published_none else NO_HQ_RECORDED)
        groups.setdefault(why, []).append(partner.label)
    return tuple((why, tuple(labels)) for why, labels in groups.items())
