"""The network knows its partners: derived facts are built once, looked up by id."""

from __future__ import annotations

import csv

from dashboard.network import PARTNER_COLOURS, PARTNER_SYMBOLS
from tests.support.paths import BUNDLED_DATA


def test_partners_are_indexed_by_id_in_the_files_order(network) -> None:
    with (BUNDLED_DATA / "partners.csv").open(encoding="utf-8") as file:
        in_file = [row["id"] for row in csv.DictReader(file)]
    assert list(network.ids) == in_file
    assert list(network.partners["position"]) == list(range(len(in_file)))
    assert network.partner("EASC")["name"] == "Eastern Africa Sister Cities"


def test_a_partners_label_is_its_acronym_else_its_name(network) -> None:
    assert network.partner("EASC")["label"] == "EASC"
    assert network.labels(["ACHA", "AGSCF"]) == ["ACHA", "AGSCF"]
    partners = network.partners
    no_acronym = partners[partners["acronym"] == ""]
    assert list(no_acronym["label"]) == list(no_acronym["name"])


def test_each_of_the_first_partners_has_its_own_colour_and_symbol(network) -> None:
    styles = list(zip(network.partners["colour"], network.partners["symbol"], strict=True))
    assert len(set(styles)) == 7
    assert styles[0] == (PARTNER_COLOURS[0], PARTNER_SYMBOLS[0])


def test_headquarters_read_city_and_country_or_stay_empty(network) -> None:
    assert network.partner("EASC")["headquarters"] == "Nairobi, Kenya"
    assert network.partner("ACHA")["headquarters"] == ""


def test_links_and_statements_are_found_by_partner(network) -> None:
    easc = network.links_of("EASC")
    assert set(easc["partner_id"]) == {"EASC"}
    assert "KEN" in set(easc["iso3"])
    assert network.links_of("WCSDA")["iso3"].tolist() == ["CHN"]
    assert set(network.statements_of("WCSDA")["basis"]) == {"named", "worldwide"}
    assert network.links_of("nobody").empty


def test_worldwide_partners_are_known_once(network) -> None:
    assert network.worldwide == frozenset({"CPAFFC", "WCSDA"})
    assert network.summary()["worldwide"] == ["CPAFFC", "WCSDA"]


def test_twelve_partners_each_get_a_colour_and_a_symbol_of_their_own(tmp_path) -> None:
    from tests.support.datafolder import partner, tiny_network

    network = tiny_network(tmp_path, [partner(f"P{i}") for i in range(13)], [])
    first_twelve = network.partners.head(12)
    assert first_twelve["colour"].nunique() == 12
    assert first_twelve["symbol"].nunique() == 12
    assert len(PARTNER_COLOURS) == len(PARTNER_SYMBOLS) == 12


def test_every_symbol_has_a_glyph_for_the_legend_and_cards() -> None:
    from dashboard.web.components import SYMBOL_GLYPHS

    assert set(PARTNER_SYMBOLS) <= set(SYMBOL_GLYPHS)
    assert len({SYMBOL_GLYPHS[s] for s in PARTNER_SYMBOLS}) == 12
