"""Partner cards, and the details line under the map, as plain values the web layer renders."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import pandas as pd

from dashboard.atlas import Atlas
from dashboard.data.language import Language
from dashboard.data.schema import Basis
from dashboard.network import Network
from dashboard.state import FilterState
from dashboard.views.names import country_lookup, place_name, sorted_by_name
from dashboard.views.selection import Selection
from dashboard.views.text import (
    ENGLISH,
    countries,
    hq_basis,
    link_basis,
    sentence_case,
    unknown,
)

MAX_CARDS = 24  # cards on the page; the table and the CSV hold every partner
LINK_WORDS = ("partner_id", "basis", "area")  # what the details line says of a link


@dataclass(frozen=True)
class ServedGroup:
    """Countries a partner serves on one basis, with the source's words."""

    heading: str  # "Named in the source" / "In Eastern Africa, a region the source names"
    countries: tuple[str, ...]  # country names, in the language's alphabetical order
    words: str  # the source's words


@dataclass(frozen=True)
class Card:
    """Everything a partner card shows."""

    id: str
    name: str
    # The language of the name and of the description where the organisation translated
    # them into the page's language; "" where they are in the data's own language.
    name_lang: str
    text_lang: str
    acronym: str
    colour: str
    symbol: str
    headquarters: str  # "Nairobi, Kenya", "not published" or "not recorded"
    known_hq: bool  # False: `headquarters` says why it is unknown
    hq_basis: str  # "inferred from the source"
    hq_source: str
    founded: str | None  # None: no partner of the network has one, so no row for it
    mou: str | None
    unknowns: frozenset[str]  # which of founded and mou say why they are unknown
    paragraphs: tuple[str, ...]
    served: tuple[ServedGroup, ...]
    worldwide: tuple[str, ...]  # the source's words for worldwide reach
    other_words: tuple[str, ...]  # vague words that name no country
    website: str
    focused: bool


def cards(
    network: Network,
    atlas: Atlas,
    state: FilterState,
    selection: Selection,
    lang: Language = ENGLISH,
) -> list[Card]:
    """A card for each of the first MAX_CARDS partners in view (and the one in focus),
    in the data's order."""
    shown = list(selection.partners[:MAX_CARDS])
    if state.focus in selection.partners and state.focus not in shown:
        shown[-1] = state.focus
    positions = network.partners["position"]
    ordered = sorted(shown, key=positions.__getitem__)
    return [card(network, atlas, pid, state, lang) for pid in ordered]


def card(
    network: Network, atlas: Atlas, pid: str, state: FilterState, lang: Language = ENGLISH
) -> Card:
    """One partner's card under a filter state (the stage shows the focused one)."""
    built = _card(network, atlas, pid, state.count_regions, lang)
    return replace(built, focused=pid == state.focus)


@lru_cache(maxsize=4096)
def _card(network: Network, atlas: Atlas, pid: str, count_regions: bool, lang: Language) -> Card:
    """A partner's card depends only on the partner, the region-links switch and the
    language."""
    partner = network.partner(pid)
    said, basis = network.statement_values(pid, "words", "basis")
    has_hq = bool(partner["headquarters"])
    translated = partner["translations"] if isinstance(partner["translations"], dict) else {}
    name = translated.get(("name", lang.code))
    description = translated.get(("description", lang.code))
    facts = {
        "founded": _fact(network, partner, "founded", lambda year: str(int(year)), lang),
        "mou": _fact(network, partner, "mou", lambda month: _month(month, lang), lang),
    }
    return Card(
        id=pid,
        name=name or partner["name"],
        name_lang=lang.tag if name else "",
        text_lang=lang.tag if description else "",
        acronym=partner["acronym"],
        colour=partner["colour"],
        symbol=partner["symbol"],
        headquarters=_headquarters(partner, atlas, lang) or hq_unknown(network, partner, lang),
        known_hq=has_hq,
        hq_basis=hq_basis(partner["hq_basis"], lang) if has_hq else "",
        hq_source=partner["hq_source"],
        founded=facts["founded"][0],
        mou=facts["mou"][0],
        unknowns=frozenset(name for name, (_, missing) in facts.items() if missing),
        paragraphs=_paragraphs(description or partner["description"]),
        served=_served_groups(network, pid, atlas, count_regions, lang),
        worldwide=tuple(w for w, b in zip(said, basis, strict=True) if b == Basis.WORLDWIDE),
        other_words=tuple(w for w, b in zip(said, basis, strict=True) if b == Basis.VAGUE),
        website=partner["website"],
        focused=False,
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("\n\n") if p.strip())


