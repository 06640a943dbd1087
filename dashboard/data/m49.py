"""UN M49 regions: each country's region, sub-region and intermediate region, from the
committed snapshot dashboard/data/regions.csv (scripts/make_regions.py makes it)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REGIONS_CSV = Path(__file__).with_name("regions.csv")


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


# Words that many official names share: dropped before names are compared for a
# suggestion, so that "Republic of Kenia" is near "Kenya" and never near "Korea".


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
