"""The files of a data folder and the columns each holds (documented in the README)."""

from __future__ import annotations

from enum import StrEnum

from dashboard.data.language import N_

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

# The partner's own words an organisation may give in other languages itself, as
# `name_fr`, `description_ar`: the page shows them in that language; nothing here is
# ever machine-translated.
PARTNER_TRANSLATABLE = ("name", "description")

SERVED_REQUIRED = ["partner_id", "words", "basis", "place"]

AREA_REQUIRED = ["area", "definition"]
AREA_OPTIONAL = ["m49", "countries", "except"]

NOT_PUBLISHED = "not-published"  # the sources were searched and give none
NOT_RECORDED = ""  # nobody recorded it here: an empty cell

# How a headquarters is known, from surest to least sure; or why it is not.
# (Marked for the catalogs: the page says them in the visitor's language.) The words
# say how the source cited beside them (hq_source) gives the headquarters, never what
# that source is: any organisation's data uses them, whatever its sources.
HQ_BASES = {
    "stated": N_("stated in the source"),
    "stated-record": N_("stated in a public record"),
    "inferred": N_("inferred from the source"),
    NOT_PUBLISHED: N_("not published"),
    NOT_RECORDED: N_("not recorded"),
}
HQ_UNKNOWN = (NOT_PUBLISHED, NOT_RECORDED)
# Older names of a basis, still read: `stated-page` was the bundled data's "stated on
# the partners page", which is `stated` with the page as its source.
HQ_BASIS_ALIASES = {"stated-page": "stated"}


class Basis(StrEnum):
    """How a served area is known: the one vocabulary of the data, its views and the CSV.

    `named` and `region` become country links; `worldwide` and `vague` stay as the
    source's words. The views' wording of each is in dashboard/views/text.py.
    """

    NAMED = "named"
    REGION = "region"
    WORLDWIDE = "worldwide"
    VAGUE = "vague"


LINK_BASES = (Basis.NAMED, Basis.REGION)  # the bases that link a partner to countries

# What each basis means, for `check`'s messages and the README.
SERVED_BASES = {
    Basis.NAMED: "a country named in the source",
    Basis.REGION: "a country in a region the source names",
    Basis.WORLDWIDE: "worldwide reach the source states without naming countries",
    Basis.VAGUE: "words the source uses that name no country or region",
}

# The frames a validated data folder is read into (see dashboard/network.py).
PARTNER_COLUMNS = [
    *PARTNER_REQUIRED,
    *PARTNER_OPTIONAL,
    "hq_country_name",  # the official name of hq_country's ISO code
    "founded_unknown",  # not-published where the sources give no founding year, else ""
    "mou_unknown",  # likewise for the MoU
    "latitude",  # from the geocode cache; NaN where not geocoded
    "longitude",
    "geocode_source",
    "translations",  # {(column, language code): words}: the organisation's own translations
]
LINK_COLUMNS = ["partner_id", "iso3", "basis", "words", "area"]
STATEMENT_COLUMNS = ["partner_id", "words", "basis", "place", "countries"]

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]*"
