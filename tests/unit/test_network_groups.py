"""The groupings built at start-up (links by country, headquarters by place) and the
selection read off them agree with the straightforward pandas computation, on the
bundled data and on a generated network."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bench.generate import generate
from dashboard.atlas import Atlas
from dashboard.data.schema import Basis
from dashboard.network import Network, load_network
from dashboard.state import FilterState
from dashboard.views.selection import select


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Network:
    return load_network(generate(400, tmp_path_factory.mktemp("net") / "data", seed=5))


@pytest.fixture(params=["bundled", "generated"])
def any_network(request, network, generated) -> Network:
    return network if request.param == "bundled" else generated


def some_rows(size: int, seed: int) -> np.ndarray:
    """Positions of about half of `size` things, in order."""
    return np.flatnonzero(np.random.default_rng(seed).random(size) < 0.5)


def test_links_grouped_by_country_are_what_groupby_gives(any_network) -> None:
    links = any_network.links
    for seed in range(3):
        rows = some_rows(len(links), seed)
        grouped = any_network.by_country.grouped(rows).head(3)
        chosen = links.iloc[rows].assign(row=rows)
        expected = chosen.groupby("iso3", sort=True)["row"]
        assert list(any_network.by_country.codes[grouped.keys]) == list(expected.groups)
        listed = [list(group) for group in grouped.split(grouped.members)]
        assert listed == [list(rows) for _, rows in expected.head(3).groupby(chosen["iso3"])]
        assert list(any_network.by_country.grouped(rows).sizes) == list(expected.size())


def test_no_links_make_no_groups(any_network) -> None:
    # A selection that draws nothing (a region none of the chosen partners serves).
    grouped = any_network.by_country.grouped(np.array([], dtype=int)).head(3)
    assert grouped.split(grouped.members) == []


def test_partner_columns_are_the_frames_columns_in_network_order(any_network) -> None:
    partners = any_network.partners
    rows = some_rows(len(partners), 1)
    for name in ("label", "hq_city", "hq_country", "latitude"):
        column = any_network.partner_column(name)[rows]
        expected = partners[name].iloc[rows]
        assert list(map(str, column)) == list(map(str, expected)), name  # nan == nan
    assert any_network.partner_column("id")[rows].tolist() == list(partners.index[rows])


def test_headquarters_grouped_by_place_are_what_groupby_gives(any_network) -> None:
    partners = any_network.partners
    for seed in range(3):
        in_view = some_rows(len(partners), seed)
        grouped = any_network.places.grouped(in_view)
        shown = partners.iloc[in_view]
        shown = shown[shown["latitude"].notna()]
        expected = shown.groupby(["latitude", "longitude"], sort=True)
        assert list(grouped.sizes) == list(expected.size())
        assert list(partners.index[grouped.firsts()]) == list(expected["id"].first())


def straightforward_select(network: Network, atlas: Atlas, state: FilterState) -> tuple:
    """The filters applied with plain pandas, row by row of the frames."""
    links = network.links
    if not state.count_regions:
        links = links[links["basis"] == Basis.NAMED]
    region = atlas.region(state.region)
    if region is not None:
        links = links[links["iso3"].isin(region.members)]
    ids = network.partners["id"]
    keep = ids.isin(state.partners) if state.partners else pd.Series(True, index=ids.index)
    linked = keep.copy()
    if state.country:
        linked &= ids.isin(links.loc[links["iso3"] == state.country, "partner_id"])
    elif region is not None:
        linked &= ids.isin(links["partner_id"])
    worldwide = keep & ids.isin(network.worldwide)
    links = links[links["partner_id"].isin(ids[linked])]
    counts = links.groupby("iso3", sort=True).agg(
        partners=("partner_id", "size"), named=("basis", lambda b: int((b == Basis.NAMED).sum()))
    )
    return (
        list(ids[linked | worldwide]),
        list(ids[linked]),
        list(ids[worldwide]),
        list(links.index),
        counts.reset_index().to_dict("list"),
    )


def test_the_selection_is_the_straightforward_filtering(any_network, atlas) -> None:
    served = sorted(any_network.links["iso3"].unique())
    regions = [region.slug for region in atlas.regions[::4]]
    states = [
        FilterState(),
        FilterState(partners=tuple(any_network.ids[1:4])),
        *(FilterState(region=slug, count_regions=on) for slug in regions for on in (True, False)),
        *(
            FilterState(country=iso3, count_regions=on)
            for iso3 in served[::9]
            for on in (True, False)
        ),
        FilterState(country=served[0], region=regions[1], partners=tuple(any_network.ids[:30])),
    ]
    for state in states:
        selection = select(any_network, atlas, state)
        got = (
            list(selection.partners),
            list(selection.serving),
            list(selection.worldwide),
            list(selection.links.index),
            selection.counts.to_dict("list"),
        )
        assert got == straightforward_select(any_network, atlas, state), state
        assert list(any_network.ids[selection.in_view]) == list(selection.partners)
