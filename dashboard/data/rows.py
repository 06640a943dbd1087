"""Checking one CSV row: problems reported against its cell, and country names resolved."""

from __future__ import annotations

from dashboard.data.countries import UnknownCountry, resolve
from dashboard.data.csvfile import Record
from dashboard.data.m49 import regions
from dashboard.data.problems import Problem
from dashboard.data.region_names import area_advice, m49_named, m49_phrase


class Reporter:
    """Records a problem against one CSV row, with the cell's column and value."""

    def __init__(self, file: str, record: Record, problems: list[Problem]) -> None:
        self.file, self.record, self.problems = file, record, problems

    def __call__(self, column: str, message: str) -> None:
        """Report `message` about this row's `column`."""
        self.problems.append(
            Problem(self.file, self.record.line, message, column=column, value=self.record[column])
        )


def resolved_country(name: str, column: str, found: Reporter, served: bool = False) -> str:
    """The ISO alpha-3 code of `name`, or "" after reporting why there is none; a
    region's name says so, and for a `served` link, how to link to the region."""
    try:
        iso3 = resolve(name)
    except UnknownCountry as error:
        found(column, f"{error}{_region_hint(name, served)}")
        return ""
    if iso3 not in regions():
        found(column, "resolves to a code with no UN M49 region")
        return ""
    return iso3


def _region_hint(name: str, served: bool) -> str:
    codes = m49_named(name)
    if not codes:
        return ""
    if served:
        advice = area_advice(name, codes)
        return f"; it is a region, not a country: give this row basis 'region'. {advice}"
    return f"; '{name}' is a region ({m49_phrase(codes)}), not a country"
