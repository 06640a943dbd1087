"""What the filter controls offer: regions, served countries and partners, with counts,
named and sorted in the visitor's language."""

from __future__ import annotations

from dashboard.atlas import Atlas
from dashboard.data.language import Language
from dashboard.network import Network
from dashboard.views.names import country_names, region_name, sorted_by_name
from dashboard.views.text import ENGLISH


def region_options(network: Network, atlas: Atlas, lang: Language = ENGLISH) -> list[dict]:
    """M49 regions with at least one served country, nested by indentation, each with
    how many partners serve a country in it."""
    links = network.links
    served = set(links["iso3"])
    options = []
    for region in atlas.regions:
        if not served & region.members:
            continue
        n = links.loc[links["iso3"].isin(region.members), "partner_id"].nunique()
        # Tabs: the open list keeps them (assets/style.css sets their width), and the
        # chosen value, like any text, drops white space at the start of its line.
        indent = "\t" * region.level
        name = region_name(region, atlas, lang)
        label = lang._("{name} ({count})").format(name=name, count=lang.number(n))
        options.append({"label": indent + label, "value": region.slug, "search": name})
    return options


def country_options(network: Network, atlas: Atlas, lang: Language = ENGLISH) -> list[dict]:
    """Every served country, by name in this language, with how many partners serve it;
    searchable by its English name and code too."""
    counts = network.links.groupby("iso3")["partner_id"].nunique()
    names = country_names(atlas, lang)
    english = atlas.countries["name"]
    return [
        {
            "label": lang._("{name} ({count})").format(
                name=names[iso3], count=lang.number(counts[iso3])
            ),
            "value": iso3,
            "search": " ".join(dict.fromkeys((names[iso3], english[iso3], iso3))),
        }
        for iso3 in sorted_by_name(counts.index, names, lang)
    ]


def partner_options(network: Network) -> list[dict]:
    """Every partner by its label, in the data's order, its full name as the tooltip."""
    partners = network.partners
    return [
        {"label": label, "value": pid, "title": name}
        for pid, label, name in zip(
            partners["id"], partners["label"], partners["name"], strict=True
        )
    ]
