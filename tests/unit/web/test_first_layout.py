"""The layout Dash first asks for: the page with the first answers of its callbacks in
place, for the address of the page that asks (its Referer), so a page load calls no
callback on the server."""

from __future__ import annotations

import json

import pytest

from dashboard.state import SCREEN_COOKIE
from dashboard.web import ids
from tests.unit.web.test_callbacks import CONTROL_VALUES, Browser

PAGE = "http://localhost/"


@pytest.fixture(scope="module")
def browser() -> Browser:
    return Browser()


def layout(browser: Browser, query: str | None, **headers: str) -> dict:
    """The layout's components with a plain id, by id: their props."""
    if query is not None:
        headers["Referer"] = PAGE + query
    response = browser.client.get("/_dash-layout", headers=headers)
    assert response.status_code == 200
    found: dict[str, dict] = {}

    def walk(node: object) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict) and "props" in node:
            if isinstance(node["props"].get("id"), str):
                found[node["props"]["id"]] = node["props"]
            walk(node["props"].get("children"))

    walk(json.loads(response.get_data(as_text=True)))
    return found


def test_the_layout_holds_the_view_the_filter_callback_would_send_for_the_address(
    browser,
) -> None:
    page = layout(browser, "?country=KEN&focus=EASC")
    values = {
        **CONTROL_VALUES,
        f"{ids.COUNTRY}.value": "KEN",
        f"{ids.FOCUS}.data": "EASC",
        f"{ids.TABS}.data": "cards",
    }
    sent = browser.call(f"{ids.MAP}.figure", values, [f"{ids.COUNTRY}.value"])
    assert page[ids.COUNTRY]["value"] == "KEN"
    assert page[ids.FOCUS]["data"] == "EASC"
    for output in ("summary.children", "legend.children", "cards.content", "map.figure"):
        component, prop = output.split(".")
        assert page[component][prop] == json.loads(json.dumps(sent[output])), output
    assert page[ids.DRAWN]["data"] == sent[f"{ids.DRAWN}.data"]
    assert page[ids.SUMMARY]["children"].startswith("2 partners serve Kenya")


def test_the_address_is_written_in_as_the_browser_has_it_so_loading_changes_nothing(
    browser,
) -> None:
    assert layout(browser, "?country=KEN&lang=fr")[ids.URL]["search"] == "?country=KEN&lang=fr"
    assert layout(browser, "")[ids.URL]["search"] == ""


def test_without_a_referer_the_address_is_left_for_the_browser_to_write_in(browser) -> None:
    page = layout(browser, None)
    assert "search" not in page[ids.URL]  # the browser sets it, and the address callback runs
    assert page[ids.COUNTRY]["value"] is None
    assert page[ids.SUMMARY]["children"].startswith("7 partners")


def test_a_store_without_a_value_carries_no_data_so_mounting_it_calls_nothing(browser) -> None:
    page = layout(browser, "?country=KEN")
    assert "data" not in page[ids.FOCUS]
    assert "data" not in page[ids.MAP_SHAPE]


def test_a_link_that_drops_values_says_so_in_the_layout(browser) -> None:
    page = layout(browser, "?country=XXX")
    assert "XXX" in page[ids.NOTICE]["children"]


def test_a_tour_link_starts_the_tour_on_its_first_partner(browser) -> None:
    page = layout(browser, "?tour=1")
    tour = page[ids.TOUR]["data"]
    assert tour["active"] is True and tour["focus"]
    assert page[ids.TICK]["disabled"] is False
    assert page[ids.TOUR_STATUS]["children"] == "Partner 1 of 7"
    assert page[ids.ROOT]["className"] == "app present touring"


def test_the_layout_is_in_the_language_of_the_page_that_asks(browser) -> None:
    page = layout(browser, "?lang=fr&country=KEN")
    assert page[ids.LANG]["data"] == "fr"
    assert page[ids.SUMMARY]["children"].startswith("Kenya — 2 partenaires")


def test_the_page_does_not_carry_a_second_copy_of_the_layout(browser) -> None:
    """Dash would write a layout into every page's config to check callbacks against."""
    page = browser.client.get("/?country=KEN").get_data(as_text=True)
    config = page.split('<script id="_dash-config" type="application/json">', 1)[1]
    config = json.loads(config.split("</script>", 1)[0])
    assert "validation_layout" not in config
    assert len(page) < 40_000


def test_a_phone_s_first_layout_is_drawn_for_its_screen(browser) -> None:
    """assets/screen.js says what screen asks, in a cookie, before the first layout:
    a phone's map is drawn for it at once, with no second drawing."""

    def map_layout(cookie: str | None) -> dict:
        if cookie:
            browser.client.set_cookie(SCREEN_COOKIE, cookie)
        try:
            return layout(browser, "")[ids.MAP]["figure"]
        finally:
            browser.client.delete_cookie(SCREEN_COOKIE)

    def easc_sizes(figure: dict) -> list[int]:
        return next(t["marker"]["size"] for t in figure["data"] if t["name"] == "EASC")

    phone, wide = map_layout("small.touch"), map_layout("wide")
    assert phone["layout"]["dragmode"] is False and "dragmode" not in wide["layout"]
    assert max(easc_sizes(phone)) < max(easc_sizes(wide))
    assert map_layout(None) == wide
