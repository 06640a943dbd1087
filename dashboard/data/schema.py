"""The files of a data folder and the columns each holds (documented in the README)."""

from __future__ import annotations

PARTNERS_CSV = "partners.csv"
SERVED_CSV = "served.csv"
AREAS_CSV = "areas.csv"
GEOCACHE_JSON = "geocache.json"

PARTNER_REQUIRED = ["id", "name", "hq_city", "hq_country", "hq_basis", "description"]
PARTNER_OPTIONAL = [
    "acronym",
    "hq_source",
    "founded",
    "founded_source",
    "mou",
    "mou_source",
    "website",
]

SERVED_REQUIRED = ["partner_id", "words", "basis", "place"]

AREA_REQUIRED = ["area", "definition"]
AREA_OPTIONAL = ["m49", "countries", "except"]

# How a headquarters is known, from surest to least sure.
HQ_BASES = {
    "stated-page": "stated on the partners page",
    "stated-record": "stated in a public record",
    "inferred": "inferred from a public record",
    "not-published": "not published",
}

# How a served area is known. `named` and `region` become country links;
# `worldwide` and `vague` stay as the source's words.
SERVED_BASES = {
    "named": "a country named in the source",
    "region": "a country in a region the source names",
    "worldwide": "worldwide reach the source states without naming countries",
    "vague": "words the source uses that name no country or region",
}

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]*"
