"""Countries: names to ISO 3166-1 alpha-3, display names, and UN M49 regions.

Resolution is exact: a code or a name pycountry knows, or a name in ALIASES.
A fuzzy match is only ever offered as "did you mean", because pycountry's
search_fuzzy answers Nigeria for "Niger" and Serbia for "Kosovo".
"""

from __future__ import annotations

import csv
import difflib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

REGIONS_CSV = Path(__file__).with_name("regions.csv")

# Codes outside ISO 3166-1 that partner data needs. XKX is the user-assigned code
# for Kosovo used by the European Commission, the IMF and others.
EXTRA_COUNTRIES = {"XKX": "Kosovo"}

# Everyday and former names that pycountry's exact lookup does not know.
ALIASES = {
    "bolivia": "BOL",
    "brunei": "BRN",
    "burma": "MMR",
    "cape verde": "CPV",
    "congo-brazzaville": "COG",
    "congo-kinshasa": "COD",
    "czech republic": "CZE",
    "democratic republic of the congo": "COD",
    "dr congo": "COD",
    "drc": "COD",
    "east timor": "TLS",
    "great britain": "GBR",
    "holy see": "VAT",
    "ivory coast": "CIV",
    "kosovo": "XKX",
    "laos": "LAO",
    "macedonia": "MKD",
    "micronesia": "FSM",
    "north korea": "PRK",
    "palestine": "PSE",
    "republic of the congo": "COG",
    "russia": "RUS",
    "south korea": "KOR",
    "swaziland": "SWZ",
    "the gambia": "GMB",
    "the netherlands": "NLD",
    "turkey": "TUR",
    "u.k.": "GBR",
    "u.s.": "USA",
    "u.s.a.": "USA",
    "uk": "GBR",
    "united states of america": "USA",
    "us": "USA",
    "usa": "USA",
    "vatican": "VAT",
    "vatican city": "VAT",
}


class UnknownCountry(LookupError):
    """A name that is not a country we can resolve exactly."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown country{hint}")


@dataclass(frozen=True)
class Region:
    """A country's UN M49 region, sub-region and intermediate region (names and codes)."""

    iso3: str
    region_code: str
    region: str
    subregion_code: str
    subregion: str
    intermediate_code: str
    intermediate: str
    latitude: float | None  # a representative point (HDX); None for Kosovo and UMI
    longitude: float | None

    def codes(self) -> set[str]:
        """Every M49 grouping this country belongs to."""
        return {c for c in (self.region_code, self.subregion_code, self.intermediate_code) if c}


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    return " ".join(text.casefold().split())


def resolve(name: str) -> str:
    """The ISO 3166-1 alpha-3 code for a country code or name; raises UnknownCountry."""
    folded = _fold(name)
    if not folded:
        raise UnknownCountry(name, [])
    if folded.upper() in EXTRA_COUNTRIES:
        return folded.upper()
    if folded in ALIASES:
        return ALIASES[folded]
    try:
        return pycountry.countries.lookup(folded).alpha_3
    except LookupError:
        raise UnknownCountry(name, suggest(name)) from None


def suggest(name: str, limit: int = 2) -> list[str]:
    """Names close to `name`, for a "did you mean" hint; never used to resolve."""
    names = _known_names()
    close = difflib.get_close_matches(_fold(name), list(names), n=limit, cutoff=0.75)
    return [names[c] for c in close]


@cache
def _known_names() -> dict[str, str]:
    names = {_fold(alias): alias.title() for alias in ALIASES}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[_fold(value)] = value
    names.update({_fold(v): v for v in EXTRA_COUNTRIES.values()})
    return names


def country_name(iso3: str) -> str:
    """The short name people use: "Tanzania" rather than "Tanzania, United Republic of"."""
    if iso3 in EXTRA_COUNTRIES:
        return EXTRA_COUNTRIES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise UnknownCountry(iso3, [])
    return getattr(country, "common_name", None) or country.name


def is_country_code(code: str) -> bool:
    """Whether `code` is an alpha-3 code of ISO 3166-1 or one of EXTRA_COUNTRIES."""
    return code in regions()


@cache
def regions() -> dict[str, Region]:
    """The UN M49 regions of every country, from the committed snapshot."""
    with REGIONS_CSV.open(encoding="utf-8", newline="") as f:
        return {
            row["iso3"]: Region(
                iso3=row["iso3"],
                region_code=row["region_code"],
                region=row["region"],
                subregion_code=row["subregion_code"],
                subregion=row["subregion"],
                intermediate_code=row["intermediate_code"],
                intermediate=row["intermediate"],
                latitude=float(row["latitude"]) if row["latitude"] else None,
                longitude=float(row["longitude"]) if row["longitude"] else None,
            )
            for row in csv.DictReader(f)
        }


def m49_members(code: str) -> list[str]:
    """The countries in an M49 region, sub-region or intermediate region, by code."""
    return sorted(iso3 for iso3, region in regions().items() if code in region.codes())
