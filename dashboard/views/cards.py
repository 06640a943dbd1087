"""Partner cards, and the details line under the map, as plain values the web layer renders."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import pandas as pd

from dashboard.atlas import Atlas
from dashboard.data.schema import Basis
from dashboard.network import Network
from dashboard.state import FilterState
from dashboard.views.selection import Selection
from dashboard.views.text import (
    countries,
    hq_basis,
    link_basis,
    sentence_case,
    unknown,
)

MAX_CARDS = 24  # cards on the page; the table and the CSV hold every partner


@dataclass(frozen=True)
class ServedGroup:
    """Countries a partner serves on one basis, with the source's words."""

    heading: str  # "Named in the source" / "In Eastern Africa, a region the source names"
    countries: tuple[str, ...]  # country names, sorted
    words: str  # the source's words


@dataclass(frozen=True)
class Card:
    """Everything a partner card shows."""

    id: str
    name: str
    acronym: str
    colour: str
    symbol: str
    headquarters: str  # "Nairobi, Kenya", "not published" or "not recorded"
    hq_basis: str  # "inferred from a public record"
    hq_source: str
    founded: str | None  # None: no partner of the network has one, so no row for it
    mou: str | None
    paragraphs: tuple[str, ...]
    served: tuple[ServedGroup, ...]
    worldwide: tuple[str, ...]  # the source's words for worldwide reach
    other_words: tuple[str, ...]  # vague words that name no country
    website: str
    focused: bool


def cards(network: Network, atlas: Atlas, state: FilterState, selection: Selection) -> list[Card]:
    """A card for each of the first MAX_CARDS partners in view (and the one in focus),
    in the data's order."""
    shown = list(selection.partners[:MAX_CARDS])
    if state.focus in selection.partners and state.focus not in shown:
        shown[-1] = state.focus
    positions = network.partners["position"]
    ordered = sorted(shown, key=positions.__getitem__)
    return [card(network, atlas, pid, state) for pid in ordered]


def card(network: Network, atlas: Atlas, pid: str, state: FilterState) -> Card:
    """One partner's card under a filter state (the stage shows the focused one)."""
    return replace(_card(network, atlas, pid, state.count_regions), focused=pid == state.focus)


@lru_cache(maxsize=4096)
def _card(network: Network, atlas: Atlas, pid: str, count_regions: bool) -> Card:
    """A partner's card depends only on the partner and the region-links switch."""
    partner = network.partner(pid)
    statements = network.statements_of(pid)
    has_hq = bool(partner["headquarters"])
    return Card(
        id=pid,
        name=partner["name"],
        acronym=partner["acronym"],
        colour=partner["colour"],
        symbol=partner["symbol"],
        headquarters=partner["headquarters"] or hq_unknown(network, partner),
        hq_basis=hq_basis(partner["hq_basis"]) if has_hq else "",
        hq_source=partner["hq_source"],
        founded=_fact(network, partner, "founded", str),
        mou=_fact(network, partner, "mou", _month),
        paragraphs=tuple(p.strip() for p in partner["description"].split("\n\n") if p.strip()),
        served=_served_groups(network.links_of(pid), atlas, count_regions),
        worldwide=tuple(statements.loc[statements["basis"] == Basis.WORLDWIDE, "words"]),
        other_words=tuple(statements.loc[statements["basis"] == Basis.VAGUE, "words"]),
        website=partner["website"],
        focused=False,
    )


def _served_groups(links: pd.DataFrame, atlas: Atlas, count_regions: bool) -> tuple:
    """A partner's links: named countries first, then one group per named region."""
    groups = []
    named = links[links["basis"] == Basis.NAMED]
    if len(named):
        groups.append(_group(link_basis(Basis.NAMED), named, atlas))
    if count_regions:
        region_links = links[links["basis"] == Basis.REGION]
        for area, rows in region_links.groupby("area", sort=False):
            groups.append(_group(link_basis(Basis.REGION, area), rows, atlas))
    return tuple(groups)


def _group(basis_words: str, links: pd.DataFrame, atlas: Atlas) -> ServedGroup:
    return ServedGroup(
        heading=sentence_case(basis_words),
        countries=tuple(sorted(atlas.countries.loc[list(links["iso3"]), "name"])),
        words="; ".join(dict.fromkeys(links["words"])),
    )


def hq_unknown(network: Network, partner: pd.Series) -> str:
    """Why a partner's headquarters is missing: 'not published' or 'not recorded'."""
    return unknown(network.unknown(partner["hq_basis"]))


def _fact(network: Network, partner: pd.Series, column: str, shown) -> str | None:
    """A dated fact as the card shows it, why it is missing, or None when no partner
    of the network has it (then the card has no row for it)."""
    if not network.uses(column):
        return None
    value = partner[column]
    if pd.isna(value) or value == "":
        return unknown(network.unknown(partner[f"{column}_unknown"]))
    return shown(value)


def _month(value: str) -> str:
    year, month = value.split("-")
    return date(int(year), int(month), 1).strftime("%B %Y")


def details(network: Network, atlas: Atlas, state: FilterState, selection: Selection) -> list[str]:
    """What a tap or click picked, in words, right under the map: touch has no hover."""
    lines = []
    if state.focus in selection.partners:
        lines.append(_focus_line(network, state.focus, selection))
    if state.country:
        name = atlas.countries.loc[state.country, "name"]
        links = selection.links[selection.links["iso3"] == state.country]
        labels = network.partners.loc[links["partner_id"], "label"]
        parts = [
            f"{label} ({link_basis(basis, area)})"
            for label, basis, area in zip(labels, links["basis"], links["area"], strict=True)
        ]
        lines.append(
            f"{name}: " + ("; ".join(parts) if parts else "no partner in this selection") + "."
        )
    return lines


def _focus_line(network: Network, pid: str, selection: Selection) -> str:
    partner = network.partner(pid)
    links = selection.links_of(pid)
    named = int((links["basis"] == Basis.NAMED).sum())
    where = f"headquarters {partner['headquarters'] or hq_unknown(network, partner)}"
    reach = f"serves {countries(len(links))}" + (f" ({named} named in the source)" if named else "")
    if pid in selection.worldwide:
        reach += "; states worldwide reach"
    return f"In focus: {partner['name']}: {where}; {reach}."
