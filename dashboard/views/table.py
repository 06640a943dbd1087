"""The selection as a table: one row per partner x served country, with the basis of
each link. The same frame is shown on the page and downloaded as CSV.

Under a country filter the table answers "who serves this country?": one row per
partner serving it, and one per partner that states worldwide reach. Everything
those partners serve is another view, of those partners (`everything_they_serve`)."""

from __future__ import annotations

import pandas as pd

from dashboard.atlas import Atlas
from dashboard.data.language import N_, Language
from dashboard.data.schema import Basis
from dashboard.network import Network
from dashboard.state import FilterState
from dashboard.views.names import country_lookup, country_names, region_names
from dashboard.views.selection import Selection
from dashboard.views.text import ENGLISH, link_basis, worldwide_basis

# Column name -> heading on the page (translated there). The CSV keeps the names in
# every language (documented in the README): scripts read it.
COLUMNS = {
    "partner_id": N_("Partner id"),
    "partner": N_("Partner"),  # the label the page knows it by: its acronym, else its name
    "partner_name": N_("Full name"),
    "country_iso3": N_("ISO code"),
    "country": N_("Country"),
    "region": N_("Region"),
    "subregion": N_("Sub-region"),
    "basis": N_("Basis"),
    "area": N_("Region the source names"),
    "source_words": N_("Source's words"),
}
SORTABLE = ("partner", "country", "region", "basis")
# The partners' own words, as the data writes them: marked with their language on the page.
DATA_WORDS = ("partner", "partner_name", "area", "source_words")
PAGE_ROWS = 250  # rows shown on the page; the CSV holds them all


def link_table(
    network: Network,
    atlas: Atlas,
    state: FilterState,
    selection: Selection,
    lang: Language = ENGLISH,
) -> pd.DataFrame:
    """The rows, in partner order then country name (names in the visitor's language).
    Under a country filter, only that country's links: the map draws the partners'
    other countries too, but the table answers who serves the country."""
    links = selection.links
    if state.country:
        links = links[links["iso3"] == state.country]
    countries = atlas.countries.reindex(links["iso3"])
    partners = network.partners.loc[links["partner_id"]]
    regions = region_names(atlas, lang)
    bases = {b: link_basis(b, lang=lang) for b in (Basis.NAMED, Basis.REGION)}
    table = pd.DataFrame(
        {
            "partner_id": links["partner_id"].to_numpy(),
            "partner": partners["label"].to_numpy(),
            "partner_name": partners["name"].to_numpy(),
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
    # A partner with a row for the country answers it there; worldwide reach is said
    # for the others (and for each, without a country filter).
    linked = set(table["partner_id"]) if state.country else set()
    wide = [pid for pid in selection.worldwide if pid not in linked]
    table = pd.concat([table, _worldwide_rows(network, wide, lang)], ignore_index=True)
    table["_order"] = network.partners.loc[table["partner_id"], "position"].to_numpy()
    table["_name"] = table["country"].map(lambda name: lang.sort_key(name or ""))
    table = table.sort_values(["_order", "_name"], kind="stable").drop(columns=["_order", "_name"])
    return table.reset_index(drop=True)


def _worldwide_rows(network: Network, worldwide: list[str], lang: Language) -> pd.DataFrame:
    """A row per partner that states worldwide reach: it answers every place, with no
    country of its own."""
    rows = []
    for pid in worldwide:
        statements = network.statements_of(pid)
        words = statements.loc[statements["basis"] == Basis.WORLDWIDE, "words"]
        partner = network.partner(pid)
        rows.append(
            {
                **dict.fromkeys(COLUMNS, ""),
                "partner_id": pid,
                "partner": partner["label"],
                "partner_name": partner["name"],
                "basis": worldwide_basis(lang),
                "source_words": "; ".join(words),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def everything_they_serve(state: FilterState, selection: Selection) -> FilterState | None:
    """The view of every country the partners answering a country filter serve: those
    partners, no place. None where there is no such list (no country filter, or no
    partner for it)."""
    if not state.country or not selection.partners:
        return None
    return state.with_(region=None, country=None, partners=selection.partners)


def table_caption(
    atlas: Atlas, state: FilterState, table: pd.DataFrame, lang: Language = ENGLISH
) -> str:
    """'5 rows: one per partner serving Ethiopia, and one per partner stating worldwide
    reach (2)'; past PAGE_ROWS, that the CSV holds them all."""
    n = len(table)
    if state.country:
        caption = lang.n_(
            "{count} row: one per partner serving {country}",
            "{count} rows: one per partner serving {country}",
            n,
        )
        caption = caption.format(
            count=lang.number(n), country=country_lookup(atlas, lang)[state.country]
        )
    else:
        caption = lang.n_(
            "{count} row: one per partner and served country",
            "{count} rows: one per partner and served country",
            n,
        ).format(count=lang.number(n))
    worldwide = int((table["country_iso3"] == "").sum())
    if worldwide:
        more = lang._("{caption}, and one per partner stating worldwide reach ({count})")
        caption = more.format(caption=caption, count=lang.number(worldwide))
    if n > PAGE_ROWS:
        shown = lang._("{caption}; the first {count} are shown, the CSV holds all")
        caption = shown.format(caption=caption, count=lang.number(PAGE_ROWS))
    return caption


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


BOM = "\ufeff"


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The CSV as downloaded: UTF-8 after a byte order mark, without which Excel reads
    the file in the machine's code page ("CÃ´te d'Ivoire")."""
    return (BOM + to_csv(table)).encode("utf-8")


def csv_filename(state: FilterState) -> str:
    """'partner-map_region-africa_country-KEN.csv': the download says what it holds."""
    parts = [
        f"_{key}-{value}"
        for key, value in (("region", state.region), ("country", state.country))
        if value
    ]
    return f"partner-map{''.join(parts)}.csv"
