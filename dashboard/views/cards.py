"""Partner cards and the one-line summary, as plain values the page layer renders."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import pandas as pd

from dashboard.atlas import Atlas
from dashboard.data.schema import HQ_BASES
from dashboard.network import Network
from dashboard.state import FilterState
from dashboard.views import style
from dashboard.views.figure import MAX_DISTINCT_MARKERS, partner_labels
from dashboard.views.selection import Selection
from dashboard.views.text import and_list, countries, plural

NOT_PUBLISHED = "not published"


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
    headquarters: str  # "Nairobi, Kenya" or "not published"
    hq_basis: str  # "inferred from a public record"
    hq_source: str
    founded: str
    mou: str
    paragraphs: tuple[str, ...]
    served: tuple[ServedGroup, ...]
    worldwide: tuple[str, ...]  # the source's words for worldwide reach
    other_words: tuple[str, ...]  # vague words that name no country
    website: str
    focused: bool


MAX_CARDS = 24  # cards on the page; the table and the CSV hold every partner


def cards(network: Network, atlas: Atlas, state: FilterState, selection: Selection) -> list[Card]:
    """A card for each of the first MAX_CARDS partners in view (and the one in focus),
    in the data's order."""
    shown = list(selection.partners[:MAX_CARDS])
    if state.focus in selection.partners and state.focus not in shown:
        shown[-1] = state.focus
    ordered = sorted(shown, key=_positions(network).__getitem__)
    return [card(network, atlas, pid, state) for pid in ordered]


def card(network: Network, atlas: Atlas, pid: str, state: FilterState) -> Card:
    """One partner's card under a filter state (the stage shows the focused one)."""
    return replace(_card_of(network, atlas, pid, state.count_regions), focused=pid == state.focus)


@lru_cache(maxsize=8)
def _positions(network: Network) -> dict[str, int]:
    return {pid: i for i, pid in enumerate(network.partners["id"])}


@lru_cache(maxsize=4096)
def _card_of(network: Network, atlas: Atlas, pid: str, count_regions: bool) -> Card:
    """A partner's card depends only on the partner and the region-links switch."""
    position = _positions(network)[pid]
    row = network.partners.iloc[position]
    return _card(row, position, network, atlas, count_regions)


@lru_cache(maxsize=8)
def _rows_by_partner(network: Network) -> tuple[dict, dict]:
    """Positions of each partner's links and statements, found once per network."""
    return (
        network.links.groupby("partner_id", sort=False).indices,
        network.statements.groupby("partner_id", sort=False).indices,
    )


def _card(
    partner: pd.Series, position: int, network: Network, atlas: Atlas, count_regions: bool
) -> Card:
    colour, symbol = style.partner_style(position)
    statement_rows = _rows_by_partner(network)[1].get(partner["id"], [])
    statements = network.statements.iloc[statement_rows]
    has_hq = bool(partner["hq_city"])
    return Card(
        id=partner["id"],
        name=partner["name"],
        acronym=partner["acronym"],
        colour=colour,
        symbol=symbol,
        headquarters=f"{partner['hq_city']}, {partner['hq_country_name']}"
        if has_hq
        else NOT_PUBLISHED,
        hq_basis=HQ_BASES.get(partner["hq_basis"], "") if has_hq else "",
        hq_source=partner["hq_source"],
        founded=str(partner["founded"]) if not pd.isna(partner["founded"]) else NOT_PUBLISHED,
        mou=_month(partner["mou"]) if partner["mou"] else NOT_PUBLISHED,
        paragraphs=tuple(p.strip() for p in partner["description"].split("\n\n") if p.strip()),
        served=_served_groups(network, atlas, partner["id"], count_regions),
        worldwide=tuple(statements.loc[statements["basis"] == "worldwide", "words"]),
        other_words=tuple(statements.loc[statements["basis"] == "vague", "words"]),
        website=partner["website"],
        focused=False,
    )


def _served_groups(
    network: Network, atlas: Atlas, pid: str, count_regions: bool
) -> tuple[ServedGroup, ...]:
    """The partner's links, named countries first, then one group per named region."""
    links = network.links.iloc[_rows_by_partner(network)[0].get(pid, [])]
    groups = []
    named = links[links["basis"] == "named"]
    if len(named):
        groups.append(
            ServedGroup("Named in the source", _names(atlas, named["iso3"]), _words(named))
        )
    if count_regions:
        region_links = links[links["basis"] == "region"]
        for area, rows in region_links.groupby("area", sort=False):
            groups.append(
                ServedGroup(
                    f"In {area}, a region the source names",
                    _names(atlas, rows["iso3"]),
                    _words(rows),
                )
            )
    return tuple(groups)


