"""The map drawn for the screen it meets: what a tap picks, marker and dot sizes, the
colour bar's room for its labels, and views across the 180th meridian."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dashboard.state import EXPLORE, FilterState, Mode, mode_from_controls, screen_words
from dashboard.views.camera import geo_layout, lon_window
from dashboard.views.figure import _colour_axis, map_figure
from dashboard.views.selection import select
from dashboard.views.text import ENGLISH
from tests.support.datafolder import partner, tiny_network

PHONE = Mode(small=True, touch=True)


def figure(network, atlas, mode: Mode = EXPLORE, **state) -> dict:
    filters = FilterState(**state)
    return map_figure(network, atlas, filters, select(network, atlas, filters), mode)


def marker_sizes(fig: dict) -> set[int]:
    """The drawn sizes of the partners' own markers (their halo and themselves)."""
    return {
        size
        for trace in fig["data"]
        if trace.get("mode") == "markers" and trace["name"] != "small countries served"
        for size in trace["marker"]["size"]
    }


def test_a_point_is_picked_only_where_it_is_drawn(network, atlas) -> None:
    # plotly.js counts a point's distance from its edge: 1 px is on it, not 20 px off.
    assert figure(network, atlas)["layout"]["hoverdistance"] == 1


def test_a_finger_on_the_map_scrolls_the_page_only_on_a_touch_screen(network, atlas) -> None:
    assert figure(network, atlas, PHONE)["layout"]["dragmode"] is False
    assert "dragmode" not in figure(network, atlas, Mode(small=True))["layout"]
    assert "dragmode" not in figure(network, atlas)["layout"]


def test_markers_and_dots_are_smaller_on_a_phone_and_larger_on_a_projector(network, atlas) -> None:
    phone, laptop = figure(network, atlas, PHONE), figure(network, atlas)
    projector = figure(network, atlas, Mode(present=True))
    assert max(marker_sizes(phone)) < min(marker_sizes(laptop) | {99}) + 5
    assert max(marker_sizes(phone)) < max(marker_sizes(laptop)) < max(marker_sizes(projector))
    dots = {f["data"][1]["marker"]["size"] for f in (phone, laptop)}
    assert dots == {7, 9}


@pytest.mark.parametrize("mode", [EXPLORE, PHONE, Mode(present=True)], ids=str)
@pytest.mark.parametrize("top", [1, 3, 7, 10, 40])
def test_the_colour_bar_has_a_line_for_each_label_and_its_title(mode, top) -> None:
    bar = _colour_axis(top, mode, ENGLISH)
    labels, length = len(bar["colorbar"]["tickvals"]), bar["colorbar"]["len"]
    title, line = (18, 20) if mode.present else (12, 18)
    assert length >= 2.5 * title + 26 + line * labels - 0.01
    assert length <= (150 if mode.small else 200)
    assert bar["colorbar"]["tickvals"][-1] <= top


def test_the_screen_cookie_names_only_what_counts() -> None:
    assert screen_words("touch.small") == "small.touch"
    assert screen_words("wide") == ""
    assert screen_words("<script>.small" * 10) == ""  # past its length, nothing counts
    assert screen_words(None) == ""
    mode = mode_from_controls(None, None, None, "small.touch")
    assert (mode.small, mode.touch, mode.screen()) == (True, True, "small.touch")


def test_the_shortest_stretch_of_longitude_may_cross_the_180th_meridian() -> None:
    def window(*intervals):
        west, east = np.array(intervals, dtype=float).T
        return lon_window(west, east)

    assert window((30, 40), (-10, 0)) == (-10, 40)
    assert window((177, 180), (-172.7, -171.5)) == (177, 188.5)  # Fiji and Samoa
    assert window((100, 150), (-180, -170), (170, 180)) == (100, 190)
    # Russia (to 180) and the United States: the way across the Pacific is shorter.
    assert window((27.4, 180), (-124.7, -67)) == (27.4, 293)


@pytest.fixture
def pacific(tmp_path: Path):
    """A partner in Beijing serving China, Australia, Fiji, Samoa and Tonga."""
    return tiny_network(
        tmp_path / "pacific",
        [partner("P", hq_city="Beijing", hq_country="China")],
        [("P", "Asia-Pacific", "region", "Asia-Pacific")],
        areas=[("Asia-Pacific", "", "CHN AUS FJI WSM TON")],
        cache={"Beijing, China": (39.9, 116.4)},
    )


def test_a_region_across_the_180th_meridian_is_framed_on_the_short_way(pacific, atlas) -> None:
    slug = next(r.slug for r in atlas.regions if r.code == "009")  # Oceania
    filters = FilterState(region=slug)
    geo = geo_layout(pacific, atlas, filters, select(pacific, atlas, filters))
    west, east = geo["lonaxis"]["range"]
    assert east > 180 and east - west < 180, (west, east)


def test_a_focus_whose_lines_cross_the_180th_meridian_turns_the_world(pacific, atlas) -> None:
    filters = FilterState(focus="P")
    geo = geo_layout(pacific, atlas, filters, select(pacific, atlas, filters))
    west, east = geo["lonaxis"]["range"]
    assert east - west == 360

    def on_map(lon: float) -> float:
        return (lon - west) % 360 + west  # where the turned map draws this longitude

    # Each line from Beijing takes the short way, and the short way stays on the map.
    for lon in (-172.4, -176.0, 178.0, 134.4):  # Samoa, Tonga, Fiji, Australia
        assert abs(on_map(lon) - on_map(116.4)) < 180, lon
    # Lines that stay on one side leave the world as it is.
    unfocused = FilterState()
    assert geo_layout(pacific, atlas, unfocused, select(pacific, atlas, unfocused))["lonaxis"] == {
        "range": [-180, 180]
    }
