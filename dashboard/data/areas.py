"""areas.csv: the regions a source names, each defined by M49 codes or countries."""

from __future__ import annotations

from pathlib import Path

from dashboard.data import schema
from dashboard.data.countries import is_country_code, m49_members
from dashboard.data.csvfile import Record, read_table
from dashboard.data.problems import Problem
from dashboard.data.rows import Reporter


def load_areas(path: Path, problems: list[Problem]) -> dict[str, list[str]] | None:
    """Area name -> countries; None when the file itself could not be read."""
    table = read_table(path, schema.AREA_REQUIRED, schema.AREA_OPTIONAL)
    problems.extend(table.problems)
    if not table.readable:
        return None
    areas: dict[str, list[str]] = {}
    for record in table.records:
        found = Reporter(table.file, record, problems)
        area = record["area"]
        if not area:
            found("area", "an area needs a name")
            continue
        if area in areas:
            found("area", "is defined twice")
        if not record["definition"]:
            found("definition", "say what the area means and on what basis")
        countries = _area_countries(record, found)
        if countries is not None:
            areas[area] = countries
    return areas


def _area_countries(record: Record, found: Reporter) -> list[str] | None:
    m49, listed = record["m49"], record["countries"]
    if bool(m49) == bool(listed):
        found("m49", "give either an M49 code or a list of countries (ISO alpha-3), not both")
        return None
    if m49:
        members = m49_members(m49.zfill(3)) if m49.isdigit() else []
        if not members:
            found("m49", "is not a UN M49 region, sub-region or intermediate region code")
            return None
    else:
        members = []
        for code in listed.split():
            if is_country_code(code):
                members.append(code)
            else:
                found("countries", f"'{code}' is not an ISO 3166-1 alpha-3 code")
    excluded = record["except"].split()
    for code in excluded:
        if code not in members:
            found("except", f"'{code}' is not in this area, so it cannot be left out of it")
    return sorted(set(members) - set(excluded))
