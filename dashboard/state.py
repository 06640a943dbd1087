"""What a visitor is looking at: what is selected (FilterState) and how it is shown (Mode).

Both round-trip to the URL query string, with names kept stable because links are
printed on slides and handouts: `region`, `country`, `partner` (repeatable or
comma-separated), `focus`, `regions=0` (count only countries named outright),
`mode=present`, `tour=1` (or `tour=dates`, the tour in date order), `pace` (seconds
a tour stays on each partner),
`embed=1` and `lang` (the page's language, where the visitor chose one). A link
and the page's controls are read by the same checks: a request can say anything,
so only values that name a real region, country, partner or language count.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode

MAX_VALUE_LENGTH = 100  # longer values are dropped: no id, code or slug is this long
MAX_FIELDS = 50  # parameters read from a link; the rest are named in the notice
DEFAULT_PACE = 8
PACE_RANGE = (3, 120)
DEFAULT_ASPECT = 1.8  # width / height of the map's frame until the browser says
ASPECT_RANGE = (0.5, 4.0)
TOUR_IN_DATE_ORDER = "dates"  # tour=dates: the tour follows the timeline
# The browser's screen, as assets/screen.js writes it into a cookie before the app asks
# for its first layout: words from SCREEN_WORDS, dot-separated ("small.touch").
SCREEN_COOKIE = "partner-map-screen"
SCREEN_WORDS = ("small", "touch")


@dataclass(frozen=True)
class FilterState:
    """What is selected. Empty means "everything"."""

    region: str | None = None  # a region slug, e.g. "eastern-africa"
    country: str | None = None  # ISO 3166-1 alpha-3, e.g. "KEN"
    partners: tuple[str, ...] = ()  # partner ids, in the order given
    focus: str | None = None  # the partner whose lines and card are highlighted
    count_regions: bool = True  # count countries reached through a named region

    def with_(self, **changes: object) -> FilterState:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def filters(self) -> FilterState:
        """Only what selects partners and links: the focus does not."""
        return replace(self, focus=None)


@dataclass(frozen=True)
class Mode:
    """How the selection is shown."""

    present: bool = False  # presenter mode: projector theme, large type
    tour: bool = False  # the guided tour runs (always in presenter mode)
    pace: int = DEFAULT_PACE  # seconds the tour stays on each partner
    embed: bool = False  # only the map and its filters, for an iframe
    aspect: float = DEFAULT_ASPECT  # the map frame's width / height on this screen
    dates: bool = False  # the tour goes in date order (views/timeline.py), not the data's
    small: bool = False  # a phone-sized screen: markers and dots drawn for it
    touch: bool = False  # a touch screen: a finger on the map scrolls the page

    def as_data(self) -> dict:
        """The page-mode flags as the browser keeps them (the pace has its own control)."""
        return {
            "present": self.present,
            "tour": self.tour,
            "dates": self.tour and self.dates,
            "embed": self.embed,
        }

    def screen(self) -> str:
        """The screen it is drawn for, in the cookie's words: "small.touch", or ""."""
        return ".".join(word for word in SCREEN_WORDS if getattr(self, word))


EXPLORE = Mode()  # the default: exploring, not presenting


@dataclass(frozen=True)
class Vocabulary:
    """The values a link or a control may name: anything else is dropped."""

    regions: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    partners: tuple[str, ...] = ()  # in the network's order
    languages: frozenset[str] = frozenset({"en"})  # codes of the enabled languages
    partner_set: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "partner_set", frozenset(self.partners))


@dataclass(frozen=True)
class Parsed:
    """A state read from a query string, and what was dropped from it."""

    state: FilterState
    mode: Mode
    dropped: tuple[str, ...]
    lang: str | None = None  # the language the link asks for, if any


def to_query(state: FilterState, mode: Mode = EXPLORE, lang: str | None = None) -> str:
    """The query string for a view, without the leading '?'; '' for the default. The
    language goes first: it says how to read the rest."""
    pairs: list[tuple[str, str]] = [("lang", lang)] if lang else []
    if state.region:
        pairs.append(("region", state.region))
    if state.country:
        pairs.append(("country", state.country))
    if state.partners:
        pairs.append(("partner", ",".join(state.partners)))
    if state.focus:
        pairs.append(("focus", state.focus))
    if not state.count_regions:
        pairs.append(("regions", "0"))
    if mode.present:
        pairs.append(("mode", "present"))
    if mode.tour:
        pairs.append(("tour", "dates" if mode.dates else "1"))
    if mode.present and mode.pace != DEFAULT_PACE:  # the pace only matters to a presenter
        pairs.append(("pace", str(mode.pace)))
    if mode.embed:
        pairs.append(("embed", "1"))
    return urlencode(pairs, safe=",")


def parse_query(query: str, known: Vocabulary) -> Parsed:
    """Read a query string, keeping only values that name a real region, country or partner."""
    fields = query.lstrip("?").split("&")
    params = parse_qs("&".join(fields[:MAX_FIELDS]), keep_blank_values=True)
    parsed = parse_params(params, known)
    if len(fields) > MAX_FIELDS:
        extra = f"{len(fields) - MAX_FIELDS} parameters past the first {MAX_FIELDS}"
        return replace(parsed, dropped=(*parsed.dropped, extra))
    return parsed


