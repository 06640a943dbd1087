"""The summary's "by name" sentence, over every view of two data folders: it may count
and name only partners whose sources name a country in that view (with regions off,
AGSCF and Sister Cities Africa name only regions, so they are never among them)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from dashboard.atlas import Atlas
from dashboard.network import Network, load_network
from dashboard.state import FilterState
from dashboard.views.selection import select
from dashboard.views.summary import summary
from tests.support.paths import REPO

# "4 partners serve 13 countries by name between them: EASC, AIILSG, WCSDA and ACHA."
BY_NAME = re.compile(
    r"^(?P<count>\d+) partners? serves? .+? by name(?: between them)?(?:: (?P<names>.+?))?\.(?: |$)"
)


@pytest.fixture(scope="module", params=["data", "examples/small-network"])
def folder(request, network: Network) -> Network:
    if request.param == "data":
        return network
    return load_network(REPO / request.param)


def every_view(network: Network, atlas: Atlas) -> Iterator[FilterState]:
    """Each region, each served country, each partner, and the whole network; with
    regions on and off."""
    places = [
        {},
        *({"region": region.slug} for region in atlas.regions),
        *({"country": iso3} for iso3 in network.by_country.codes),
        *({"partners": (pid,)} for pid in network.ids),
    ]
    for place in places:
        for count_regions in (True, False):
            yield FilterState(**place, count_regions=count_regions)


def naming(network: Network, state: FilterState, atlas: Atlas) -> list[str]:
    """The labels of the partners whose sources name a country drawn in this view."""
    links = select(network, atlas, state).links
    named = set(links.loc[links["basis"] == "named", "partner_id"])
    return network.labels([pid for pid in network.ids if pid in named])


def split_names(names: str) -> list[str]:
    return re.split(r", | and ", names)


def test_the_by_name_sentence_lists_only_partners_that_name_a_country(folder, atlas) -> None:
    checked = 0
    for state in every_view(folder, atlas):
        text = summary(folder, atlas, state, select(folder, atlas, state))
        found = BY_NAME.match(text)
        if state.count_regions:
            assert "by name" not in text, (state, text)
            continue
        expected = naming(folder, state, atlas)
        if not expected:  # no partner in view names a country: another sentence says so
            assert found is None, (state, text)
            continue
        assert found is not None, (state, text)
        assert int(found["count"]) == len(expected), (state, text)
        if found["names"] is not None:  # the whole list, never capped at this size
            assert split_names(found["names"]) == expected, (state, text)
        checked += 1
    assert checked > 10  # the sentence was met, not skipped in every view


def test_with_regions_off_the_whole_network_names_only_partners_naming_countries(
    network, atlas
) -> None:
    state = FilterState(count_regions=False)
    assert summary(network, atlas, state, select(network, atlas, state)) == (
        "4 partners serve 13 countries by name between them: EASC, AIILSG, WCSDA and ACHA."
        " CPAFFC and WCSDA also state worldwide reach."
    )
    state = FilterState(partners=("AGSCF", "EASC"), count_regions=False)
    assert summary(network, atlas, state, select(network, atlas, state)) == (
        "1 partner serves 4 countries by name: EASC."
    )
