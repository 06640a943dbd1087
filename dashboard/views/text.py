"""The words the views write, in one place: counts, lists, and how a fact is known."""

from __future__ import annotations

from dashboard.data.schema import HQ_BASES, Basis
from dashboard.data.schema import NOT_PUBLISHED as PUBLISHED_NONE

NOT_PUBLISHED = "not published"
NOT_RECORDED = "not recorded"
# Why a fact is missing: the sources give none, or nobody recorded it here.
UNKNOWN = {PUBLISHED_NONE: NOT_PUBLISHED, "": NOT_RECORDED}


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """'1 partner', '3 partners', '2 countries'."""
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{n:,} {word}"


def countries(n: int) -> str:
    """'1 country', '82 countries'."""
    return plural(n, "country", "countries")


def and_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def capped_list(labels: list[str] | tuple[str, ...], limit: int = 10) -> str:
    """'A, B and C', or 'A, B, … and 9,990 more' past `limit` names."""
    if len(labels) <= limit:
        return and_list(list(labels))
    return ", ".join(labels[:limit]) + f" and {len(labels) - limit:,} more"


# How a link is known, as the hover, the cards, the details line and the table say it.
LINK_BASIS = {
    Basis.NAMED: "named in the source",
    Basis.REGION: "in a region the source names",
}


WORLDWIDE_BASIS = "states worldwide reach"  # the table's basis for a worldwide partner


def link_basis(basis: str, area: str = "") -> str:
    """'named in the source', or 'in Eastern Africa, a region the source names'."""
    if basis == Basis.REGION and area:
        return f"in {area}, a region the source names"
    return LINK_BASIS[Basis(basis)]


def hq_basis(basis: str) -> str:
    """How a headquarters is known: 'stated on the partners page'."""
    return HQ_BASES.get(basis, "")


def sentence_case(text: str) -> str:
    """'named in the source' -> 'Named in the source'."""
    return text[:1].upper() + text[1:]


def unknown(why: str) -> str:
    """'not published' or 'not recorded', for a missing fact's reason."""
    return UNKNOWN.get(why, NOT_RECORDED)
