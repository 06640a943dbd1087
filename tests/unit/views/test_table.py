"""The table and its CSV: under a country filter, who serves that country; the
partner's name beside its acronym; a file Excel opens as UTF-8."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.network import Network, load_network
from dashboard.state import FilterState
from dashboard.views.selection import select
from dashboard.views.table import (
    COLUMNS,
    csv_bytes,
    everything_they_serve,
    link_table,
    table_caption,
    to_csv,
)
from dashboard.views.text import worldwide_basis
from tests.support.paths import REPO

WORLDWIDE = worldwide_basis()


def table_of(network, atlas, **filters):
    state = FilterState(**filters)
    return link_table(network, atlas, state, select(network, atlas, state))


@pytest.fixture(scope="module", params=["data", "examples/small-network"])
def folder(request, network: Network) -> Network:
    return network if request.param == "data" else load_network(REPO / request.param)


def test_under_a_country_the_table_answers_who_serves_it(network, atlas) -> None:
    table = table_of(network, atlas, country="ETH")
    rows = table[["partner_id", "country_iso3", "basis", "area"]].values.tolist()
    assert rows == [
        ["AGSCF", "ETH", "in a region the source names", "Africa"],
        ["EASC", "ETH", "named in the source", ""],
        ["AIILSG", "ETH", "named in the source", ""],
        ["CPAFFC", "", WORLDWIDE, ""],
        ["WCSDA", "", WORLDWIDE, ""],
    ]
    worldwide = table.set_index("partner_id").loc["CPAFFC", "source_words"]
    assert worldwide.startswith("relationship of friendly cooperation with nearly 500")
    named_only = table_of(network, atlas, country="ETH", count_regions=False)
    assert list(named_only["partner_id"]) == ["EASC", "AIILSG", "CPAFFC", "WCSDA"]


def test_a_partner_naming_the_country_gets_its_row_not_a_worldwide_one(network, atlas) -> None:
    # WCSDA names China and states worldwide reach: China's row answers for it.
    table = table_of(network, atlas, country="CHN")
    assert table[["partner_id", "country_iso3"]].values.tolist() == [
        ["AIILSG", "CHN"],
        ["CPAFFC", ""],
        ["WCSDA", "CHN"],
    ]


def test_every_country_s_table_is_about_that_country_alone(folder, atlas) -> None:
    for iso3 in folder.by_country.codes:
        for count_regions in (True, False):
            table = table_of(folder, atlas, country=iso3, count_regions=count_regions)
            about = (table["country_iso3"] == iso3) | (table["basis"] == WORLDWIDE)
            assert about.all(), (iso3, count_regions, table)
            assert not table["partner_id"].duplicated().any()  # one row per partner
            selection = select(folder, atlas, FilterState(country=iso3))
            assert set(table_of(folder, atlas, country=iso3)["partner_id"]) == set(
                selection.partners
            )


def test_without_a_country_the_table_holds_every_link_in_view(network, atlas) -> None:
    table = table_of(network, atlas, region="eastern-africa")
    assert len(table) == 20 + 20 + 1 + 2  # AGSCF's, EASC's, AIILSG's Ethiopia, two worldwide
    assert table_caption(atlas, FilterState(region="eastern-africa"), table) == (
        "43 rows: one per partner and served country,"
        " and one per partner stating worldwide reach (2)"
    )


def test_the_wider_view_is_those_partners_with_every_country_they_serve(network, atlas) -> None:
    state = FilterState(region="eastern-africa", country="ETH", focus="EASC")
    wider = everything_they_serve(state, select(network, atlas, state))
    assert wider == FilterState(
        partners=("AGSCF", "EASC", "AIILSG", "CPAFFC", "WCSDA"), focus="EASC"
    )
    everything = table_of(network, atlas, partners=wider.partners)
    assert len(everything) == 89 and everything["country_iso3"].nunique() == 65  # with ""
    assert (
        everything_they_serve(FilterState(region="africa"), select(network, atlas, state)) is None
    )
    nobody = FilterState(country="MEX", partners=("EASC",))
    assert everything_they_serve(nobody, select(network, atlas, nobody)) is None


def test_the_caption_names_the_country(network, atlas) -> None:
    state = FilterState(country="ETH")
    assert table_caption(atlas, state, table_of(network, atlas, country="ETH")) == (
        "5 rows: one per partner serving Ethiopia, and one per partner stating worldwide reach (2)"
    )


def test_the_csv_carries_the_partner_s_name_and_opens_in_excel_as_utf8(network, atlas) -> None:
    data = csv_bytes(table_of(network, atlas, country="CIV"))
    assert data.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel reads UTF-8 by
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(COLUMNS)
    agscf = rows[0]
    assert (agscf["partner_id"], agscf["partner"]) == ("AGSCF", "AGSCF")
    assert agscf["partner_name"] == "African Global Sister Cities Foundation"
    assert agscf["country"] == "Côte d'Ivoire"  # the accent intact
    names = {r["partner_id"]: r["partner_name"] for r in rows}
    assert names["CPAFFC"] == (
        "The Chinese People’s Association for Friendship with Foreign Countries"
    )
    assert not to_csv(table_of(network, atlas, country="CIV")).startswith("\ufeff")
