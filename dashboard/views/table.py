"""The selection as a table: one row per partner x served country, with the basis of
each link. The same frame is shown on the page and downloaded as CSV."""

from __future__ import annotations

import pandas as pd

from dashboard.atlas import Atlas
from dashboard.data.language import N_, Language
from dashboard.data.schema import Basis
from dashboard.network import Network
from dashboard.state import FilterState
from dashboard.views.names import country_names, region_names
from dashboard.views.selection import Selection
from dashboard.views.text import ENGLISH, link_basis, worldwide_basis

# Column name -> heading on the page (translated there). The CSV keeps the names in
# every language (documented in the README): scripts read it.
COLUMNS = {
    "partner_id": N_("Partner id"),
    "partner": N_("Partner"),
    "country_iso3": N_("ISO code"),
    "country": N_("Country"),
    "region": N_("Region"),
    "subregion": N_("Sub-region"),
    "basis": N_("Basis"),
    "area": N_("Region the source names"),
    "source_words": N_("Source's words"),
}
SORTABLE = ("partner", "country", "region", "basis")
PAGE_ROWS = 250  # rows shown on the page; the CSV holds them all


def link_table(
    network: Network, atlas: Atlas, selection: Selection, lang: Language = ENGLISH
) -> pd.DataFrame:
    """The rows, in partner order then country name (names in the visitor's language)."""
    links = selection.links
    countries = atlas.countries.reindex(links["iso3"])
    partners = network.partners.loc[links["partner_id"]]
    regions = region_names(atlas, lang)
    bases = {b: link_basis(b, lang=lang) for b in (Basis.NAMED, Basis.REGION)}
    table = pd.DataFrame(
        {
            "partner_id": links["partner_id"].to_numpy(),
            "partner": partners["label"].to_numpy(),
            "country_iso3": links["iso3"].to_numpy(),
            "country": country_names(atlas, lang).reindex(links["iso3"]).to_numpy(),
            "region": countries["region_code"].map(regions).fillna("").to_numpy(),
            "subregion": countries["subregion_code"].map(regions).fillna("").to_numpy(),
            "basis": links["basis"].map(bases).to_numpy(),
            "area": links["area"].to_numpy(),
            "source_words": links["words"].to_numpy(),
        },
        columns=list(COLUMNS),
    )
    table = pd.concat([table, _worldwide_rows(network, selection, lang)], ignore_index=True)
    table["_order"] = network.partners.loc[table["partner_id"], "position"].to_numpy()
    table["_name"] = table["country"].map(lambda name: lang.sort_key(name or ""))
    table = table.sort_values(["_order", "_name"], kind="stable").drop(columns=["_order", "_name"])
    return table.reset_index(drop=True)


def _worldwide_rows(network: Network, selection: Selection, lang: Language) -> pd.DataFrame:
    """A row per partner in view that states worldwide reach: it answers every place,
    with no country of its own."""
    rows = []
    for pid in selection.worldwide:
        statements = network.statements_of(pid)
        words = statements.loc[statements["basis"] == Basis.WORLDWIDE, "words"]
        rows.append(
            {
                **dict.fromkeys(COLUMNS, ""),
                "partner_id": pid,
                "partner": network.partner(pid)["label"],
                "basis": worldwide_basis(lang),
                "source_words": "; ".join(words),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def sort_table(
    table: pd.DataFrame, column: str | None, descending: bool, lang: Language = ENGLISH
) -> pd.DataFrame:
    """The table sorted by one of SORTABLE in the language's alphabetical order (ties
    keep their order); as is otherwise."""
    if column not in SORTABLE:
        return table
    ordered = table.sort_values(
        column,
        ascending=not descending,
        kind="stable",
        key=lambda values: values.map(lambda v: lang.sort_key(str(v))),
    )
    return ordered.reset_index(drop=True)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_csv(table: pd.DataFrame) -> str:
    """CSV text: UTF-8, a header row of the column names, one row per link.

    A cell that a spreadsheet would read as a formula (=, +, -, @ first) gets a
    leading apostrophe, so data from the CSV files can never run in Excel.
    """
    safe = table.apply(
        lambda column: column.map(
            lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_START) else v
        )
    )
    return safe.to_csv(index=False, lineterminator="\n")


def csv_filename(state: FilterState) -> str:
    """'partner-map_region-africa_country-KEN.csv': the download says what it holds."""
    parts = [
        f"_{key}-{value}"
        for key, value in (("region", state.region), ("country", state.country))
        if value
    ]
    return f"partner-map{''.join(parts)}.csv"
