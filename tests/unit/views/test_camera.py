"""Where a presenter's tour looks: enough around a partner that names no country to
read where it is, each served country whole (Alaska too), and the top of the map left
to the colour scale and the notes that stand there."""

from __future__ import annotations

import pytest

from dashboard.state import FilterState, Mode
from dashboard.views.camera import ALONE_SPAN, POLAR, TOP_BAND, geo_layout
from dashboard.views.projection import y_of
from dashboard.views.selection import select

TOURING = Mode(present=True, tour=True, aspect=1.5)


def view(network, atlas, pid: str, mode: Mode = TOURING) -> tuple[list, list]:
    state = FilterState(focus=pid)
    geo = geo_layout(network, atlas, state, select(network, atlas, state), mode)
    return geo["lataxis"]["range"], geo["lonaxis"]["range"]


def test_a_partner_with_only_a_headquarters_is_shown_among_its_neighbours(network, atlas) -> None:
    (south, north), (west, east) = view(network, atlas, "CPAFFC")
    assert north - south >= ALONE_SPAN and east - west >= ALONE_SPAN
    for neighbour in ("CHN", "MNG", "KOR", "JPN"):
        country = atlas.countries.loc[neighbour]
        assert west < country["longitude"] < east and south < country["latitude"] < north


def test_a_tour_step_holds_a_served_country_with_its_large_parts(network, atlas) -> None:
    (_, north), (west, east) = view(network, atlas, "ACHA")
    assert west <= -168.0 and north >= 71.4  # Alaska, part of the United States
    assert east - west < 180  # not the Aleutians across the date line: the Americas


@pytest.mark.parametrize("pid", ["AGSCF", "EASC", "AIILSG", "ACHA", "CPAFFC"])
def test_the_top_of_a_presenters_map_is_left_to_the_scale_and_the_notes(
    network, atlas, pid
) -> None:
    """TOP_BAND above what the step shows; less only where the view reaches POLAR
    (Natural Earth's squeezed north, which would leave the frame's sides empty)."""
    (south, north), _ = view(network, atlas, pid)
    selection = select(network, atlas, FilterState(focus=pid))
    norths = list(atlas.countries.loc[list(selection.links_of(pid)["iso3"]), "north"])
    if pid == "ACHA":
        norths.append(71.4)  # Alaska's north
    partner = network.partner(pid)
    if partner["headquarters"]:
        norths.append(partner["latitude"])
    band = (y_of(north) - y_of(max(norths))) / (y_of(north) - y_of(south))
    # The band is laid out in degrees; drawn, the squeezed north makes it a little less.
    assert band >= TOP_BAND - 0.04 or north >= POLAR - 0.01, (band, north)
    assert band >= 0.1, band  # whether the scale covers anything: test_presenter.py
