"""UN M49 regions by name, for a hint where a region's name stands where its code or an
area of areas.csv belongs: "Europe" is M49 150, so a row `Europe,150` would do.

Names are M49's own (regions.csv: "Northern Africa", "Latin America and the
Caribbean") and CLDR's for the same codes in each language with a catalog ("Latin
America", "Afrique", "Европа"), compared as country names are (case, accents and
punctuation aside). Only a code areas.csv accepts is offered; nothing is guessed
from a name that is not one of these ("North Africa" gets no hint).
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from dashboard.data.countries import name_key
from dashboard.data.language import available
from dashboard.data.m49 import regions


def m49_named(name: str) -> dict[str, str]:
    """The M49 groupings `name` names, code: M49's English name; {} for none."""
    return dict(_by_name().get(name_key(name), {}))


def m49_phrase(codes: dict[str, str]) -> str:
    """'UN M49 150 (Europe)', or two such joined by 'or'."""
    return " or ".join(f"UN M49 {code} ({label})" for code, label in sorted(codes.items()))


def area_advice(name: str, codes: dict[str, str]) -> str:
    """What to add to areas.csv for the M49 region(s) `codes` that `name` names."""
    if len(codes) > 1:
        return f"'{name}' is {m49_phrase(codes)}: add to areas.csv a row for it with its code"
    code, label = next(iter(codes.items()))
    return (
        f"'{name}' is {m49_phrase(codes)}: add to areas.csv a row with area '{name}', "
        f"m49 '{code}' and a definition, e.g. `{name},{code},,,UN M49 {code} {label}`"
    )


@cache
def _by_name() -> dict[str, dict[str, str]]:
    names: dict[str, str] = {}  # code: M49's English name, for every grouping with countries
    for region in regions().values():
        for code, label in (
            (region.region_code, region.region),
            (region.subregion_code, region.subregion),
            (region.intermediate_code, region.intermediate),
        ):
            if code:
                names[code] = label
    locales = [Locale.parse(code) for code in available()]
    index: dict[str, dict[str, str]] = {}
    for code, label in names.items():
        for written in {label, *(locale.territories.get(code) for locale in locales)}:
            if written:
                index.setdefault(name_key(written), {})[code] = label
    return index
