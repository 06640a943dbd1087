"""The views (selection, summary, cards, map figure) on the bundled data and on tiny
hand-made networks whose right answer is obvious."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard.state import DEFAULT_ASPECT, FilterState
from dashboard.views.camera import DEGREE_SHAPE
from dashboard.views.cards import cards
from dashboard.views.figure import map_figure
from dashboard.views.legend import legend
from dashboard.views.selection import select
from dashboard.views.summary import summary
from tests.support.datafolder import partner, tiny_network

NOT_PUBLISHED = "not published"


@pytest.fixture
def tiny(tmp_path: Path):
    """A named Kenya and Mexico for A, Kenya through a region for B, worldwide C."""
    return tiny_network(
        tmp_path / "tiny",
        [
            partner("A", hq_city="Nairobi", hq_country="Kenya"),
            partner("B", acronym="BB"),
            partner("C"),
        ],
        [
            ("A", "Kenya and Mexico", "named", "Kenya"),
            ("A", "Kenya and Mexico", "named", "Mexico"),
            ("B", "East Africa", "region", "East"),
            ("C", "the world", "worldwide", ""),
        ],
        areas=[("East", "", "KEN UGA")],
        cache={"Nairobi, Kenya": (-1.28, 36.82)},
    )


def view(network, atlas, **state):
    filters = FilterState(**state)
    selection = select(network, atlas, filters)
    return filters, selection


def test_a_country_filter_keeps_exactly_the_partners_linked_to_it(tiny, atlas) -> None:
    _, selection = view(tiny, atlas, country="KEN")
    assert selection.serving == ("A", "B")
    _, named_only = view(tiny, atlas, country="KEN", count_regions=False)
    assert named_only.serving == ("A",)
    _, mexico = view(tiny, atlas, country="MEX")
    assert mexico.serving == ("A",)


def test_the_choropleth_counts_partners_per_country(tiny, atlas) -> None:
    _, selection = view(tiny, atlas)
    counts = dict(zip(selection.counts["iso3"], selection.counts["partners"], strict=True))
    assert counts == {"KEN": 2, "MEX": 1, "UGA": 1}
    _, named_only = view(tiny, atlas, count_regions=False)
    assert set(named_only.counts["iso3"]) == {"KEN", "MEX"}


def test_a_region_filter_limits_partners_and_countries_to_it(tiny, atlas) -> None:
    _, selection = view(tiny, atlas, region="eastern-africa")
    assert selection.serving == ("A", "B")
    assert set(selection.links["iso3"]) == {"KEN", "UGA"}  # not Mexico
    _, americas = view(tiny, atlas, region="americas")
    assert americas.serving == ("A",)


def test_worldwide_partners_answer_every_place_but_are_never_painted(tiny, atlas) -> None:
    _, everything = view(tiny, atlas)
    assert everything.worldwide == ("C",)
    assert "C" in everything.partners
    for place in ({"country": "KEN"}, {"region": "europe"}, {"country": "MEX"}):
        _, selection = view(tiny, atlas, **place)
        assert selection.partners[-1] == "C" and selection.worldwide == ("C",), place
        assert "C" not in selection.serving
    assert "C" not in set(everything.links["partner_id"])  # never painted on a country
    _, chosen = view(tiny, atlas, country="KEN", partners=("A",))
    assert chosen.partners == ("A",)  # the partner filter still rules


def test_the_summary_names_the_partners_serving_a_country(network, atlas) -> None:
    filters, selection = view(network, atlas, country="KEN")
    assert summary(network, atlas, filters, selection) == (
        "2 partners serve Kenya: AGSCF and EASC. CPAFFC and WCSDA also state worldwide reach."
    )
    filters, selection = view(network, atlas, country="MEX", partners=("ACHA",))
    assert summary(network, atlas, filters, selection) == "1 partner serves Mexico: ACHA."


def test_the_summary_of_everything_mentions_worldwide_reach(network, atlas) -> None:
    filters, selection = view(network, atlas)
    text = summary(network, atlas, filters, selection)
    assert text.startswith("7 partners serve 82 countries between them: AGSCF, EASC,")
    assert text.endswith("CPAFFC and WCSDA also state worldwide reach.")


def test_the_summary_of_an_empty_selection_says_so(network, atlas) -> None:
    filters, selection = view(network, atlas, country="MEX", region="africa")
    assert summary(network, atlas, filters, selection) == (
        "No partner in this selection serves Mexico in Africa."
        " CPAFFC and WCSDA also state worldwide reach."
    )
    filters, selection = view(network, atlas, partners=("CPAFFC",))
    assert summary(network, atlas, filters, selection) == (
        "CPAFFC states worldwide reach without naming countries."
    )


def test_cards_show_unknowns_as_not_published(network, atlas) -> None:
    filters, selection = view(network, atlas, partners=("ACHA", "AIILSG"))
    by_id = {c.id: c for c in cards(network, atlas, filters, selection)}
    assert list(by_id) == ["AIILSG", "ACHA"]  # the data's order
    assert by_id["ACHA"].headquarters == NOT_PUBLISHED
    assert by_id["ACHA"].founded == NOT_PUBLISHED
    assert by_id["AIILSG"].founded == "1926"
    assert by_id["AIILSG"].mou == "July 2012"
    assert by_id["AIILSG"].headquarters == "Mumbai, India"
    assert by_id["AIILSG"].hq_basis == "stated in a public record"
    assert by_id["AIILSG"].other_words == ("several African countries",)


def test_cards_group_served_countries_by_basis(network, atlas) -> None:
    filters, selection = view(network, atlas, partners=("EASC",))
    (card,) = cards(network, atlas, filters, selection)
    headings = [g.heading for g in card.served]
    assert headings == ["Named in the source", "In Eastern Africa, a region the source names"]
    assert card.served[0].countries == ("Ethiopia", "Kenya", "Rwanda", "Tanzania")
    assert "Uganda" in card.served[1].countries
    assert "Kenya" not in card.served[1].countries  # counted once, as named


def test_the_focused_card_is_marked(tiny, atlas) -> None:
    filters, selection = view(tiny, atlas, focus="B")
    assert [c.focused for c in cards(tiny, atlas, filters, selection)] == [False, True, False]


def test_the_legend_says_which_partners_have_no_marker(network, atlas) -> None:
    _, selection = view(network, atlas)
    key = legend(network, selection)
    assert [i.id for i in key.items] == [
        "AGSCF",
        "EASC",
        "sister-cities-africa",
        "AIILSG",
        "CPAFFC",
    ]
    assert key.unplaced == (("not-published", ("WCSDA", "ACHA")),)
    assert key.worldwide == ("CPAFFC", "WCSDA")
    assert key.places == 0  # few partners: a marker each, not grouped by place
    assert len({(i.colour, i.symbol) for i in key.items}) == 5
    assert [i.label for i in key.items][2] == "Sister Cities Africa"  # no acronym: its name


def test_many_partners_get_markers_grouped_by_place(tmp_path: Path, atlas) -> None:
    many = tiny_network(
        tmp_path / "many",
        [
            partner(
                f"P{i}",
                hq_city="Nairobi" if i % 2 else "Lima",
                hq_country="Kenya" if i % 2 else "Peru",
            )
            for i in range(20)
        ],
        [(f"P{i}", "Kenya", "named", "Kenya") for i in range(20)],
        cache={"Nairobi, Kenya": (-1.28, 36.82), "Lima, Peru": (-12.05, -77.04)},
    )
    filters, selection = view(many, atlas)
    key = legend(many, selection)
    assert key.items == () and key.places == 2 and key.placed == 20
    (places,) = trace(figure(many, atlas, filters, selection), "headquarters")
    assert sorted(places.lat) == [-12.05, -1.28]
    assert all("10 partners' headquarters" in text for text in places.text)


def figure(network, atlas, filters, selection) -> go.Figure:
    """The figure dict, validated by plotly: every property must be a real one."""
    return go.Figure(map_figure(network, atlas, filters, selection))


def trace(fig, name):
    return [t for t in fig.data if t.name == name]


def test_the_figure_draws_the_counts_and_a_marker_per_geocoded_partner(network, atlas) -> None:
    filters, selection = view(network, atlas)
    fig = figure(network, atlas, filters, selection)
    (choropleth,) = trace(fig, "countries served")
    assert dict(zip(choropleth.locations, choropleth.z, strict=True))["ETH"] == 3
    markers = [
        t
        for t in fig.data
        if t.type == "scattergeo"
        and t.mode == "markers"
        and t.customdata is not None
        and t.customdata[0] in set(network.partners["id"])
    ]
    assert [t.name for t in markers] == [
        "AGSCF",
        "EASC",
        "Sister Cities Africa",
        "AIILSG",
        "CPAFFC",
    ]
    assert fig.layout.geo.fitbounds is False
    assert "Ethiopia" in choropleth.text[list(choropleth.locations).index("ETH")]


def test_small_countries_without_an_outline_are_drawn_as_dots(network, atlas) -> None:
    filters, selection = view(network, atlas, partners=("sister-cities-africa",))
    fig = figure(network, atlas, filters, selection)
    (dots,) = trace(fig, "small countries served")
    assert "BHR" in list(dots.customdata)  # Bahrain: too small for the 110m outlines
    (choropleth,) = trace(fig, "countries served")
    assert "BHR" not in list(choropleth.locations)


def test_focus_draws_lines_from_the_headquarters_to_each_served_country(tiny, atlas) -> None:
    filters, selection = view(tiny, atlas, focus="A")
    fig = figure(tiny, atlas, filters, selection)
    (lines,) = trace(fig, "served from headquarters")
    assert list(lines.lat).count(-1.28) == 2  # from Nairobi to Kenya and to Mexico
    assert list(lines.lat).count(None) == 2
    (outline,) = trace(fig, "focus-countries")
    assert set(outline.locations) == {"KEN", "MEX"}


def test_a_partner_without_headquarters_gets_no_marker_and_no_lines(tiny, atlas) -> None:
    filters, selection = view(tiny, atlas, focus="B")
    fig = figure(tiny, atlas, filters, selection)
    (lines,) = trace(fig, "served from headquarters")
    assert lines.lat in (None, ())
    assert trace(fig, "BB") == []
    (outline,) = trace(fig, "focus-countries")
    assert set(outline.locations) == {"KEN", "UGA"}


def test_a_region_filter_zooms_the_map_to_it(network, atlas) -> None:
    filters, selection = view(network, atlas, region="eastern-africa")
    geo = figure(network, atlas, filters, selection).layout.geo
    (south, north), (west, east) = geo.lataxis.range, geo.lonaxis.range
    assert south < -20 and north > 12  # Madagascar to Eritrea
    assert west < 29 and east > 57  # Rwanda to Mauritius
    assert north - south < 70 and east - west < 120  # a region, not the world
    # fills the frame: its shape on screen, in Natural Earth's degrees
    shape = DEFAULT_ASPECT * DEGREE_SHAPE
    assert (east - west) / (north - south) == pytest.approx(shape, abs=0.01)


def test_hover_text_escapes_markup_from_the_data(tmp_path: Path, atlas) -> None:
    hostile = tiny_network(
        tmp_path / "hostile",
        [partner("X", acronym="<img src=x onerror=alert(1)>")],
        [("X", "Kenya", "named", "Kenya")],
    )
    filters, selection = view(hostile, atlas)
    (choropleth,) = trace(figure(hostile, atlas, filters, selection), "countries served")
    assert "<img" not in choropleth.text[0]
    assert "&lt;img" in choropleth.text[0]


def test_the_csv_cannot_carry_a_spreadsheet_formula(tmp_path: Path, atlas) -> None:
    from dashboard.views.table import link_table, to_csv

    hostile = tiny_network(
        tmp_path / "formula",
        [partner("X", acronym='=HYPERLINK("http://evil")')],
        [("X", "@SUM(1+1)", "named", "Kenya")],
    )
    filters, selection = view(hostile, atlas)
    text = to_csv(link_table(hostile, atlas, filters, selection))
    assert "'=HYPERLINK" in text and "'@SUM(1+1)" in text
    assert ",=" not in text and ",@" not in text
