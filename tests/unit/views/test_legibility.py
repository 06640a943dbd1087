"""What the map needs to be read stands out on whatever it sits on (WCAG 1.4.11), and
a zoomed view holds the whole of what it is about."""

from __future__ import annotations

from itertools import pairwise

import pytest

from dashboard.network import PARTNER_COLOURS
from dashboard.state import EXPLORE, FilterState, Mode
from dashboard.views import style
from dashboard.views.camera import STAGE_SPLIT, geo_layout
from dashboard.views.camera import _drawn_shape as drawn_shape
from dashboard.views.figure import map_figure
from dashboard.views.selection import select

NEEDED = 3.0  # WCAG 1.4.11: graphical objects needed to understand the map


def figure(network, atlas, mode: Mode = EXPLORE, **state) -> dict:
    filters = FilterState(**state)
    return map_figure(network, atlas, filters, select(network, atlas, filters), mode)


def traces(fig: dict, name: str) -> list[dict]:
    return [t for t in fig["data"] if t.get("name") in (name, f"{name} (casing)")]


def stands_out(colours: list[str], fill: str) -> bool:
    """Whether one of a mark's colours (a line and its casing, a fill and its rings)
    stands at least 3:1 against the fill it sits on."""
    return max(style.contrast(colour, fill) for colour in colours) >= NEEDED


def test_the_contrast_ratio_is_wcags() -> None:
    assert style.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert style.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_served_countries_stand_apart_from_unserved_land(network, atlas) -> None:
    (choropleth,) = traces(figure(network, atlas), "countries served")
    edge = choropleth["marker"]["line"]["color"]
    assert style.contrast(edge, style.LAND) >= NEEDED
    assert style.contrast(edge, style.COUNT_COLOURS[0]) >= NEEDED


def colour_of(scale: list, max_count: int, count: int) -> str:
    """The colour plotly gives `count` on the map's scale (cmin 0.5, cmax max + 0.5)."""
    at = (count - 0.5) / max_count
    steps = pairwise(scale)
    return next(colour for (start, colour), (end, _) in steps if start <= at <= end)


@pytest.mark.parametrize("max_count", [1, 2, 5, 6, 7, 40, 999, 2000])
def test_more_partners_never_shade_a_country_lighter(max_count: int) -> None:
    scale = style.count_colourscale(max_count)
    shades = [colour_of(scale, max_count, n) for n in range(1, max_count + 1)]
    ranks = [style.COUNT_COLOURS.index(shade) for shade in shades]
    assert ranks == sorted(ranks)
    if max_count > 1:
        assert (shades[0], shades[-1]) == (style.COUNT_COLOURS[0], style.COUNT_COLOURS[-1])
    # A step per colour, not per count: the scale is sent with every filter change.
    assert len(scale) <= 2 * len(style.COUNT_COLOURS)
    assert (scale[0][0], scale[-1][0]) == (0, 1)


def line_colour(trace: dict) -> str:
    """A line's colour, or an outline's (a choropleth draws it as its markers' edge)."""
    return trace["line"]["color"] if "line" in trace else trace["marker"]["line"]["color"]


@pytest.mark.parametrize("name", ["served from headquarters", "focus-countries"])
def test_focus_lines_and_outlines_show_on_every_fill(network, atlas, name) -> None:
    casing, line = traces(figure(network, atlas, focus="EASC"), name)
    colours = [line_colour(casing), line_colour(line)]
    assert style.contrast(*colours) >= NEEDED
    for fill in style.map_fills():
        assert stands_out(colours, fill), (name, fill)


def test_a_chosen_countrys_outline_shows_on_every_fill(network, atlas) -> None:
    casing, line = traces(figure(network, atlas, country="ETH"), "selected-country")
    colours = [line_colour(casing), line_colour(line)]
    assert line["locations"] == ["ETH"]
    for fill in style.map_fills():
        assert stands_out(colours, fill)


