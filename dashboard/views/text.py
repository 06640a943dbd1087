"""Small English helpers shared by the summary, the cards and the hover texts."""

from __future__ import annotations


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
