"""What the filter controls offer: regions, served countries and partners, with counts."""

from __future__ import annotations

from dashboard.atlas import Atlas
from dashboard.network import Network


def region_options(network: Network, atlas: Atlas) -> list[dict]:
    """M49 regions with at least one served country, nested by indentation, each with
    how many partners serve a country in it."""
    links = network.links
    served = set(links["iso3"])
    options = []
    for region in atlas.regions:
        if not served & region.members:
            continue
        n = links.loc[links["iso3"].isin(region.members), "partner_id"].nunique()
        indent = "\u2003" * region.level
        options.append(
            {"label": f"{indent}{region.name} ({n})", "value": region.slug, "search": region.name}
        )
    return options


def country_options(network: Network, atlas: Atlas) -> list[dict]:
    """Every served country, by name, with how many partners serve it."""
    counts = network.links.groupby("iso3")["partner_id"].nunique()
    names = atlas.countries.loc[counts.index, "name"]
    return [
        {
            "label": f"{names[iso3]} ({counts[iso3]})",
            "value": iso3,
            "search": f"{names[iso3]} {iso3}",
        }
        for iso3 in sorted(counts.index, key=lambda c: names[c])
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
