"""Partnerships over time: the dated facts the data holds (founding years, MoU months)
for the partners in view, in date order, and the partners with no date at all, counted
by why (not published, not recorded); and the tour's order by those dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.data.language import N_, Language
from dashboard.data.schema import NOT_PUBLISHED
from dashboard.network import Network
from dashboard.views.cards import MAX_CARDS
from dashboard.views.text import ENGLISH

# The dated facts, as the cards name them (one home for each word).
FACTS = {"founded": N_("Founded"), "mou": N_("MoU signed")}


@dataclass(frozen=True)
class Event:
    """One dated fact of one partner."""

    partner: str  # id
    label: str  # the partner's short name
    colour: str
    symbol: str
    fact: str  # "founded" or "mou"
    words: str  # "Founded", in the page's language
    when: str  # "1926", "July 2012", in the page's language
    sort: tuple[int, int]  # (year, month): a year alone sorts before its months


@dataclass(frozen=True)
class Undated:
    """Partners in view with no date at all, and why: "not-published" or "" (not recorded)."""

    why: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    events: tuple[Event, ...]  # in date order; empty: nothing to draw, the timeline hides
    undated: tuple[Undated, ...]  # not published first, then not recorded
    partners: int = 0  # partners in view, of whom the first MAX_CARDS are on the line


def timeline(network: Network, partners: Sequence[str], lang: Language = ENGLISH) -> Timeline:
    """The dated facts of `partners` (ids, as a selection holds them), oldest first: of
    the first MAX_CARDS, the partners with a card on the page (a line of thousands of
    points is unreadable, and blocked a browser for half a minute at N = 10,000)."""
    events: list[Event] = []
    undated: dict[str, list[str]] = {NOT_PUBLISHED: [], "": []}
    for pid in partners[:MAX_CARDS]:
        partner = network.partner(pid)
        dated = [_event(partner, fact, lang) for fact in _dated_facts(network, partner)]
        events += dated
        if not dated:
            undated[_why_undated(network, partner)].append(partner["label"])
    events.sort(key=lambda event: (event.sort, network.partner(event.partner)["position"]))
    return Timeline(
        events=tuple(events),
        undated=tuple(Undated(why, tuple(labels)) for why, labels in undated.items() if labels),
        partners=len(partners),
    )


def by_date(network: Network, partners: Sequence[str]) -> tuple[str, ...]:
    """The tour in date order: each partner at its earliest dated fact, then the
    partners with no date, in the data's order."""

    def earliest(pid: str) -> tuple:
        partner = network.partner(pid)
        dates = [_date_key(partner[fact]) for fact in _dated_facts(network, partner)]
        return (min(dates), partner["position"]) if dates else ((10**6, 0), partner["position"])

    return tuple(sorted(partners, key=earliest))


def _dated_facts(network: Network, partner) -> list[str]:
    return [fact for fact in FACTS if network.uses(fact) and _has(partner[fact])]


def _has(value: object) -> bool:
    return not (value is None or pd.isna(value) or value == "")


def _why_undated(network: Network, partner) -> str:
    """'not-published' only when the sources were searched for every date and give
    none; otherwise the weaker truth, 'not recorded'."""
    facts = [fact for fact in FACTS if network.uses(fact)]  # no MoU anywhere: none missing
    reasons = {network.unknown(partner[f"{fact}_unknown"]) for fact in facts}
    return NOT_PUBLISHED if reasons == {NOT_PUBLISHED} else ""


def _event(partner, fact: str, lang: Language) -> Event:
    year, month = _date_key(partner[fact])
    when = lang.month(date(year, month, 1)) if month else str(year)
    return Event(
        partner=partner["id"],
        label=partner["label"],
        colour=partner["colour"],
        symbol=partner["symbol"],
        fact=fact,
        words=lang._(FACTS[fact]),
        when=when,
        sort=(year, month),
    )


def _date_key(value: object) -> tuple[int, int]:
    """(1926, 0) for a year, (2012, 7) for "2012-07"."""
    text = value if isinstance(value, str) else str(int(value))  # founded is a number
    year, _, month = text.partition("-")
    return int(year), int(month) if month else 0
