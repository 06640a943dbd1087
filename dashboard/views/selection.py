"""Which partners and links a filter state selects: the one place filtering happens,
so the map, the cards and the summary always agree."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.atlas import Atlas
from dashboard.data.schema import Basis
from dashboard.network import Network
from dashboard.state import FilterState


@dataclass(frozen=True)
class Selection:
    """The partners in view (network order), their links, and per-country counts."""

    partners: tuple[str, ...]  # everyone in view
    serving: tuple[str, ...]  # those in view for their links (all of them without a place)
    links: pd.DataFrame  # rows of network.links (original index kept): the links drawn
    counts: pd.DataFrame  # iso3, partners (count), named (count): one row per country drawn
    worldwide: tuple[str, ...]  # partners in view that state worldwide reach

    def links_of(self, pid: str) -> pd.DataFrame:
        """The links drawn for one partner in view."""
        return self.links[self.links["partner_id"] == pid]


def select(network: Network, atlas: Atlas, state: FilterState) -> Selection:
    """Apply the filters.

    - `partners` keeps only those partners; `country` keeps partners linked to it;
      `region` keeps partners linked to any country in it.
    - A partner that states worldwide reach answers "who serves Kenya?" too: it is
      kept in every country and region view, but only its own links there are
      drawn (never painted onto countries it does not name).
    - The links drawn are the kept partners' links, limited to the region when one
      is chosen; with `count_regions` off, only countries named outright count.
    """
    links = network.links
    if not state.count_regions:
        links = links[links["basis"] == Basis.NAMED]
    region = atlas.region(state.region)
    if region is not None:
        links = links[links["iso3"].isin(region.members)]

    ids = network.partners["id"]
    keep = pd.Series(True, index=ids.index)
    if state.partners:
        keep &= ids.isin(state.partners)
    linked = keep.copy()
    if state.country:
        linked &= ids.isin(links.loc[links["iso3"] == state.country, "partner_id"].unique())
    elif region is not None:
        linked &= ids.isin(links["partner_id"].unique())
    worldwide = keep & ids.isin(network.worldwide)
    chosen = ids[linked | worldwide]
    if not linked.all():
        links = links[links["partner_id"].isin(ids[linked])]
    return Selection(
        partners=tuple(chosen),
        serving=tuple(ids[linked]),
        links=links,
        counts=_counts(links),
        worldwide=tuple(ids[worldwide]),
    )


def _counts(links: pd.DataFrame) -> pd.DataFrame:
    named = links["basis"] == Basis.NAMED
    grouped = pd.DataFrame({"iso3": links["iso3"], "named": named}).groupby("iso3", sort=True)
    return pd.DataFrame(
        {"partners": grouped.size(), "named": grouped["named"].sum().astype(int)}
    ).reset_index()
