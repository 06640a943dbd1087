"""Countries and UN M49 regions named in the visitor's language, and sorted in its
alphabetical order: CLDR's names, worked out once per language."""

from __future__ import annotations

from functools import cache

import pandas as pd

from dashboard.atlas import Atlas, RegionOption
from dashboard.data.language import Language


@cache
def country_names(atlas: Atlas, lang: Language) -> pd.Series:
    """Every country's name (index: ISO3) in this language."""
    english = atlas.countries["name"]
    return pd.Series(
        [lang.country(iso3, name) for iso3, name in english.items()], index=english.index
    )


@cache
def region_names(atlas: Atlas, lang: Language) -> dict[str, str]:
    """Every M49 group's name by its code, in this language."""
    names = {r.code: lang.region(r.code, r.name) for r in atlas.regions}
    for level in ("region", "subregion"):
        codes = atlas.countries[[f"{level}_code", level]].drop_duplicates()
        for code, name in codes.itertuples(index=False):
            if code:
                names.setdefault(code, lang.region(code, name))
    return names


def region_name(region: RegionOption, atlas: Atlas, lang: Language) -> str:
    return region_names(atlas, lang)[region.code]


@cache
def country_lookup(atlas: Atlas, lang: Language) -> dict[str, str]:
    """country_names as a dict, for names looked up one at a time (a map's places, a
    card's countries): Series.get is slower."""
    return country_names(atlas, lang).to_dict()


def place_name(city: str, iso3: str, atlas: Atlas, lang: Language) -> str:
    """'Nairobi, Kenya': the city as the data writes it, the country in this language."""
    country = country_lookup(atlas, lang).get(iso3, iso3)
    return lang._("{city}, {country}").format(city=city, country=country)


def sorted_by_name(codes, names, lang: Language) -> list:
    """`codes` in the alphabetical order of their names in this language."""
    return sorted(codes, key=lambda code: lang.sort_key(names[code]))
