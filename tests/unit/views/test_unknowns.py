"""Unknowns tell the truth: "not published" where the sources give none, "not
recorded" where nobody filled the field in, and no row for a field no partner has."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data.load import check_data
from dashboard.data.problems import errors
from dashboard.network import load_network
from dashboard.state import FilterState
from dashboard.views.cards import card
from dashboard.views.legend import legend
from dashboard.views.selection import select
from tests.support.datafolder import partner, tiny_network


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Another organisation's folder: one founding year, no MoU at all, one partner
    whose headquarters nobody filled in and one whose sources publish none."""
    tiny_network(
        tmp_path,
        [
            partner("A", hq_city="Nairobi", hq_country="Kenya", founded="1990", founded_source="x"),
            partner("B", hq_basis=""),
            partner("C", hq_basis="not-published", founded="not-published"),
        ],
        [("A", "Kenya", "named", "Kenya")],
        cache={"Nairobi, Kenya": (-1.28, 36.82)},
    )
    return tmp_path


def cards_of(folder: Path, atlas) -> dict:
    network = load_network(folder)
    return {pid: card(network, atlas, pid, FilterState()) for pid in network.ids}


def test_an_empty_fact_is_not_recorded_and_a_searched_one_not_published(folder, atlas) -> None:
    cards = cards_of(folder, atlas)
    assert cards["A"].founded == "1990"
    assert cards["B"].founded == "not recorded"
    assert cards["C"].founded == "not published"
    assert cards["B"].headquarters == "not recorded"
    assert cards["C"].headquarters == "not published"


def test_a_field_no_partner_has_gets_no_row(folder, atlas) -> None:
    assert {c.mou for c in cards_of(folder, atlas).values()} == {None}  # no "MoU signed" row


def test_a_folder_may_say_its_empty_cells_mean_not_published(folder, atlas) -> None:
    (folder / "dashboard.toml").write_text('empty = "not-published"\n', encoding="utf-8")
    cards = cards_of(folder, atlas)
    assert cards["B"].founded == "not published"
    assert cards["B"].headquarters == "not published"


def test_the_legend_says_why_a_partner_has_no_marker(folder, atlas) -> None:
    network = load_network(folder)
    key = legend(network, select(network, atlas, FilterState()))
    assert key.unplaced == (("not-recorded", ("Partner B",)), ("not-published", ("Partner C",)))


def test_a_bad_meaning_of_empty_is_refused(folder) -> None:
    (folder / "dashboard.toml").write_text('empty = "unknown"\n', encoding="utf-8")
    (problem,) = errors(check_data(folder).problems)
    assert problem.column == "empty"
    assert problem.message == "must be not-recorded or not-published"


def test_the_bundled_data_says_not_published_as_before(network, atlas) -> None:
    acha = card(network, atlas, "ACHA", FilterState())
    assert (acha.headquarters, acha.founded, acha.mou) == ("not published",) * 3
