"""Countries: names to ISO 3166-1 alpha-3, display names, and UN M49 regions.

A name resolves only when it matches a known name exactly, once the differences a
person makes without meaning another country are folded away: case, accents,
punctuation, "&" for "and", "St." for "Saint" and the word "the". Known names are
- ISO 3166-1 alpha-3 codes, in any case (`rus`), and EXTRA_COUNTRIES (Kosovo, XKX);
- CLDR's English short names (Babel: "Côte d’Ivoire", "Congo - Kinshasa"), and
  pycountry's name, common name and official name; an inverted name ("Korea,
  Republic of") also in natural order ("Republic of Korea"), and a name with a
  parenthesis also without it ("Myanmar (Burma)": "Myanmar");
- ALIASES: everyday names no standard has (Holland, Bosnia, Lao PDR, UK, ...).
A name that could be two countries (AMBIGUOUS: Korea, Congo, ...) is refused with
both. Alpha-2 and numeric codes are not taken ("NA" in a cell is more often "not
available" than Namibia) but suggested as alpha-3. Anything else is refused; a
near miss only gets a "did you mean" (see `suggest`), never a guess, because
pycountry's search_fuzzy answers Nigeria for "Niger" and Serbia for "Kosovo".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import babel
import pycountry

from dashboard.data.m49 import regions

# Codes outside ISO 3166-1 that partner data needs. XKX is the user-assigned code
# for Kosovo used by the European Commission, the IMF and others.
EXTRA_COUNTRIES = {"XKX": "Kosovo"}

# Everyday names that neither CLDR nor pycountry has, as people write them.
# (Former names the standards now cover, such as Russia, Cape Verde, Czech Republic
# or Laos, need no entry: tests/unit/data/test_countries.py keeps them resolving.)
ALIASES = {
    "Bosnia": "BIH",
    "Bosnia-Herzegovina": "BIH",
    "Britain": "GBR",
    "Burma": "MMR",
    "DPRK": "PRK",
    "DR Congo": "COD",
    "DRC": "COD",
    "East Timor": "TLS",
    "Great Britain": "GBR",
    "Holland": "NLD",
    "Ivory Coast": "CIV",
    "Lao PDR": "LAO",
    "Macau": "MAC",
    "Macedonia": "MKD",
    "Palestine": "PSE",
    "Republic of Ireland": "IRL",
    "Swaziland": "SWZ",
    "Turkey": "TUR",
    "UAE": "ARE",
    "UK": "GBR",
    "US": "USA",
    "Vatican": "VAT",
}

# Names that are two countries: refused, naming both, whatever a standard says
# (pycountry's name for COG is plain "Congo"; CLDR's for MAF is "St. Martin").
AMBIGUOUS = {
    "Congo": {
        "COG": "the Republic of the Congo",
        "COD": "the Democratic Republic of the Congo",
    },
    "Korea": {"KOR": "South Korea", "PRK": "North Korea"},
    "Saint Martin": {
        "MAF": "Saint Martin, the French part",
        "SXM": "Sint Maarten, the Dutch part",
    },
    "Virgin Islands": {
        "VGB": "the British Virgin Islands",
        "VIR": "the U.S. Virgin Islands",
    },
}


class UnknownCountry(LookupError):
    """A name that is not a country we can resolve exactly."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown country{hint}")


class AmbiguousCountry(UnknownCountry):
    """A name that could be more than one country: `candidates` maps each code to a name."""

    def __init__(self, name: str, candidates: dict[str, str]) -> None:
        super().__init__(name, list(candidates))
        self.candidates = candidates
        named = [f"{label} ({iso3})" for iso3, label in candidates.items()]
        either = " or ".join([", ".join(named[:-1]), named[-1]] if len(named) > 2 else named)
        self.args = (f"ambiguous country: could be {either}; write the code or the full name",)