def _served_groups(
    network: Network, pid: str, atlas: Atlas, count_regions: bool, lang: Language
) -> tuple:
    """A partner's links: named countries first, then one group per named region."""
    basis, area, iso3, words = network.link_values(pid, "basis", "area", "iso3", "words")
    by_group: dict[str, list[int]] = {}  # in order of first appearance, as the links are
    for i, (how, where) in enumerate(zip(basis, area, strict=True)):
        if how == Basis.NAMED or (count_regions and how == Basis.REGION):
            heading = link_basis(how, where, lang)
            by_group.setdefault(heading, []).append(i)
    named = link_basis(Basis.NAMED, lang=lang)
    ordered = sorted(by_group.items(), key=lambda group: group[0] != named)
    return tuple(
        _group(heading, [iso3[i] for i in rows], [words[i] for i in rows], atlas, lang)
        for heading, rows in ordered
    )


def _group(
    basis_words: str, codes: list[str], words: list[str], atlas: Atlas, lang: Language
) -> ServedGroup:
    names = country_lookup(atlas, lang)
    return ServedGroup(
        heading=sentence_case(basis_words),
        countries=tuple(names[c] for c in sorted_by_name(codes, names, lang)),
        words="; ".join(dict.fromkeys(words)),
    )


def _headquarters(partner, atlas: Atlas, lang: Language) -> str:
    """'Nairobi, Kenya', or '' where the partner has no headquarters."""
    if not partner["headquarters"]:
        return ""
    return place_name(partner["hq_city"], partner["hq_country"], atlas, lang)


def hq_unknown(network: Network, partner, lang: Language = ENGLISH) -> str:
    """Why a partner's headquarters is missing: 'not published' or 'not recorded'."""
    return unknown(network.unknown(partner["hq_basis"]), lang)


def _fact(network: Network, partner, column: str, shown, lang: Language) -> tuple[str | None, bool]:
    """A dated fact as the card shows it, or why it is missing (and True), or None
    when no partner of the network has it (then the card has no row for it)."""
    if not network.uses(column):
        return None, False
    value = partner[column]
    if pd.isna(value) or value == "":
        return unknown(network.unknown(partner[f"{column}_unknown"]), lang), True
    return shown(value), False


def _month(value: str, lang: Language) -> str:
    year, month = value.split("-")
    return lang.month(date(int(year), int(month), 1))


def details(
    network: Network,
    atlas: Atlas,
    state: FilterState,
    selection: Selection,
    lang: Language = ENGLISH,
) -> list[str]:
    """What a tap or click picked, in words, right under the map: touch has no hover."""
    lines = []
    if state.focus in selection.partners:
        lines.append(_focus_line(network, atlas, state.focus, selection, lang))
    if state.country:
        name = country_lookup(atlas, lang)[state.country]
        # Read off the links' columns: a country served by hundreds of partners has a
        # long line, and pandas' rows cost a hundred times more.
        rows = selection.rows[network.link_column("iso3")[selection.rows] == state.country]
        pids, bases, areas = (network.link_column(c)[rows].tolist() for c in LINK_WORDS)
        worded = {key: link_basis(*key, lang) for key in set(zip(bases, areas, strict=True))}
        parts = [
            lang._("{partner} ({basis})").format(partner=label, basis=worded[basis, area])
            for label, basis, area in zip(network.labels(pids), bases, areas, strict=True)
        ]
        if parts:
            # The separator of a list of clauses: ";" in most languages, "؛" and "；" in some.
            links = lang._("; ").join(parts)
            line = lang._("{country}: {links}.").format(country=name, links=links)
        else:
            line = lang._("{country}: no partner in this selection.").format(country=name)
        lines.append(line)
    return lines


def _focus_line(
    network: Network, atlas: Atlas, pid: str, selection: Selection, lang: Language
) -> str:
    partner = network.partner(pid)
    links = selection.links_of(pid)
    named = int((links["basis"] == Basis.NAMED).sum())
    where = _headquarters(partner, atlas, lang) or hq_unknown(network, partner, lang)
    reach = lang._("serves {countries}").format(countries=countries(len(links), lang))
    if named:
        reach = lang.n_(
            "{serves} ({count} named in the source)",
            "{serves} ({count} named in the source)",
            named,
        ).format(serves=reach, count=lang.number(named))
    if pid in selection.worldwide:
        reach = lang._("{serves}; states worldwide reach").format(serves=reach)
    return lang._("In focus: {name}: headquarters {headquarters}; {reach}.").format(
        name=partner["name"], headquarters=where, reach=reach
    )