def test_every_partners_marker_shows_on_every_fill(network, atlas) -> None:
    markers = [
        t for t in figure(network, atlas)["data"] if t.get("customdata", [None])[0] in network.ids
    ]
    assert len(markers) == 5
    for marker in markers:
        halo, fill = marker["marker"]["color"]
        rings = [halo, fill, marker["marker"]["line"]["color"]]
        for background in style.map_fills():
            assert stands_out(rings, background), (marker["name"], background)
    assert set(PARTNER_COLOURS) >= {m["marker"]["color"][1] for m in markers}


def test_the_other_partners_markers_step_back_while_one_is_in_focus(network, atlas) -> None:
    fig = figure(network, atlas, focus="AIILSG")
    opacity = {
        t["name"]: t["opacity"]
        for t in fig["data"]
        if t.get("type") == "scattergeo" and "opacity" in t
    }
    assert opacity["AIILSG"] == 1.0
    assert {name: o for name, o in opacity.items() if name != "AIILSG"} == dict.fromkeys(
        ["AGSCF", "EASC", "Sister Cities Africa", "CPAFFC"], style.DIMMED
    )


def test_a_tour_step_frames_the_whole_of_every_country_served(network, atlas) -> None:
    state = FilterState(focus="ACHA")
    geo = geo_layout(network, atlas, state, select(network, atlas, state), Mode(True, True))
    (south, north), (west, east) = geo["lataxis"]["range"], geo["lonaxis"]["range"]
    usa, mex = atlas.countries.loc["USA"], atlas.countries.loc["MEX"]
    assert south <= mex["south"] and north >= usa["north"]  # 14.5 N to 49.4 N
    assert west <= usa["west"] and east >= usa["east"]


@pytest.mark.parametrize("aspect", [1.1, 1.6, 2.2])
def test_a_zoomed_view_takes_the_shape_of_the_frame_on_screen(network, atlas, aspect) -> None:
    state = FilterState(focus="AGSCF")
    mode = Mode(present=True, tour=True, aspect=aspect)
    geo = geo_layout(network, atlas, state, select(network, atlas, state), mode)
    (south, north), (west, east) = geo["lataxis"]["range"], geo["lonaxis"]["range"]
    assert geo["domain"]["x"] == [0.0, STAGE_SPLIT]  # beside the presenter's card
    # As Natural Earth draws the range (a tour's reaches far north, where DEGREE_SHAPE
    # is no longer near): its shape on screen is the map's part of the frame.
    shape = drawn_shape([west, east], [south, north])
    assert shape == pytest.approx(aspect * STAGE_SPLIT, rel=0.02)


@pytest.mark.parametrize(("pid", "place"), [("WCSDA", "CHN"), ("CPAFFC", None)])
def test_a_worldwide_partners_tour_step_shows_where_it_is_and_says_so(
    network, atlas, pid, place
) -> None:
    fig = figure(network, atlas, Mode(present=True, tour=True), focus=pid)
    geo = fig["layout"]["geo"]
    (south, north), (west, east) = geo["lataxis"]["range"], geo["lonaxis"]["range"]
    if place:  # the country it names, whole
        country = atlas.countries.loc[place]
        assert south <= country["south"] and north >= country["north"]
    else:  # its headquarters
        partner = network.partner(pid)
        assert west < partner["longitude"] < east and south < partner["latitude"] < north
    assert east - west < 180  # not the overview
    (note,) = fig["layout"]["annotations"]
    assert note["text"].startswith(f"{pid} states worldwide reach: “")


def test_a_partner_without_headquarters_is_said_to_have_none(network, atlas) -> None:
    (note,) = figure(network, atlas, focus="ACHA")["layout"]["annotations"]
    assert note["text"] == "ACHA: no headquarters published, so no lines"
    assert figure(network, atlas, focus="EASC")["layout"]["annotations"] == []
