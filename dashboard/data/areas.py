"""areas.csv: what each region a source names means, as countries.

An area is a union: UN M49 codes (regions, sub-regions, intermediate regions)
plus countries listed outright, less the countries in `except`. Codes and
countries are separated by spaces; countries may also be given by name, then
separated by semicolons (`Russia; Belarus`), since names hold spaces.
"""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.data import schema
from dashboard.data.countries import UnknownCountry, resolve
from dashboard.data.csvfile import Record, read_table
from dashboard.data.m49 import m49_members
from dashboard.data.problems import Problem
from dashboard.data.region_names import m49_named, m49_phrase
from dashboard.data.rows import Reporter

# An area whose row has errors: served.csv may name it, and is not told again.
INVALID = None


def load_areas(path: Path, problems: list[Problem]) -> dict[str, list[str] | None] | None:
    """Area name -> countries (INVALID where its row has errors); None when the
    file itself could not be read."""
    table = read_table(path, schema.AREA_REQUIRED, schema.AREA_OPTIONAL)
    problems.extend(table.problems)
    if not table.readable:
        return None
    areas: dict[str, list[str] | None] = {}
    for record in table.records:
        found = Reporter(table.file, record, problems)
        area = record["area"]
        if not area:
            found("area", "an area needs a name")
            continue
        if area in areas:
            found("area", "is defined twice; give each area one row")
        if not record["definition"]:
            found("definition", "say what the area means and on what basis")
        areas[area] = _area_countries(record, found)
    return areas


def _area_countries(record: Record, found: Reporter) -> list[str] | None:
    """The area's countries, or INVALID after reporting what is wrong with its row."""
    reported = len(found.problems)
    members = _m49_countries(record, found) | _listed(record, "countries", found)
    if not record["m49"] and not record["countries"]:
        found("m49", "give M49 codes, countries (in `countries`), or both")
    excluded = _listed(record, "except", found)
    for iso3 in sorted(excluded - members):
        found("except", f"'{iso3}' is not in this area, so it cannot be left out of it")
    if len(found.problems) > reported:
        return INVALID
    return sorted(members - excluded)


def _m49_countries(record: Record, found: Reporter) -> set[str]:
    members: set[str] = set()
    for code in _items(record["m49"]):
        countries = m49_members(code.zfill(3)) if code.isdigit() else []
        if not countries and (named := m49_named(code)):
            found("m49", f"'{code}' is the name of {m49_phrase(named)}: write its code here")
        elif not countries:
            found(
                "m49",
                f"'{code}' is not a UN M49 region, sub-region or intermediate region code "
                "(e.g. 002 Africa, 015 Northern Africa, 014 Eastern Africa); list several "
                "separated by spaces, and countries M49 does not group in `countries`",
            )
        members.update(countries)
    return members


def _listed(record: Record, column: str, found: Reporter) -> set[str]:
    """The countries a `countries` or `except` cell names, by code or by name."""
    cell = record[column]
    by_name = ";" in cell
    countries: set[str] = set()
    for item in _items(cell):
        try:
            countries.add(resolve(item))
        except UnknownCountry as error:
            if named := m49_named(item):
                instead = "give its code in m49" if column == "countries" else "list its countries"
                found(column, f"'{item}' is {m49_phrase(named)}, a region: {instead}")
                continue
            hint = (
                ""
                if by_name or " " not in cell
                else (
                    "; to give countries by name, separate them with semicolons (`Russia; Belarus`)"
                )
            )
            found(column, f"'{item}': {error}{hint}")
    return countries


def _items(cell: str) -> list[str]:
    """Codes or names in a cell: split at semicolons where there are any, else at
    spaces and commas."""
    parts = cell.split(";") if ";" in cell else re.split(r"[\s,]+", cell)
    return [part.strip() for part in parts if part.strip()]
