"""The words the views write, in one place: counts, lists, and how a fact is known, in
the visitor's language (dashboard/data/language.py; the catalogs hold the translations)."""

from __future__ import annotations

from dashboard.data.language import SOURCE, Language, language
from dashboard.data.schema import HQ_BASES, HQ_UNKNOWN, NOT_RECORDED, Basis

ENGLISH = language(SOURCE)

# Why a fact is missing: the sources give none, or nobody recorded it here.
UNKNOWN = {why: HQ_BASES[why] for why in HQ_UNKNOWN}


def partners(n: int, lang: Language = ENGLISH) -> str:
    """'1 partner', '3 partners'."""
    return lang.n_("{count} partner", "{count} partners", n).format(count=lang.number(n))


def countries(n: int, lang: Language = ENGLISH) -> str:
    """'1 country', '82 countries'."""
    return lang.n_("{count} country", "{count} countries", n).format(count=lang.number(n))


def capped_list(
    labels: list[str] | tuple[str, ...],
    lang: Language = ENGLISH,
    limit: int = 10,
    total: int | None = None,
) -> str:
    """'A, B and C', or 'A, B, … and 9,990 more' past `limit` names (of `total`, where
    only the first names were given)."""
    total = len(labels) if total is None else total
    if total <= limit:
        return lang.and_list(list(labels))
    rest = total - limit
    more = lang.n_("{count} more", "{count} more", rest).format(count=lang.number(rest))
    return lang.and_list([*labels[:limit], more])


def link_basis(basis: str, area: str = "", lang: Language = ENGLISH) -> str:
    """'named in the source', or 'in Eastern Africa, a region the source names'."""
    if basis == Basis.NAMED:
        return lang._("named in the source")
    if area:
        return lang._("in {area}, a region the source names").format(area=area)
    return lang._("in a region the source names")


def worldwide_basis(lang: Language = ENGLISH) -> str:
    """The table's basis for a partner stating worldwide reach."""
    return lang._("states worldwide reach")


def hq_basis(basis: str, lang: Language = ENGLISH) -> str:
    """How a headquarters is known: 'stated in the source' (the one its card cites)."""
    return lang._(HQ_BASES[basis]) if basis in HQ_BASES else ""


def sentence_case(text: str) -> str:
    """'named in the source' -> 'Named in the source'."""
    return text[:1].upper() + text[1:]


def unknown(why: str, lang: Language = ENGLISH) -> str:
    """'not published' or 'not recorded', for a missing fact's reason."""
    return lang._(UNKNOWN.get(why, UNKNOWN[NOT_RECORDED]))


def tour_status(number: int, total: int, paused: bool, lang: Language = ENGLISH) -> str:
    """'Partner 2 of 7', '(paused)' when it is: the tour bar's status."""
    if paused:
        words = lang._("Partner {number} of {total} (paused)")
    else:
        words = lang._("Partner {number} of {total}")
    return words.format(number=lang.number(number), total=lang.number(total))