def _names(atlas: Atlas, iso3: pd.Series) -> tuple[str, ...]:
    return tuple(sorted(atlas.countries.loc[list(iso3), "name"]))


def _words(links: pd.DataFrame) -> str:
    return "; ".join(dict.fromkeys(links["words"]))


def _month(value: str) -> str:
    year, month = value.split("-")
    return date(int(year), int(month), 1).strftime("%B %Y")


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
    unplaced: tuple[str, ...]  # labels of partners in view with no published headquarters
    worldwide: tuple[str, ...]  # labels of partners in view with worldwide reach


def legend(network: Network, selection: Selection) -> Legend:
    """The marker legend for the partners in view, in the data's order."""
    partners = network.partners.reset_index(drop=True)
    in_view = partners[partners["id"].isin(selection.partners)]
    placed = in_view[in_view["latitude"].notna()]
    labels = in_view["acronym"].where(in_view["acronym"] != "", in_view["name"])
    grouped = len(placed) > MAX_DISTINCT_MARKERS
    items = ()
    if not grouped:
        items = tuple(
            LegendItem(
                row["id"], row["acronym"] or row["name"], row["name"], *style.partner_style(int(i))
            )
            for i, row in placed.iterrows()
        )
    return Legend(
        items=items,
        places=len(placed.groupby(["latitude", "longitude"])) if grouped else 0,
        placed=len(placed),
        unplaced=tuple(labels[in_view["latitude"].isna()]),
        worldwide=tuple(labels[in_view["id"].isin(selection.worldwide)]),
    )


def capped_list(labels: list[str] | tuple[str, ...], limit: int = 10) -> str:
    """'A, B and C', or 'A, B, … and 9,990 more' past `limit` names."""
    if len(labels) <= limit:
        return and_list(list(labels))
    return ", ".join(labels[:limit]) + f" and {len(labels) - limit:,} more"


def summary(network: Network, atlas: Atlas, state: FilterState, selection: Selection) -> str:
    """One sentence that says what the map shows: "2 partners serve Kenya: AGSCF and EASC."."""
    names = partner_labels(network)
    labels = list(names.loc[list(selection.partners)])
    n = len(labels)
    subject = f"{plural(n, 'partner')} {'serves' if n == 1 else 'serve'}"
    basis = "" if state.count_regions else " by name"
    region = atlas.region(state.region)
    served = countries(selection.links["iso3"].nunique())

    if state.country:
        where = atlas.countries.loc[state.country, "name"]
        if region is not None:
            where = f"{where} in {region.name}"
        if not n:
            return f"No partner in this selection serves {where}{basis}."
        return f"{subject} {where}{basis}: {capped_list(labels)}."
    if region is not None:
        if not n:
            return f"No partner in this selection serves a country in {region.name}{basis}."
        return f"{subject} {served} in {region.name}{basis}: {capped_list(labels)}."
    if not n:
        return "No partner matches this selection."
    if selection.links.empty:
        verb = "states" if n == 1 else "state"
        if len(selection.worldwide) == n:
            return f"{capped_list(labels)} {verb} worldwide reach without naming countries."
        return f"The sources name no served country for {capped_list(labels)}."
    between = " between them" if n > 1 else ""
    sentence = f"{subject} {served}{basis}{between}: {capped_list(labels)}."
    if selection.worldwide:
        wide = list(names.loc[list(selection.worldwide)])
        verb = "also states" if len(wide) == 1 else "also state"
        sentence += f" {capped_list(wide)} {verb} worldwide reach."
    return sentence


def details(network: Network, atlas: Atlas, state: FilterState, selection: Selection) -> list[str]:
    """What a tap or click picked, in words, right under the map: touch has no hover."""
    lines = []
    if state.focus in selection.partners:
        partner = network.partners.iloc[_positions(network)[state.focus]]
        links = selection.links[selection.links["partner_id"] == state.focus]
        named = int((links["basis"] == "named").sum())
        where = (
            f"headquarters {partner['hq_city']}, {partner['hq_country_name']}"
            if partner["hq_city"]
            else "headquarters not published"
        )
        reach = f"serves {countries(len(links))}" + (
            f" ({named} named in the source)" if named else ""
        )
        if state.focus in selection.worldwide:
            reach += "; states worldwide reach"
        lines.append(f"In focus: {partner['name']}: {where}; {reach}.")
    if state.country:
        name = atlas.countries.loc[state.country, "name"]
        links = selection.links[selection.links["iso3"] == state.country]
        parts = [
            f"{partner_labels(network)[link.partner_id]} ("
            + ("named in the source" if link.basis == "named" else f"in {link.area}")
            + ")"
            for link in links.itertuples(index=False)
        ]
        lines.append(
            f"{name}: " + ("; ".join(parts) if parts else "no partner in this selection") + "."
        )
    return lines
