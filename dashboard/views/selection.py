"""Which partners and links a filter state selects: the one place filtering happens,
so the map, the cards and the summary always agree."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.atlas import Atlas
from dashboard.network import Network
from dashboard.state import FilterState


@dataclass(frozen=True)
class Selection:
    """The partners in view (network order), their links, and per-country counts."""

    partners: tuple[str, ...]
    links: pd.DataFrame  # partner_id, iso3, basis, words, area: the links drawn
    counts: pd.DataFrame  # iso3, partners (count), named (count): one row per country drawn
    worldwide: tuple[str, ...]  # partners in view that state worldwide reach


def select(network: Network, atlas: Atlas, state: FilterState) -> Selection:
    """Apply the filters.

    - `partners` keeps only those partners; `country` keeps partners linked to it;
      `region` keeps partners linked to any country in it.
    - The links drawn are the kept partners' links, limited to the region when one
      is chosen; with `count_regions` off, only countries named outright count.
    - A partner with worldwide reach and no links is in view only when no country
      or region is chosen: the source names no country for it to match.
    """
    links = network.links
    if not state.count_regions:
        links = links[links["basis"] == "named"]
    region = atlas.region(state.region)
    if region is not None:
        links = links[links["iso3"].isin(region.members)]

    ids = list(network.partners["id"])
    if state.partners:
        ids = [pid for pid in ids if pid in state.partners]
    if state.country:
        serving = set(links.loc[links["iso3"] == state.country, "partner_id"])
        ids = [pid for pid in ids if pid in serving]
    elif region is not None:
        ids = [pid for pid in ids if pid in set(links["partner_id"])]

    links = links[links["partner_id"].isin(ids)]
    worldwide = set(
        network.statements.loc[network.statements["basis"] == "worldwide", "partner_id"]
    )
    return Selection(
        partners=tuple(ids),
        links=links.reset_index(drop=True),
        counts=_counts(links),
        worldwide=tuple(pid for pid in ids if pid in worldwide),
    )


def _counts(links: pd.DataFrame) -> pd.DataFrame:
    grouped = links.groupby("iso3", sort=True)
    return pd.DataFrame(
        {
            "partners": grouped["partner_id"].nunique(),
            "named": grouped["basis"].agg(lambda b: int((b == "named").sum())),
        }
    ).reset_index()
