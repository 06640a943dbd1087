"""The two apps the benchmark measures side by side, and all that differs between them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser

from bench.interactions import Interaction, build_requests, capture_in_browser
from dashboard.atlas import Atlas, RegionOption, load_atlas
from dashboard.network import load_network
from tests.support.servers import APP, APP_FACTORY


@dataclass(frozen=True)
class App:
    name: str
    target: str  # gunicorn's APP_MODULE
    factory: str  # module:function that builds the app from a data folder
    focus_control: str  # the input that focuses a partner
    region_values: Callable[[list[RegionOption]], list[str]]  # its region input's values
    country_label: Callable[[Atlas, str], str]  # what a visitor types to pick an ISO3 country
    # Fills in each interaction's request: (url, interactions, browser).
    prepare: Callable[[str, list[Interaction], Browser], None]
    cold_env: dict[str, str] | None = None  # if it has a view memo: the env that turns it off

    def interactions(self, data_dir: Path) -> list[Interaction]:
        """Its three interactions on this network, each with the values to cycle through."""
        network = load_network(data_dir)
        served = sorted(network.links["iso3"].unique())
        regions = [r for r in load_atlas().regions if r.members & set(served)]
        first = list(network.partners["id"][:200])
        return [
            Interaction("change region", "filter-region", self.region_values(regions)),
            Interaction("change served country", "filter-country", served),
            Interaction("focus a partner", self.focus_control, first),
        ]


PARTNER_MAP = App(
    "partner-map",
    APP,
    APP_FACTORY,
    focus_control="focus",  # a click on a card
    region_values=lambda regions: [r.slug for r in regions],
    country_label=lambda atlas, iso3: atlas.countries.loc[iso3, "name"],
    prepare=capture_in_browser,
    cold_env={"PARTNER_MAP_VIEW_CACHE": "0"},
)
BASELINE = App(
    "baseline",
    "bench.baseline_app:server",
    "bench.baseline_app:create_baseline",
    focus_control="filter-focus",  # a dropdown
    # Its region dropdown offers regions and sub-regions by name.
    region_values=lambda regions: sorted({r.name for r in regions if r.level < 2}),
    country_label=lambda atlas, iso3: iso3,
    prepare=build_requests,
)
APPS = (PARTNER_MAP, BASELINE)