def parse_params(params: Mapping[str, Sequence[str]], known: Vocabulary) -> Parsed:
    """As parse_query, from already-split parameters."""
    reader = _Reader(params)
    pace_text = reader.last("pace")
    pace = DEFAULT_PACE
    if pace_text:
        if pace_text.isdigit() and PACE_RANGE[0] <= int(pace_text) <= PACE_RANGE[1]:
            pace = int(pace_text)
        else:
            reader.drop("pace", pace_text)
    tour_value = reader.flag("tour", extra=TOUR_IN_DATE_ORDER)
    tour = tour_value in ("1", TOUR_IN_DATE_ORDER)
    state = FilterState(
        region=reader.one("region", known.regions, str.lower),
        country=reader.one("country", known.countries, str.upper),
        partners=reader.partners(known.partner_set),
        focus=reader.one("focus", known.partner_set),
        count_regions=reader.flag("regions") != "0",
    )
    mode = Mode(
        present=reader.flag("mode", on="present", off="explore") == "present" or tour,
        tour=tour,
        dates=tour_value == TOUR_IN_DATE_ORDER,
        pace=pace,
        embed=reader.flag("embed") == "1",
    )
    lang = reader.one("lang", known.languages, str.lower)
    return Parsed(state, mode, tuple(reader.dropped), lang)


def state_from_controls(
    region: object,
    country: object,
    partners: object,
    count_regions: object,
    focus: object,
    known: Vocabulary,
) -> FilterState:
    """The filter controls' values as a FilterState, by the same checks as a link."""
    chosen = partners if isinstance(partners, list) else []
    return FilterState(
        region=known_value(region, known.regions),
        country=known_value(country, known.countries),
        partners=tuple(dict.fromkeys(p for p in chosen if known_value(p, known.partner_set))),
        focus=known_value(focus, known.partner_set),
        count_regions=count_regions is not False,
    )


def mode_from_controls(
    view: object, pace: object, aspect: object = None, screen: object = None
) -> Mode:
    """The page-mode flags, the pace box, the map frame's shape and the screen (its
    cookie's value) as a Mode."""
    flags = view if isinstance(view, dict) else {}
    return Mode(
        present=flags.get("present") is True,
        tour=flags.get("tour") is True,
        dates=flags.get("tour") is True and flags.get("dates") is True,
        pace=clamped_pace(pace),
        embed=flags.get("embed") is True,
        aspect=rounded_aspect(aspect),
        **screen_flags(screen),
    )


def screen_flags(cookie: object) -> dict[str, bool]:
    """The screen cookie's words as Mode's flags; anything else in it counts for nothing."""
    words = cookie[:40].split(".") if isinstance(cookie, str) else []
    return {word: word in words for word in SCREEN_WORDS}


def screen_words(cookie: object) -> str:
    """The screen cookie as the words that count, in one order: "small.touch"."""
    return ".".join(word for word, on in screen_flags(cookie).items() if on)


def rounded_aspect(value: object) -> float:
    """A frame's width / height as the browser measured it, to one decimal (views of
    nearly the same shape are the same view) and within ASPECT_RANGE."""
    if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
        return DEFAULT_ASPECT
    return round(min(max(float(value), ASPECT_RANGE[0]), ASPECT_RANGE[1]), 1)


def known_value(value: object, allowed: Collection[str]) -> str | None:
    """`value` if it is one of `allowed`, else None: a request can send anything."""
    return value if isinstance(value, str) and value in allowed else None


def clamped_pace(value: object) -> int:
    """Seconds per tour step, kept inside PACE_RANGE whatever the input box holds."""
    try:
        return min(max(int(value), PACE_RANGE[0]), PACE_RANGE[1])
    except (TypeError, ValueError, OverflowError):  # None, "x", Infinity
        return DEFAULT_PACE


class _Reader:
    """Reads parameters of a link, noting each value it had to drop."""

    def __init__(self, params: Mapping[str, Sequence[str]]) -> None:
        self.params, self.dropped = params, []

    def drop(self, name: str, value: str) -> None:
        self.dropped.append(f"{name}={_show(value)}")

    def last(self, name: str) -> str:
        return self.params.get(name, [""])[-1]

    def one(self, name: str, valid: Collection[str], normalise=str) -> str | None:
        values = [v for v in self.params.get(name, []) if v != ""]
        if not values:
            return None
        value = values[-1]
        candidate = normalise(value) if len(value) <= MAX_VALUE_LENGTH else None
        if candidate in valid:
            return candidate
        self.drop(name, value)
        return None

    def partners(self, valid: Collection[str]) -> tuple[str, ...]:
        chosen: list[str] = []
        for raw in self.params.get("partner", []):
            for value in filter(None, raw.split(",")):
                if value in valid and len(value) <= MAX_VALUE_LENGTH:
                    chosen += [value] if value not in chosen else []
                else:
                    self.drop("partner", value)
        return tuple(chosen)

    def flag(self, name: str, on: str = "1", off: str = "0", extra: str = "") -> str:
        value = self.last(name)
        if value not in ("", on, off) and not (extra and value == extra):
            self.drop(name, value)
            return ""
        return value


def _show(value: str) -> str:
    """A dropped value as it can be quoted back to the visitor: short, printable."""
    printable = "".join(ch if ch.isprintable() else "?" for ch in value)
    return printable if len(printable) <= 40 else printable[:39] + "…"
