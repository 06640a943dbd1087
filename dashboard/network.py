"""The partner network: each partner indexed by id with the facts every view derives
from it (label, colour, symbol, position, headquarters), its links and its words.

Built once from a valid data folder and read-only after, so the views can look a
partner up instead of recomputing it, and a memo may key on the network itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.data.load import Tables, load
from dashboard.data.schema import NOT_PUBLISHED, NOT_RECORDED, Basis

# Twelve partners, each with a colour and a symbol of its own (past twelve, markers
# are grouped by place: views/markers.py). Okabe & Ito's colour-blind-safe palette,
# blues left out so markers stand apart from the blue choropleth, then Paul Tol's
# muted colours; the symbol tells partners apart where colour alone would not.
PARTNER_COLOURS = (
    "#D55E00", "#E69F00", "#CC79A7", "#009E73", "#000000", "#F0E442",
    "#882255", "#999933", "#AA4499", "#44AA99", "#DDCC77", "#661100",
)  # fmt: skip
OPTIONAL_FACTS = ("founded", "mou")  # shown on the cards only where a partner has one
PARTNER_SYMBOLS = (
    "circle", "square", "diamond", "triangle-up", "star", "pentagon",
    "hexagram", "triangle-down", "cross", "x", "hourglass", "bowtie",
)  # fmt: skip


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: views memoise on it
class Network:
    """Partners (indexed by id, in source order), links (partner x served country, with
    its basis) and statements (each served area in the source's words)."""

    partners: pd.DataFrame
    links: pd.DataFrame
    statements: pd.DataFrame
    worldwide: frozenset[str]  # partners whose source states worldwide reach
    link_rows: dict[str, np.ndarray]  # partner id -> positions of its rows in `links`
    statement_rows: dict[str, np.ndarray]  # likewise in `statements`
    empty: str = NOT_RECORDED  # what an empty fact means here (dashboard.toml's `empty`)
    filled: frozenset[str] = frozenset()  # optional facts at least one partner has

    @property
    def ids(self) -> pd.Index:
        """Partner ids in source order."""
        return self.partners.index

    def partner(self, pid: str) -> pd.Series:
        """One partner's row: its data and derived facts."""
        return self.partners.loc[pid]

    def labels(self, pids) -> list[str]:
        """The labels of these partners, in the order given."""
        return list(self.partners.loc[list(pids), "label"])

    def links_of(self, pid: str) -> pd.DataFrame:
        """The partner's links, in country order."""
        return self.links.iloc[self.link_rows.get(pid, [])]

    def statements_of(self, pid: str) -> pd.DataFrame:
        """The partner's served areas in the source's words, in file order."""
        return self.statements.iloc[self.statement_rows.get(pid, [])]

    def uses(self, column: str) -> bool:
        """Whether any partner has a value in this optional column: a field the whole
        network never fills (no partner has an MoU) is left off the cards."""
        return column in self.filled

    def unknown(self, said: str) -> str:
        """Why a fact is missing: what the cell says (not-published), else what an
        empty cell means in this folder."""
        return said or self.empty

    def summary(self) -> dict[str, object]:
        """Counts for `check` and `/healthz`."""
        partners, links = self.partners, self.links
        geocoded = int(partners["latitude"].notna().sum())
        not_published = int((partners["hq_basis"] == NOT_PUBLISHED).sum())
        not_recorded = int((partners["hq_basis"] == NOT_RECORDED).sum())
        return {
            "partners": len(partners),
            "countries": int(links["iso3"].nunique()),
            "countries_named": int(links.loc[links["basis"] == Basis.NAMED, "iso3"].nunique()),
            "links": len(links),
            "links_by_basis": {
                str(basis): int(count)
                for basis, count in links["basis"].value_counts().sort_index().items()
            },
            "worldwide": sorted(self.worldwide),
            "hq_geocoded": geocoded,
            "hq_not_published": not_published,
            "hq_not_recorded": not_recorded,
            "hq_not_geocoded": len(partners) - geocoded - not_published - not_recorded,
        }


def build_network(tables: Tables, empty: str = NOT_RECORDED) -> Network:
    """The network of a validated data folder, with each partner's derived facts;
    `empty` is what an empty fact means there (see dashboard.toml's `empty`)."""
    statements = tables.statements
    worldwide = statements.loc[statements["basis"] == Basis.WORLDWIDE, "partner_id"]
    return Network(
        partners=_with_derived_facts(tables.partners),
        links=tables.links,
        statements=statements,
        worldwide=frozenset(worldwide),
        link_rows=tables.links.groupby("partner_id", sort=False).indices,
        statement_rows=statements.groupby("partner_id", sort=False).indices,
        empty=NOT_PUBLISHED if empty == NOT_PUBLISHED else NOT_RECORDED,
        filled=frozenset(
            column for column in OPTIONAL_FACTS if _has_values(tables.partners[column])
        ),
    )


def _has_values(values: pd.Series) -> bool:
    return bool((values.notna() & (values.astype(str) != "")).any())


def load_network(data_dir: Path) -> Network:
    """The validated network of `data_dir`; raises DataError listing every problem."""
    checked = load(data_dir)
    return build_network(checked.tables, checked.site.empty)


def _with_derived_facts(partners: pd.DataFrame) -> pd.DataFrame:
    position = np.arange(len(partners))
    has_hq = partners["hq_city"] != ""
    derived = partners.assign(
        position=position,
        # The short name people know a partner by: its acronym, else its name.
        label=partners["acronym"].where(partners["acronym"] != "", partners["name"]),
        colour=[PARTNER_COLOURS[i % len(PARTNER_COLOURS)] for i in position],
        symbol=[PARTNER_SYMBOLS[i % len(PARTNER_SYMBOLS)] for i in position],
        headquarters=(partners["hq_city"] + ", " + partners["hq_country_name"]).where(has_hq, ""),
    )
    derived.index = pd.Index(partners["id"].to_numpy(), name=None)
    return derived
