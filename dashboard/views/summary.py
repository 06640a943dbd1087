"""The one sentence that says what the map shows: "2 partners serve Kenya: AGSCF and EASC."."""

from __future__ import annotations

from dashboard.atlas import Atlas
from dashboard.network import Network
from dashboard.state import FilterState
from dashboard.views.selection import Selection
from dashboard.views.text import capped_list, countries, plural


def summary(
    network: Network, atlas: Atlas, state: FilterState, selection: Selection, short: bool = False
) -> str:
    """The summary sentence for a selection; `short` (presenter mode, one line on a
    projector) leaves out the list of names, which the legend and the card show."""
    sentence = _sentence(network, atlas, state, selection)
    if short and ": " in sentence:
        return sentence.split(": ", 1)[0] + "."
    return sentence


def _sentence(network: Network, atlas: Atlas, state: FilterState, selection: Selection) -> str:
    sentence = _serving(network, atlas, state, selection)
    wide = network.labels(selection.worldwide)
    placed = state.country or state.region
    if wide and (placed or not selection.links.empty):  # else the sentence says it
        verb = "also states" if len(wide) == 1 else "also state"
        sentence += f" {capped_list(wide)} {verb} worldwide reach."
    return sentence


def _serving(network: Network, atlas: Atlas, state: FilterState, selection: Selection) -> str:
    """The sentence about the partners in view for the countries they serve."""
    labels = network.labels(selection.serving)
    n = len(labels)
    subject = f"{plural(n, 'partner')} {'serves' if n == 1 else 'serve'}"
    basis = "" if state.count_regions else " by name"
    region = atlas.region(state.region)
    if state.country:
        where = atlas.countries.loc[state.country, "name"]
        if region is not None:
            where = f"{where} in {region.name}"
        if not n:
            return f"No partner in this selection serves {where}{basis}."
        return f"{subject} {where}{basis}: {capped_list(labels)}."
    served = countries(selection.links["iso3"].nunique())
    if region is not None:
        if not n:
            return f"No partner in this selection serves a country in {region.name}{basis}."
        return f"{subject} {served} in {region.name}{basis}: {capped_list(labels)}."
    if not n:
        return "No partner matches this selection."
    if selection.links.empty:
        return _no_countries(labels, len(selection.worldwide) == n)
    between = " between them" if n > 1 else ""
    return f"{subject} {served}{basis}{between}: {capped_list(labels)}."


def _no_countries(labels: list[str], all_worldwide: bool) -> str:
    """For partners in view that name no served country."""
    verb = "states" if len(labels) == 1 else "state"
    if all_worldwide:
        return f"{capped_list(labels)} {verb} worldwide reach without naming countries."
    return f"The sources name no served country for {capped_list(labels)}."
