"""The partner network: each partner indexed by id with the facts every view derives
from it (label, colour, symbol, position, headquarters), its links and its words.

Built once from a valid data folder and read-only after, so the views can look a
partner up instead of recomputing it, and a memo may key on the network itself.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from functools import cached_property
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


@dataclass(frozen=True)
class Groups:
    """Some members of groups formed at start-up, group by group: what pandas' groupby
    would give, read off an order sorted once instead of grouped again per view."""

    keys: np.ndarray  # the groups with members, ascending
    sizes: np.ndarray  # how many members each has
    members: np.ndarray  # the members, group by group, each group's in the order kept

    def firsts(self) -> np.ndarray:
        """Each group's first member."""
        return self.members[np.cumsum(self.sizes) - self.sizes]

    def head(self, most: int) -> Groups:
        """The first `most` members of each group."""
        starts = np.cumsum(self.sizes) - self.sizes
        rank = np.arange(len(self.members)) - np.repeat(starts, self.sizes)
        kept = self.members[rank < most]
        return Groups(keys=self.keys, sizes=np.minimum(self.sizes, most), members=kept)

    def split(self, values) -> list[list]:
        """Values given one per member, as one list per group (slices of a list: numpy's
        split makes an array per group, and a large network has thousands of groups)."""
        items = values.tolist() if isinstance(values, np.ndarray) else list(values)
        ends = np.cumsum(self.sizes).tolist()
        return [items[start:end] for start, end in zip([0, *ends][:-1], ends, strict=True)]


def groups(order: np.ndarray, group_of: np.ndarray, chosen: np.ndarray) -> Groups:
    """The chosen members (a mask) of the groups `group_of` assigns, `order` being every
    member sorted by group."""
    members = order[chosen[order]]
    keys, sizes = np.unique(group_of[members], return_counts=True)
    return Groups(keys=keys, sizes=sizes, members=members)


@dataclass(frozen=True)
class CountryLinks:
    """The links as arrays, grouped by served country once at start-up: a view selects
    links with a mask and reads them country by country without grouping again."""

    codes: pd.Index  # the served countries (ISO3), sorted
    country: np.ndarray  # per link: its country's position in `codes`
    partner: np.ndarray  # per link: its partner's position in the network
    named: np.ndarray  # per link: whether the source names the country outright
    order: np.ndarray  # link positions, sorted by country, then in the links' order

    def member_links(self, members) -> np.ndarray:
        """Which links serve one of these countries, as a mask over the links."""
        return self.codes.isin(list(members))[self.country]

    def grouped(self, rows: np.ndarray) -> Groups:
        """These links (positions), country by country, each country's in link order."""
        return groups(self.order, self.country, _mask(len(self.country), rows))


@dataclass(frozen=True)
class Places:
    """Headquarters grouped by place (the same coordinates) once at start-up."""

    of: np.ndarray  # per partner: its place's number (in coordinate order), -1 if unplaced
    order: np.ndarray  # positions of the partners with a place, by place, then network order

    def grouped(self, partners: np.ndarray) -> Groups:
        """These partners (positions) with a place, place by place, in network order."""
        return groups(self.order, self.of, _mask(len(self.of), partners))


def _values(table: dict[str, np.ndarray], rows, columns) -> list[list]:
    rows = [] if rows is None else rows
    return [table[name][rows].tolist() for name in columns]