GENERIC_WORDS = frozenset(
    [
        "and",
        "arab",
        "bolivarian",
        "commonwealth",
        "democratic",
        "federal",
        "federated",
        "federation",
        "federative",
        "independent",
        "islamic",
        "kingdom",
        "of",
        "people",
        "peoples",
        "plurinational",
        "principality",
        "republic",
        "socialist",
        "state",
        "states",
        "sultanate",
        "union",
        "united",
    ]
)
_JOINERS = str.maketrans("", "", "'’‘ʼ`´.")  # "Côte d’Ivoire" ~ "Cote dIvoire", "U.K." ~ "UK"
_PUNCTUATION = re.compile(r"[\W_]+")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def _key(name: str) -> str:
    """`name` with case, accents, punctuation, "&", "St." and "the" folded away."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ").translate(_JOINERS)
    words = _PUNCTUATION.sub(" ", text).split()
    return " ".join("saint" if word == "st" else word for word in words if word != "the")


def name_key(name: str) -> str:
    """`name` as names are compared here: case, accents, punctuation, "&", "St." and
    "the" folded away (for other names compared the same way, such as regions')."""
    return _key(name)


def resolve(name: str) -> str:
    """The ISO 3166-1 alpha-3 code for a country code or name.

    Raises AmbiguousCountry for a name of two countries, UnknownCountry otherwise.
    """
    inverted = _natural_order(name)
    candidates = _index().get(_key(name)) or (inverted and _index().get(_key(inverted)))
    if not candidates:
        raise UnknownCountry(name, suggest(name))
    if len(candidates) > 1:
        raise AmbiguousCountry(name, candidates)
    return next(iter(candidates))


def suggest(name: str, limit: int = 2) -> list[str]:
    """Names close to `name` the way a typo is, for a "did you mean" hint; never used to resolve.

    A code of another kind or case gets its alpha-3 ("ke", "404": "KEN"). A name is
    near when it starts with the same letter and is a few edits away: one edit in a
    name of up to five letters, two up to ten, three beyond, counting only letters
    outside GENERIC_WORDS ("republic", "of", ...). So "Tanzanai" and "Republic of
    Kenia" are near Tanzania and Kenya, but Holland is not near Poland (another
    first letter), Korea not near Kenya (three edits), "Republic of Kenia" not near
    "Republic of Benin" (two edits in "kenia"). Failing that, a name that begins
    another ("Sao Tome", "Trinidad") gets the whole one.
    """
    key = _key(name)
    code = _code_in_other_form(key)
    if code or not key:
        return [code] if code else []
    core = _core(key)
    best: dict[str, tuple[int, int, int, str]] = {}
    for rank, known in enumerate(_known()):
        if len(_index()[known.key]) > 1:
            continue  # never suggest a name that does not resolve ("Congo")
        near = min(_near(key, known.key, len(core)), _near(core, known.core, len(core)))
        if near == _FAR and len(core) >= 4 and f"{known.core} ".startswith(f"{core} "):
            near = _FAR - 1  # a beginning: after every typo
        if near < _FAR:
            score = (near, _distance(key, known.key), rank, known.written)
            best[known.iso3] = min(best.get(known.iso3, score), score)
    return [written for *_, written in sorted(best.values())[:limit]]


def _code_in_other_form(key: str) -> str:
    """The alpha-3 code that `key` writes as alpha-3 in lower case, alpha-2 or numeric."""
    if key.upper() in _codes():
        return key.upper()
    found = None
    if len(key) == 2 and key.isalpha():
        found = pycountry.countries.get(alpha_2=key.upper())
    elif len(key) == 3 and key.isdigit():
        found = pycountry.countries.get(numeric=key)
    return found.alpha_3 if found else ""


_FAR = 99


def _near(typed: str, known: str, letters: int) -> int:
    """The edits from `typed` to `known` when few for a name of so many `letters`; or _FAR."""
    if typed[0] != known[0] or (typed != known and letters < 4):
        return _FAR
    allowed = 1 if letters <= 5 else 2 if letters <= 10 else 3
    if abs(len(typed) - len(known)) > allowed:
        return _FAR
    edits = _distance(typed, known)
    return edits if edits <= allowed else _FAR


def _distance(a: str, b: str) -> int:
    """Edits from `a` to `b`: insertions, deletions, substitutions, swaps of neighbours."""
    before, previous = [0] * (len(b) + 1), list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
    return previous[-1]


def _core(key: str) -> str:
    """`key` less GENERIC_WORDS, and less words one edit from a long one ("republik")."""
    kept = [word for word in key.split() if not _generic(word)]
    return " ".join(kept) or key


@cache
def _generic(word: str) -> bool:
    return word in GENERIC_WORDS or (
        len(word) >= 6 and any(len(g) >= 6 and _distance(word, g) <= 1 for g in GENERIC_WORDS)
    )


@dataclass(frozen=True)
class _Known:
    """A name we resolve: folded, folded less generic words, as written, and its code."""

    key: str
    core: str
    written: str
    iso3: str


@cache
def _codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(EXTRA_COUNTRIES)


@cache
def _known() -> tuple[_Known, ...]:
    """Every name we resolve (codes aside), the preferred spelling of each country first."""
    cldr = babel.Locale("en").territories
    written: list[tuple[str, str]] = []
    for country in pycountry.countries:
        names = [cldr.get(country.alpha_2)]
        names += [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
        written += [(name, country.alpha_3) for name in names if name]
    written += [(name, iso3) for iso3, name in EXTRA_COUNTRIES.items()]
    written += [(name, iso3) for name, iso3 in ALIASES.items()]
    every = [(variant, iso3) for name, iso3 in written for variant in _variants(name)]
    return tuple(
        _Known(_key(name), _core(_key(name)), name, iso3)
        for name, iso3 in dict.fromkeys(every)
        if _key(name)
    )


def _variants(name: str) -> Iterator[str]:
    """`name`, without its parenthesis, and in natural order when inverted."""
    yield name
    bare = _PARENTHESIS.sub("", name)
    if bare != name:
        yield bare
    if inverted := _natural_order(bare):
        yield inverted


def _natural_order(name: str) -> str:
    """The natural order "Y X" of a name inverted as "X, Y" ("Korea, Republic of",
    "Virgin Islands, U.S.", "Korea, South"); "" for any other name, such as one that
    lists ("Bonaire, Sint Eustatius and Saba")."""
    head, _, tail = (part.strip() for part in name.rpartition(","))
    if head and tail and "," not in head and (tail.endswith((" of", " of the")) or " " not in tail):
        return f"{tail} {head}"
    return ""


@cache
def _index() -> dict[str, dict[str, str]]:
    """Folded name or code: the countries it names, each with a name for a message."""
    index: dict[str, dict[str, str]] = {}
    for known in _known():
        index.setdefault(known.key, {}).setdefault(known.iso3, country_name(known.iso3))
    for code in _codes():
        index.setdefault(_key(code), {}).setdefault(code, country_name(code))
    index.update({_key(name): dict(candidates) for name, candidates in AMBIGUOUS.items()})
    return index


def country_name(iso3: str) -> str:
    """The short name people use: "Tanzania" rather than "Tanzania, United Republic of";
    the official one where the short one names two countries ("Congo")."""
    if iso3 in EXTRA_COUNTRIES:
        return EXTRA_COUNTRIES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise UnknownCountry(iso3, [])
    name = getattr(country, "common_name", None) or country.name
    if _key(name) in _ambiguous_keys():
        return getattr(country, "official_name", None) or name
    return name


@cache
def _ambiguous_keys() -> frozenset[str]:
    return frozenset(_key(name) for name in AMBIGUOUS)


def is_country_code(code: str) -> bool:
    """Whether `code` is an alpha-3 code of ISO 3166-1 or one of EXTRA_COUNTRIES."""
    return code in regions()
