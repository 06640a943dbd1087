"""Load and validate a data folder into its tables, or list every problem with it.

Nothing here stops at the first problem: each file is checked in full, and the
tables are built only when no error was found, so bad data is never half-loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from dashboard.data import schema
from dashboard.data.areas import INVALID, load_areas
from dashboard.data.commands import dashboard_command
from dashboard.data.csvfile import Record, read_table
from dashboard.data.geocache import Entry, by_place, hq_place, hq_query, read_cache
from dashboard.data.partners import load_partners
from dashboard.data.problems import DataError, Problem, errors
from dashboard.data.region_names import area_advice, m49_named
from dashboard.data.rows import Reporter, resolved_country
from dashboard.data.schema import LINK_BASES, Basis
from dashboard.data.site import Site, read_site


@dataclass(frozen=True)
class Tables:
    """A valid data folder as frames (columns in dashboard.data.schema); the network
    (dashboard/network.py) is built from them."""

    partners: pd.DataFrame  # one row per partner, in the file's order, with coordinates
    links: pd.DataFrame  # one row per partner x served country
    statements: pd.DataFrame  # one row per served area, in the source's words


@dataclass(frozen=True)
class Checked:
    """The outcome of validating a data folder: its tables when there were no errors."""

    tables: Tables | None
    problems: list[Problem]
    site: Site = field(default_factory=Site)


def load(data_dir: Path, *, cache_optional: bool = False) -> Checked:
    """The validated data folder (tables and site settings); raises DataError.

    With `cache_optional` (the server's start-up), a geocache.json that is missing,
    unreadable or broken is a warning: the dashboard serves, and the partners it
    held coordinates for are shown as not geocoded, rather than not serving at all.
    """
    checked = check_data(data_dir, cache_optional=cache_optional)
    if checked.tables is None:
        raise DataError(checked.problems)
    return checked


def check_data(data_dir: Path, *, cache_optional: bool = False) -> Checked:
    """Validate every file of `data_dir` and build its tables if nothing is wrong."""
    problems: list[Problem] = []
    areas = load_areas(data_dir / schema.AREAS_CSV, problems)
    partners = load_partners(data_dir / schema.PARTNERS_CSV, problems)
    statements = _load_served(data_dir / schema.SERVED_CSV, partners, areas, problems)
    cache, cache_problems = read_cache(data_dir / schema.GEOCACHE_JSON)
    if cache_optional and errors(cache_problems):
        cache = {}
        cache_problems = [
            replace(p, severity="warning", message=f"{p.message}; serving without coordinates")
            for p in cache_problems
        ]
    problems.extend(cache_problems)
    site, site_problems = read_site(data_dir)
    problems.extend(site_problems)
    if errors(problems):
        return Checked(None, problems)
    assert partners is not None  # an unreadable file is an error
    problems.extend(_uncached(data_dir / schema.GEOCACHE_JSON, partners, cache))
    return Checked(_build(partners, statements, cache), problems, site)


# served.csv


def _load_served(
    path: Path,
    partners: list[dict[str, object]] | None,
    areas: dict[str, list[str] | None] | None,
    problems: list[Problem],
) -> list[dict[str, object]]:
    # Where partners.csv or areas.csv could not be read, references into them are
    # not checked: every row would be reported for a problem already reported once.
    table = read_table(path, schema.SERVED_REQUIRED)
    problems.extend(table.problems)
    ids = {p["id"] for p in partners} if partners is not None else None
    statements = []
    for record in table.records:
        found = Reporter(table.file, record, problems)
        pid, basis, place = record["partner_id"], record["basis"], record["place"]
        if ids is not None and pid not in ids:
            found("partner_id", f"no partner has this id in {schema.PARTNERS_CSV}")
        if not record["words"]:
            found("words", "keep the source's own words for this served area")
        statements.append(
            {
                "partner_id": pid,
                "words": record["words"],
                "basis": basis,
                "place": place,
                "countries": tuple(c for c in _served_countries(record, areas, found) if c),
            }
        )
    return statements


def _served_countries(
    record: Record, areas: dict[str, list[str] | None] | None, found: Reporter
) -> list[str]:
    """The countries a served.csv row links its partner to, by its basis."""
    basis, place = record["basis"], record["place"]
    if basis == Basis.NAMED:
        if not place:
            found("place", "a named link needs the country's name")
            return []
        return [resolved_country(place, "place", found, served=True)]
    if basis == Basis.REGION:
        if areas is None or (place in areas and areas[place] is INVALID):
            return []  # its problem is reported in areas.csv already
        if place not in areas:
            known = ", ".join(sorted(areas)) or "none yet"
            codes = m49_named(place)
            advice = f"; {area_advice(place, codes)}" if codes else ""
            found("place", f"no area of this name in {schema.AREAS_CSV} (known: {known}){advice}")
            return []
        return areas[place]
    if basis in (Basis.WORLDWIDE, Basis.VAGUE):
        if place:
            found("place", f"must be empty when basis is '{basis}'")
        return []
    found("basis", f"must be one of {', '.join(schema.SERVED_BASES)}")
    return []


# geocache.json


def _uncached(
    path: Path, partners: list[dict[str, object]], cache: dict[str, Entry]
) -> list[Problem]:
    """Warnings: headquarters the cache has no entry for, and entries for no headquarters.

    An entry's key and a partner's headquarters match when they name the same place,
    (city, ISO alpha-3), however each spells the country."""
    places = by_place(cache)
    headquarters = {
        hq_place(p["hq_city"], p["hq_country"]): hq_query(p["hq_city"], p["hq_country"])
        for p in partners
        if p["hq_city"]
    }
    problems = [
        Problem(str(path), None, _not_geocoded(path.parent, query), severity="warning")
        for place, query in headquarters.items()
        if place not in places
    ]
    problems.extend(
        Problem(
            str(path),
            None,
            f"entry '{entry.query}' (read as '{place[0]}' in {place[1]}) is the "
            f"headquarters of no partner in {schema.PARTNERS_CSV}, so it is not used: "
            "correct its city or country (any name or ISO code of the country will do), "
            "or remove it",
            severity="warning",
        )
        for place, entry in places.items()
        if place not in headquarters
    )
    return problems


def _not_geocoded(data_dir: Path, query: str) -> str:
    """The warning for a headquarters with no coordinates, with the commands that fill
    them in for this folder."""
    by_hand = ("--set", query, "LAT", "LON", "--source", "where the coordinates come from")
    return (
        f"'{query}' is not geocoded yet, so it has no marker. Offline: "
        f"`{dashboard_command(data_dir, 'geocode', '--gazetteer')}` (GeoNames' cities, no "
        f"network needed), or by hand: `{dashboard_command(data_dir, 'geocode', *by_hand)}` "
        f"(LAT and LON in decimal degrees); online: `{dashboard_command(data_dir, 'geocode')}` "
        "(asks Nominatim)"
    )


# building the frames


def _build(
    partners: list[dict[str, object]],
    statements: list[dict[str, object]],
    cache: dict[str, Entry],
) -> Tables:
    places = by_place(cache)
    for partner in partners:
        entry = (
            places.get(hq_place(partner["hq_city"], partner["hq_country"]))
            if partner["hq_city"]
            else None
        )
        partner["latitude"] = entry.latitude if entry else float("nan")
        partner["longitude"] = entry.longitude if entry else float("nan")
        partner["geocode_source"] = entry.source if entry else ""
    partners_frame = pd.DataFrame(partners, columns=schema.PARTNER_COLUMNS)
    partners_frame["founded"] = partners_frame["founded"].astype("Int64")

    statements_frame = pd.DataFrame(statements, columns=schema.STATEMENT_COLUMNS)
    return Tables(partners_frame, _links(statements_frame), statements_frame)


def _links(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per partner x served country; a country named outright outranks the
    same country reached through a named region."""
    linked = statements[statements["basis"].isin(LINK_BASES)]
    rows = linked.assign(iso3=linked["countries"]).explode("iso3").dropna(subset=["iso3"])
    rows = rows.assign(
        area=rows["place"].where(rows["basis"] == Basis.REGION, ""),
        rank=rows["basis"].map({basis: rank for rank, basis in enumerate(LINK_BASES)}),
    )
    rows = rows.sort_values(["partner_id", "iso3", "rank"], kind="stable")
    rows = rows.drop_duplicates(["partner_id", "iso3"], keep="first")
    return rows[schema.LINK_COLUMNS].reset_index(drop=True)