def _mask(size: int, positions: np.ndarray) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[positions] = True
    return mask


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
    by_country: CountryLinks
    places: Places
    worldwide_mask: np.ndarray  # per partner: whether it states worldwide reach
    # The partners' rows as named tuples, in network order: a view that reads partners
    # one by one (a marker, a legend item each) takes them here, not from the frame.
    records: tuple
    empty: str = NOT_RECORDED  # what an empty fact means here (dashboard.toml's `empty`)
    filled: frozenset[str] = frozenset()  # optional facts at least one partner has

    @property
    def ids(self) -> pd.Index:
        """Partner ids in source order."""
        return self.partners.index

    def partner(self, pid: str):
        """One partner's row, its data and derived facts: partner["name"] or
        partner.name (a record: a row taken from the frame costs a hundred times more)."""
        return self.records[self.partners.index.get_loc(pid)]

    def labels(self, pids) -> list[str]:
        """The labels of these partners, in the order given."""
        positions = self.ids.get_indexer(list(pids))
        if (positions < 0).any():
            raise KeyError(f"not partners of this network: {list(pids)}")
        return self.partner_column("label")[positions].tolist()

    def link_values(self, pid: str, *columns: str) -> list[list]:
        """Columns of the partner's links as lists, in country order: a card reads its
        partner's few links here (taking them as a frame cost more than reading them)."""
        return _values(self._link_columns, self.link_rows.get(pid), columns)

    def partner_column(self, name: str) -> np.ndarray:
        """A column of the partners as an array, in network order, read off once."""
        return self._partner_columns[name]

    def link_column(self, name: str) -> np.ndarray:
        """A column of the links as an array, read off once (pandas' strings convert
        anew on every to_numpy)."""
        return self._link_columns[name]

    def statement_values(self, pid: str, *columns: str) -> list[list]:
        """Likewise for the partner's served areas in the source's words, in file order."""
        return _values(self._statement_columns, self.statement_rows.get(pid), columns)

    @cached_property
    def _partner_columns(self) -> dict[str, np.ndarray]:
        columns = {name: self.partners[name].to_numpy() for name in self.partners.columns}
        columns["id"] = self.ids.to_numpy()
        for column in columns.values():
            column.flags.writeable = False  # shared by every view
        return columns

    @cached_property
    def _link_columns(self) -> dict[str, np.ndarray]:
        return {name: self.links[name].to_numpy() for name in self.links.columns}

    @cached_property
    def _statement_columns(self) -> dict[str, np.ndarray]:
        return {name: self.statements[name].to_numpy() for name in self.statements.columns}

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
    worldwide = frozenset(statements.loc[statements["basis"] == Basis.WORLDWIDE, "partner_id"])
    partners = _with_derived_facts(tables.partners)
    return Network(
        partners=partners,
        links=tables.links,
        statements=statements,
        worldwide=worldwide,
        link_rows=tables.links.groupby("partner_id", sort=False).indices,
        by_country=_country_links(tables.links, partners.index),
        places=_places(partners),
        worldwide_mask=partners.index.isin(list(worldwide)),
        records=_records(partners),
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


def _records(partners: pd.DataFrame) -> tuple:
    """The partners' rows as named tuples (what itertuples gives, built column by column:
    itertuples takes a quarter of a second on 10,000 partners)."""
    record = _record_type(tuple(partners.columns))
    columns = [partners[column].tolist() for column in partners.columns]
    return tuple(record._make(row) for row in zip(*columns, strict=True))


def _record_type(columns: tuple[str, ...]) -> type:
    """A named tuple that is also read by column name, as a row of the frame is."""
    base = namedtuple("PartnerRow", columns)

    class Partner(base):
        __slots__ = ()

        def __getitem__(self, key):
            return getattr(self, key) if isinstance(key, str) else base.__getitem__(self, key)

    return Partner


def _country_links(links: pd.DataFrame, ids: pd.Index) -> CountryLinks:
    country, codes = pd.factorize(links["iso3"], sort=True)
    return CountryLinks(
        codes=pd.Index(codes),
        country=country,
        partner=ids.get_indexer(links["partner_id"]),
        named=(links["basis"] == Basis.NAMED).to_numpy(),
        order=np.argsort(country, kind="stable"),
    )


def _places(partners: pd.DataFrame) -> Places:
    placed = partners["latitude"].notna().to_numpy()
    coordinates = pd.MultiIndex.from_arrays([partners["latitude"], partners["longitude"]])
    place, _ = pd.factorize(coordinates[placed], sort=True)
    of = np.full(len(partners), -1)
    of[placed] = place
    positions = np.flatnonzero(placed)
    return Places(of=of, order=positions[np.argsort(place, kind="stable")])
