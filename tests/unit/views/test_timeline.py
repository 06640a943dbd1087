"""Partnerships over time: the bundled data's dated facts in date order, the undated
partners counted by why, and the tour in date order."""

from __future__ import annotations

import json
from pathlib import Path

from bench.generate import generate
from dashboard.data.language import language
from dashboard.network import Network, load_network
from dashboard.state import FilterState
from dashboard.views.cards import MAX_CARDS
from dashboard.views.selection import select
from dashboard.views.text import ENGLISH
from dashboard.views.timeline import Undated, by_date, timeline
from dashboard.web.timeline import render_timeline
from tests.support.datafolder import partner, tiny_network

UNDATED = ("AGSCF", "EASC", "Sister Cities Africa", "ACHA")


def facts(network: Network, partners, lang=ENGLISH) -> list[tuple[str, str, str]]:
    return [(e.partner, e.fact, e.when) for e in timeline(network, partners, lang).events]


def test_the_bundled_data_has_four_dated_facts_in_date_order(network) -> None:
    assert facts(network, network.ids) == [
        ("AIILSG", "founded", "1926"),
        ("WCSDA", "founded", "2009"),
        ("AIILSG", "mou", "July 2012"),
        ("CPAFFC", "mou", "October 2012"),
    ]


def test_partners_without_any_date_are_counted_as_not_published(network) -> None:
    line = timeline(network, network.ids)
    assert line.undated == (Undated("not-published", UNDATED),)


def test_the_timeline_follows_the_selection(network, atlas) -> None:
    kenya = select(network, atlas, FilterState(country="KEN")).partners
    assert facts(network, kenya) == [
        ("WCSDA", "founded", "2009"),
        ("CPAFFC", "mou", "October 2012"),
    ]
    assert timeline(network, kenya).undated == (Undated("not-published", ("AGSCF", "EASC")),)


def test_a_selection_without_dates_has_an_empty_timeline(network) -> None:
    assert timeline(network, ["EASC", "ACHA"]).events == ()


def test_dates_are_written_in_the_page_language(network) -> None:
    french = facts(network, ["AIILSG"], language("fr"))
    assert french == [("AIILSG", "founded", "1926"), ("AIILSG", "mou", "juillet 2012")]
    words = [e.words for e in timeline(network, ["AIILSG"], language("fr")).events]
    assert words == ["Création", "Signature du protocole d’accord"]  # the cards' words


def test_undated_partners_are_told_apart_by_why(tmp_path: Path) -> None:
    tiny_network(
        tmp_path,
        [
            partner("A", hq_basis="", founded="1990", founded_source="x"),
            partner("B", hq_basis=""),  # nobody recorded a date
            partner("C", hq_basis="", founded="not-published"),  # the sources give none
        ],
        [("A", "Kenya", "named", "Kenya")],
    )
    network = load_network(tmp_path)
    line = timeline(network, network.ids)
    assert [(e.partner, e.when) for e in line.events] == [("A", "1990")]
    assert line.undated == (Undated("not-published", ("Partner C",)), Undated("", ("Partner B",)))


def test_the_tour_in_date_order_takes_each_partner_at_its_first_date(network) -> None:
    assert by_date(network, network.ids) == (
        "AIILSG",
        "WCSDA",
        "CPAFFC",
        *("AGSCF", "EASC", "sister-cities-africa", "ACHA"),  # no date: the data's order
    )
    assert by_date(network, ["CPAFFC", "EASC", "WCSDA"]) == ("WCSDA", "CPAFFC", "EASC")


def test_a_big_network_has_the_dated_facts_of_the_partners_with_a_card(tmp_path: Path) -> None:
    """Thousands of points are unreadable and blocked a browser for half a minute; the
    line holds the partners whose cards are on the page, and counts the others."""
    network = load_network(generate(200, tmp_path / "data", seed=3))
    line = timeline(network, network.ids)
    assert {event.partner for event in line.events} <= set(network.ids[:MAX_CARDS])
    assert line.events and line.partners == 200
    rendered = json.dumps(render_timeline(line), default=lambda c: c.to_plotly_json())
    assert f"Showing {MAX_CARDS} of 200 partners" in rendered
