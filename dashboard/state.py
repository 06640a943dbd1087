"""The filter state: a small value that says what a visitor is looking at.

It round-trips to the URL query string, with names kept stable because links are
printed on slides and handouts: `region`, `country`, `partner` (repeatable or
comma-separated), `focus`, `regions=0` (count only countries named outright),
`mode=present`, `tour=1`, `pace` (seconds a tour stays on each partner) and
`embed=1`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

MAX_VALUE_LENGTH = 100  # longer values are dropped: no id, code or slug is this long
MAX_FIELDS = 50  # parameters read from a link; the rest are named in the notice
DEFAULT_PACE = 8
PACE_RANGE = (3, 120)


@dataclass(frozen=True)
class FilterState:
    """What is selected. Empty means "everything"."""

    region: str | None = None  # a region slug, e.g. "eastern-africa"
    country: str | None = None  # ISO 3166-1 alpha-3, e.g. "KEN"
    partners: tuple[str, ...] = ()  # partner ids, in the order given
    focus: str | None = None  # the partner whose lines and card are highlighted
    count_regions: bool = True  # count countries reached through a named region
    present: bool = False  # presenter mode: projector theme, large type
    tour: bool = False  # the guided tour runs (in presenter mode)
    pace: int = DEFAULT_PACE  # seconds the tour stays on each partner
    embed: bool = False  # only the map and its filters, for an iframe

    def with_(self, **changes: object) -> FilterState:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def to_query(self) -> str:
        """The query string for this state, without the leading '?'; '' for the default."""
        pairs: list[tuple[str, str]] = []
        if self.region:
            pairs.append(("region", self.region))
        if self.country:
            pairs.append(("country", self.country))
        if self.partners:
            pairs.append(("partner", ",".join(self.partners)))
        if self.focus:
            pairs.append(("focus", self.focus))
        if not self.count_regions:
            pairs.append(("regions", "0"))
        if self.present:
            pairs.append(("mode", "present"))
        if self.tour:
            pairs.append(("tour", "1"))
        if self.pace != DEFAULT_PACE:
            pairs.append(("pace", str(self.pace)))
        if self.embed:
            pairs.append(("embed", "1"))
        return urlencode(pairs, safe=",")


@dataclass(frozen=True)
class Parsed:
    """A state read from a query string, and what was dropped from it."""

    state: FilterState
    dropped: tuple[str, ...]


def parse_query(
    query: str,
    *,
    regions: Collection[str],
    countries: Collection[str],
    partners: Sequence[str],
) -> Parsed:
    """Read a query string, keeping only values that name a real region, country or partner."""
    fields = query.lstrip("?").split("&")
    too_many = len(fields) > MAX_FIELDS
    params = parse_qs("&".join(fields[:MAX_FIELDS]), keep_blank_values=True)
    parsed = parse_params(params, regions=regions, countries=countries, partners=partners)
    if too_many:
        dropped = (
            *parsed.dropped,
            f"{len(fields) - MAX_FIELDS} parameters past the first {MAX_FIELDS}",
        )
        return Parsed(parsed.state, dropped)
    return parsed


def parse_params(
    params: Mapping[str, Sequence[str]],
    *,
    regions: Collection[str],
    countries: Collection[str],
    partners: Sequence[str],
) -> Parsed:
    """As parse_query, from already-split parameters."""
    dropped: list[str] = []

    def one(name: str, valid: Collection[str], normalise=str) -> str | None:
        values = [v for v in params.get(name, []) if v != ""]
        if not values:
            return None
        value = values[-1]
        candidate = normalise(value) if len(value) <= MAX_VALUE_LENGTH else None
        if candidate in valid:
            return candidate
        dropped.append(f"{name}={_show(value)}")
        return None

    chosen: list[str] = []
    for raw in params.get("partner", []):
        for value in raw.split(","):
            if not value:
                continue
            if value in partners and len(value) <= MAX_VALUE_LENGTH:
                if value not in chosen:
                    chosen.append(value)
            else:
                dropped.append(f"partner={_show(value)}")

    def flag(name: str, on: str = "1", off: str = "0") -> str:
        value = params.get(name, [""])[-1]
        if value not in ("", on, off):
            dropped.append(f"{name}={_show(value)}")
            return ""
        return value

    pace = DEFAULT_PACE
    pace_text = params.get("pace", [""])[-1]
    if pace_text:
        if pace_text.isdigit() and PACE_RANGE[0] <= int(pace_text) <= PACE_RANGE[1]:
            pace = int(pace_text)
        else:
            dropped.append(f"pace={_show(pace_text)}")
    present = flag("mode", on="present", off="explore") == "present"
    tour = flag("tour") == "1"
    state = FilterState(
        region=one("region", regions, str.lower),
        country=one("country", countries, str.upper),
        partners=tuple(chosen),
        focus=one("focus", partners),
        count_regions=flag("regions") != "0",
        present=present or tour,  # a tour is always presented
        tour=tour,
        pace=pace,
        embed=flag("embed") == "1",
    )
    return Parsed(state, tuple(dropped))


def _show(value: str) -> str:
    """A dropped value as it can be quoted back to the visitor: short, printable."""
    printable = "".join(ch if ch.isprintable() else "?" for ch in value)
    return printable if len(printable) <= 40 else printable[:39] + "…"
