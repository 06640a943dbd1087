"""partners.csv: who each partner is, its headquarters, dates and site, checked row by row."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.data import schema
from dashboard.data.countries import country_name
from dashboard.data.csvfile import Record, read_table, translation_of
from dashboard.data.language import code_of
from dashboard.data.problems import Problem
from dashboard.data.rows import Reporter, resolved_country


def load_partners(path: Path, problems: list[Problem]) -> list[dict[str, object]] | None:
    """One dict per partner row; None when the file itself could not be read."""
    table = read_table(
        path, schema.PARTNER_REQUIRED, schema.PARTNER_OPTIONAL, schema.PARTNER_TRANSLATABLE
    )
    problems.extend(table.problems)
    if not table.readable:
        return None
    partners: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for record in table.records:
        found = Reporter(table.file, record, problems)
        pid = record["id"]
        if not pid:
            found("id", "every partner needs an id")
        elif not re.fullmatch(schema.ID_PATTERN, pid):
            found("id", "use letters, digits, '-' and '_' only (it appears in links)")
        elif pid in seen:
            found("id", f"is used twice (first on line {seen[pid]})")
        else:
            seen[pid] = record.line
        if not record["name"]:
            found("name", "every partner needs a name")
        partners.append(
            {
                "id": pid,
                "name": record["name"],
                "acronym": record["acronym"],
                **_headquarters(record, found),
                **_dates(record, found),
                "website": _website(record, found),
                "description": record["description"],
                "translations": _translations(record, found),
            }
        )
    return partners


def _translations(record: Record, found: Reporter) -> dict[tuple[str, str], str]:
    """The organisation's own translations of the partner's name and description."""
    given = {}
    for column, value in record.cells.items():
        translated = translation_of(column, schema.PARTNER_TRANSLATABLE)
        if not translated or not value:
            continue
        base, code = translated
        if not record[base]:
            found(column, f"translates {base}, but {base} itself is empty: write the original")
        else:
            given[(base, code_of(code))] = value
    return given


def _headquarters(record: Record, found: Reporter) -> dict[str, object]:
    city, country = record["hq_city"], record["hq_country"]
    basis = schema.HQ_BASIS_ALIASES.get(record["hq_basis"], record["hq_basis"])
    iso3 = ""
    if basis not in schema.HQ_BASES:
        known = ", ".join(basis for basis in schema.HQ_BASES if basis)
        found("hq_basis", f"must be one of {known}, or empty when nothing is recorded")
    if country:
        iso3 = resolved_country(country, "hq_country", found)
    if basis in schema.HQ_UNKNOWN:
        if city or country:
            said = f"says {basis}" if basis else "is empty (nothing recorded)"
            found("hq_basis", f"{said}, but hq_city or hq_country is filled in")
    elif basis in schema.HQ_BASES:
        if not city:
            found("hq_city", f"is empty but hq_basis says '{basis}' (use not-published)")
        if not country:
            found("hq_country", f"is empty but hq_basis says '{basis}' (use not-published)")
        if not record["hq_source"]:
            found("hq_source", "say where the headquarters was found")
    return {
        "hq_city": city,
        "hq_country": iso3,
        "hq_country_name": country_name(iso3) if iso3 else "",
        "hq_basis": basis,
        "hq_source": record["hq_source"],
    }


def _dates(record: Record, found: Reporter) -> dict[str, object]:
    founded, mou = record["founded"], record["mou"]
    # A date the sources were searched for and do not give is written not-published.
    founded_unknown = founded if founded == schema.NOT_PUBLISHED else ""
    mou_unknown = mou if mou == schema.NOT_PUBLISHED else ""
    founded, mou = ("" if founded_unknown else founded), ("" if mou_unknown else mou)
    year = pd.NA
    if founded:
        if re.fullmatch(r"\d{4}", founded) and 1000 <= int(founded) <= date.today().year:
            year = int(founded)
        else:
            found(
                "founded",
                f"must be a year such as 1926, no later than {date.today().year}, "
                f"or {schema.NOT_PUBLISHED} when the sources give none",
            )
        if not record["founded_source"]:
            found("founded_source", "say where the founding year was found")
    if mou:
        match = re.fullmatch(r"(\d{4})-(\d{2})", mou)
        if not match or not 1 <= int(match[2]) <= 12:
            found(
                "mou",
                f"must be a year and month as YYYY-MM, e.g. 2012-07, "
                f"or {schema.NOT_PUBLISHED} when the sources give none",
            )
        elif mou > date.today().strftime("%Y-%m"):
            found("mou", "is in the future")
        if not record["mou_source"]:
            found("mou_source", "say where the MoU date was found")
    return {
        "founded": year,
        "founded_source": record["founded_source"],
        "founded_unknown": founded_unknown,
        "mou": mou,
        "mou_source": record["mou_source"],
        "mou_unknown": mou_unknown,
    }


def _website(record: Record, found: Reporter) -> str:
    url = record["website"]
    if url and not re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", url, re.IGNORECASE):
        found("website", "must be a full http:// or https:// address, or empty")
        return ""
    return url
