"""The partner network: the frames every view is derived from, built once and read-only."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

PARTNER_COLUMNS = [
    "id",
    "name",
    "acronym",
    "hq_city",
    "hq_country",
    "hq_country_name",
    "hq_basis",
    "hq_source",
    "founded",
    "founded_source",
    "mou",
    "mou_source",
    "website",
    "description",
    "latitude",
    "longitude",
    "geocode_source",
]
LINK_COLUMNS = ["partner_id", "iso3", "basis", "words", "area"]
STATEMENT_COLUMNS = ["partner_id", "words", "basis", "place", "countries"]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: views cache on it
class Network:
    """Partners (one row each, in source order), links (partner x served country, with
    its basis) and statements (each served area in the source's words)."""

    partners: pd.DataFrame
    links: pd.DataFrame
    statements: pd.DataFrame

    def summary(self) -> dict[str, object]:
        """Counts for `check` and `/healthz`."""
        partners = self.partners
        geocoded = int(partners["latitude"].notna().sum())
        not_published = int((partners["hq_basis"] == "not-published").sum())
        return {
            "partners": len(partners),
            "countries": int(self.links["iso3"].nunique()),
            "countries_named": int(
                self.links.loc[self.links["basis"] == "named", "iso3"].nunique()
            ),
            "links": len(self.links),
            "links_by_basis": {
                basis: int(count)
                for basis, count in self.links["basis"].value_counts().sort_index().items()
            },
            "worldwide": sorted(
                self.statements.loc[self.statements["basis"] == "worldwide", "partner_id"].unique()
            ),
            "hq_geocoded": geocoded,
            "hq_not_published": not_published,
            "hq_not_geocoded": len(partners) - geocoded - not_published,
        }
