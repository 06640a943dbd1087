"""The one sentence that says what the map shows: "2 partners serve Kenya: AGSCF and EASC."."""

from __future__ import annotations

from dashboard.atlas import Atlas
from dashboard.data.language import Language
from dashboard.network import Network
from dashboard.state import FilterState
from dashboard.views.names import country_lookup, region_name
from dashboard.views.selection import Selection
from dashboard.views.text import ENGLISH, capped_list, countries


def summary(
    network: Network,
    atlas: Atlas,
    state: FilterState,
    selection: Selection,
    short: bool = False,
    lang: Language = ENGLISH,
) -> str:
    """The summary sentence for a selection; `short` (presenter mode, one line on a
    projector) leaves out the list of names, which the legend and the card show."""
    head, labels = _serving(network, atlas, state, selection, lang)
    if labels and not short:
        sentence = lang._("{summary}: {names}.").format(
            summary=head, names=capped_list(labels, lang)
        )
    else:
        sentence = lang._("{summary}.").format(summary=head) if labels else head
    wide = network.labels(selection.worldwide)
    placed = state.country or state.region
    # (Worldwide partners are said by the sentence itself when nothing is placed; the
    # short form, like the names, leaves them to the legend and the cards.)
    if wide and (placed or len(selection.rows)) and not (short and labels):
        also = lang.n_(
            "{names} also states worldwide reach.", "{names} also state worldwide reach.", len(wide)
        )
        also = also.format(names=capped_list(wide, lang))
        sentence = lang._("{sentence} {also}").format(sentence=sentence, also=also)
    return sentence


def _serving(
    network: Network, atlas: Atlas, state: FilterState, selection: Selection, lang: Language
) -> tuple[str, list[str]]:
    """What the partners in view serve, without their names; and their names (empty
    where the sentence is complete without them)."""
    labels = network.labels(selection.serving)
    n = len(labels)
    region = atlas.region(state.region)
    by_name = not state.count_regions
    if state.country:
        place = country_lookup(atlas, lang)[state.country]
        if region is not None:
            place = lang._("{country} in {region}").format(
                country=place, region=region_name(region, atlas, lang)
            )
        if not n:
            return _none_serve(place, by_name, lang), []
        return _serve(n, place, by_name, lang), labels
    served = countries(len(selection.counts), lang)
    if region is not None:
        where = region_name(region, atlas, lang)
        if not n:
            return _none_in_region(where, by_name, lang), []
        place = lang._("{countries} in {region}").format(countries=served, region=where)
        return _serve(n, place, by_name, lang), labels
    if not n:
        return lang._("No partner matches this selection."), []
    if not len(selection.rows):
        return _no_countries(labels, len(selection.worldwide) == n, lang), []
    if by_name:
        # Without a place every partner in view is kept, also those that name no
        # country (only regions, or only worldwide reach): "by name" counts and names
        # only the partners that name one.
        labels = network.labels(_naming(network, selection))
    return _serve_between(len(labels), served, by_name, lang), labels


def _naming(network: Network, selection: Selection) -> list[str]:
    """The partners serving in view with a link drawn (with regions off, every link
    drawn is a named one), in network order."""
    drawn = set(network.link_column("partner_id")[selection.rows].tolist())
    return [pid for pid in selection.serving if pid in drawn]


def _serve(n: int, place: str, by_name: bool, lang: Language) -> str:
    """'2 partners serve Kenya', '1 partner serves 4 countries in Eastern Africa by name'."""
    if by_name:
        words = lang.n_(
            "{count} partner serves {place} by name", "{count} partners serve {place} by name", n
        )
    else:
        words = lang.n_("{count} partner serves {place}", "{count} partners serve {place}", n)
    return words.format(count=lang.number(n), place=place)


def _serve_between(n: int, served: str, by_name: bool, lang: Language) -> str:
    """The whole network: '7 partners serve 82 countries between them'."""
    if by_name:
        words = lang.n_(
            "{count} partner serves {countries} by name",
            "{count} partners serve {countries} by name between them",
            n,
        )
    else:
        words = lang.n_(
            "{count} partner serves {countries}",
            "{count} partners serve {countries} between them",
            n,
        )
    return words.format(count=lang.number(n), countries=served)


def _none_serve(place: str, by_name: bool, lang: Language) -> str:
    if by_name:
        return lang._("No partner in this selection serves {place} by name.").format(place=place)
    return lang._("No partner in this selection serves {place}.").format(place=place)


def _none_in_region(region: str, by_name: bool, lang: Language) -> str:
    if by_name:
        words = lang._("No partner in this selection serves a country in {region} by name.")
    else:
        words = lang._("No partner in this selection serves a country in {region}.")
    return words.format(region=region)


def _no_countries(labels: list[str], all_worldwide: bool, lang: Language) -> str:
    """For partners in view that name no served country."""
    names = capped_list(labels, lang)
    if all_worldwide:
        words = lang.n_(
            "{names} states worldwide reach without naming countries.",
            "{names} state worldwide reach without naming countries.",
            len(labels),
        )
        return words.format(names=names)
    return lang._("The sources name no served country for {names}.").format(names=names)
