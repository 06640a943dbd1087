"""A tap or a click on the map, as a person gives it: real touch and mouse events at
the screen coordinates where a country or a marker is drawn, on a phone (390x844,
touch) and at a laptop's 1366x768 (mouse). A country chooses itself wherever no
marker or dot is drawn; a marker focuses its partner; a thumb drawn over the map on a
touch screen scrolls the page and leaves the map where it was."""

from __future__ import annotations

import math
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from tests.support.chromium import APP_DRAWN, PHONE
from tests.support.pointer import click_at, country_middle, drawn_points, swipe, tap

LAPTOP = {"width": 1366, "height": 768}
# Served countries around the headquarters in Accra, Nairobi and Casablanca: the ones
# the walk through the product tapped first, then their neighbours.
NEAR_HEADQUARTERS = [
    "ETH", "TZA", "UGA", "NGA", "RWA", "SOM", "SAU", "EGY", "SDN", "SSD", "COD", "ZMB",
    "DZA", "LBY", "TCD", "NER", "MLI", "YEM", "OMN", "MOZ", "AGO", "CMR", "KEN",
]  # fmt: skip
FINGER = 1.5  # px: a tap this close to a drawn point's edge lands on it (plotly.js counts 1)
MAP_VIEW = """() => { const g = document.querySelector('#map .js-plotly-plot')
    || document.getElementById('map');
  const geo = g._fullLayout.geo;
  return JSON.stringify([geo.center, geo.projection.rotation, geo.projection.scale]); }"""


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def wait_for_query(page: Page, name: str, value: str) -> None:
    page.wait_for_function(
        "([name, value]) => new URLSearchParams(location.search).get(name) === value",
        arg=[name, value],
        timeout=10_000,
    )


def under_a_marker(page: Page, x: float, y: float) -> bool:
    return any(
        math.dist((x, y), (p["x"], p["y"])) <= p["radius"] + FINGER for p in drawn_points(page)
    )


def open_world(visit, viewport: dict) -> Page:
    touch = viewport is PHONE
    return visit("/", viewport, has_touch=touch, is_mobile=touch)


def reload_world(page: Page) -> None:
    page.goto(page.url.split("?")[0])
    page.wait_for_function(APP_DRAWN, timeout=20_000)
    page.wait_for_selector("#map .choroplethlocation", state="attached")


@pytest.mark.parametrize(
    ("viewport", "must"),
    [(PHONE, {"ETH", "SAU", "SOM", "EGY"}), (LAPTOP, {"TZA", "UGA", "NGA", "ETH", "SAU"})],
    ids=["phone-touch", "laptop-mouse"],
)
def test_a_tap_in_the_middle_of_a_served_country_chooses_it(visit, viewport, must) -> None:
    page = open_world(visit, viewport)
    press = tap if viewport is PHONE else click_at
    chosen = []
    for iso3 in NEAR_HEADQUARTERS:
        x, y = country_middle(page, iso3)
        if under_a_marker(page, x, y):
            continue  # a marker is drawn there: it wins, as the next test checks
        press(page, x, y)
        wait_for_query(page, "country", iso3)
        assert "focus" not in query(page), f"a tap on {iso3} focused a partner"
        if viewport is PHONE:  # no hover label left over the map: the details say it
            assert page.locator("#map .hoverlayer").is_hidden()
        chosen.append(iso3)
        reload_world(page)
    assert len(chosen) >= 8, f"only {chosen} could be tapped clear of markers"
    assert must <= set(chosen), f"{sorted(must - set(chosen))} were under a marker"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone-touch", "laptop-mouse"])
def test_a_tap_on_a_drawn_marker_focuses_its_partner(visit, viewport) -> None:
    page = open_world(visit, viewport)
    press = tap if viewport is PHONE else click_at
    markers = {p["pick"]: p for p in drawn_points(page) if p["pick"] in ("EASC", "AGSCF")}
    for partner, marker in sorted(markers.items()):
        press(page, marker["x"], marker["y"])
        wait_for_query(page, "focus", partner)
        reload_world(page)
    assert sorted(markers) == ["AGSCF", "EASC"]


def test_markers_are_drawn_smaller_on_a_phone_than_on_a_laptop(visit) -> None:
    def easc_radius(page: Page) -> float:
        return max(p["radius"] for p in drawn_points(page) if p["pick"] == "EASC")

    phone = easc_radius(open_world(visit, PHONE))
    laptop = easc_radius(open_world(visit, LAPTOP))
    assert phone < laptop * 0.8, (phone, laptop)


def test_a_thumb_over_the_map_on_a_phone_scrolls_the_page_not_the_map(visit) -> None:
    page = open_world(visit, PHONE)
    before = page.evaluate(MAP_VIEW)
    x, y = country_middle(page, "COD")
    swipe(page, x, y, 150)
    page.wait_for_function("() => window.scrollY > 100", timeout=5_000)
    page.wait_for_timeout(300)  # a pan, had one begun, would have drawn by now
    assert page.evaluate(MAP_VIEW) == before
