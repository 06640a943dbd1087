"""What a visitor sees and clicks, in headless Chromium against gunicorn."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from dashboard.atlas import load_atlas
from dashboard.network import load_network
from dashboard.web import ids
from tests.support.chromium import choose
from tests.support.paths import BUNDLED_DATA

GRAPH = "#map .js-plotly-plot"


@pytest.fixture(scope="module")
def network():
    return load_network(BUNDLED_DATA)


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


def traces(page: Page) -> list[dict]:
    """The figure the browser drew: each trace's name, type, mode and point count
    (from plotly's full data, where binary-encoded arrays are already decoded)."""
    return page.evaluate(
        """sel => document.querySelector(sel)._fullData.map(t => ({
            name: t.name, type: t.type, mode: t.mode || null,
            points: Array.from(t.locations || t.lat || []).filter(v => v !== null).length}))""",
        GRAPH,
    )


# Partners that state worldwide reach answer every place: the summary adds them,
# and they have cards, in every country and region view.
WIDE = " CPAFFC and WCSDA also state worldwide reach."
WORLDWIDE_NAMES = [
    "The Chinese People’s Association for Friendship with Foreign Countries",
    "The World Cities Scientific Development Alliance",
]


def lonlat(network, pid: str) -> str:
    """A partner's headquarters as plotly writes a point's lonlat."""
    partner = network.partner(pid)
    return f"{float(partner['longitude'])!r},{float(partner['latitude'])!r}"


def card_names(page: Page) -> list[str]:
    return page.locator(f"#{ids.CARDS} .card .name").all_inner_texts()


def click_point(page: Page, layer: str, key: str, value: str) -> None:
    """Click the drawn SVG shape whose plotly datum has datum[key] == value."""
    box = page.evaluate(
        """([sel, layer, key, value]) => {
            const el = [...document.querySelectorAll(sel + ' ' + layer)]
                .find(e => e.__data__ && String(e.__data__[key]) === value);
            if (!el) return null;
            const r = el.getBoundingClientRect();
            return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        }""",
        [GRAPH, layer, key, value],
    )
    assert box, f"nothing drawn with {key}={value}"
    page.mouse.move(box["x"], box["y"])
    page.mouse.click(box["x"], box["y"])


def test_the_choropleth_draws_every_covered_country(page: Page, network, atlas) -> None:
    served = set(network.links["iso3"])
    shaped = served & set(atlas.countries.index[atlas.countries["shaped"]])
    drawn = page.locator(f"{GRAPH} .choroplethlocation")
    expect(drawn).to_have_count(len(shaped))
    fills = set(drawn.evaluate_all("els => els.map(e => getComputedStyle(e).fill)"))
    assert len(fills) == 3  # one shade each for 1, 2 and 3 partners


def test_a_marker_stands_at_each_geocoded_headquarters(page: Page) -> None:
    markers = [
        t["name"]
        for t in traces(page)
        if t["type"] == "scattergeo"
        and t["points"] > 0
        and t["mode"] == "markers"
        and t["name"] != "small countries served"
    ]
    assert markers == ["AGSCF", "EASC", "Sister Cities Africa", "AIILSG", "CPAFFC"]
    legend = page.locator(f"#{ids.LEGEND}")
    expect(legend).to_contain_text("No headquarters published, so no marker: WCSDA and ACHA.")
    expect(legend).to_contain_text("reach not drawn on any country: CPAFFC and WCSDA.")


def test_the_outlines_come_from_the_app_not_a_cdn(page: Page, watch) -> None:
    assert any(url.endswith("/assets/topojson/world_110m.json") for url in watch.requests)
    assert any("/assets/plotly-geo.min.js" in url for url in watch.requests)
    assert not any("plotly.min.js" in url for url in watch.requests)


def test_a_region_filter_changes_the_cards_the_summary_and_the_view(page: Page) -> None:
    geo = f"document.querySelector('{GRAPH}').layout.geo"
    view = f"() => ['lonaxis', 'lataxis'].map(a => {geo}[a].range)"
    world = page.evaluate(view)
    choose(page, ids.REGION, "Eastern Africa")
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(
        "3 partners serve 20 countries in Eastern Africa: AGSCF, EASC and AIILSG." + WIDE
    )
    assert card_names(page) == [
        "African Global Sister Cities Foundation",
        "Eastern Africa Sister Cities",
        "All India Institute of Local Self Government",
        *WORLDWIDE_NAMES,
    ]
    zoomed = page.evaluate(view)

    def degrees(ranges):  # the view's area: a zoomed view fills the frame's shape
        (west, east), (south, north) = ranges
        return (east - west) * (north - south)

    assert degrees(zoomed) < degrees(world) / 4


def test_a_served_country_filter_shows_exactly_the_partners_that_serve_it(page: Page) -> None:
    choose(page, ids.COUNTRY, "Ethiopia")
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(
        "3 partners serve Ethiopia: AGSCF, EASC and AIILSG." + WIDE
    )
    assert card_names(page) == [
        "African Global Sister Cities Foundation",
        "Eastern Africa Sister Cities",
        "All India Institute of Local Self Government",
        *WORLDWIDE_NAMES,
    ]
    switch = page.locator(f"#{ids.COUNT_REGIONS_SWITCH}")
    expect(switch).to_have_attribute("aria-checked", "true")
    switch.click()  # only countries named outright
    expect(switch).to_have_attribute("aria-checked", "false")
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(
        "2 partners serve Ethiopia by name: EASC and AIILSG." + WIDE
    )
    assert len(card_names(page)) == 2 + len(WORLDWIDE_NAMES)


def test_clicking_a_card_focuses_its_partner(page: Page) -> None:
    card = page.locator(f"#{ids.CARDS} .card", has_text="Eastern Africa Sister Cities")
    card.locator(".card-title").click()
    expect(card).to_have_class(re.compile(r"\bfocused\b"))
    expect(card.locator(".card-title")).to_have_attribute("aria-pressed", "true")
    # The trace is always there (empty without a focus): wait for the focus's lines,
    # which come from the server after the card is marked in the browser.
    page.wait_for_function(
        f"""() => document.querySelector('{GRAPH}')._fullData
            .some(t => t.name === 'served from headquarters' && t.lat && t.lat.length)"""
    )
    lines = next(t for t in traces(page) if t["name"] == "served from headquarters")
    assert lines["points"] == 2 * 20  # Nairobi to each of EASC's 20 countries, and back to it
    card.locator(".card-title").click()  # again: unfocus
    expect(card).not_to_have_class(re.compile(r"\bfocused\b"))


def test_a_card_keeps_what_the_visitor_opened_and_passes_it_to_no_other(page: Page) -> None:
    def card(pid: str):
        return page.locator(f'#{ids.CARDS} .card[data-mark="{pid}"]')

    def opened(pid: str) -> int:
        return card(pid).locator(".served details[open]").count()

    # AIILSG's card is the third of the whole network's and the first of China's.
    card("AIILSG").locator(".served details summary").first.click()
    choose(page, "filter-country", "China")
    expect(page.locator(f"#{ids.CARDS} .card").first).to_have_attribute("data-mark", "AIILSG")
    assert opened("AIILSG") == 1  # moved up, and still as the visitor left it
    page.click("#filter-clear")
    expect(page.locator(f"#{ids.CARDS} .card").first).to_have_attribute("data-mark", "AGSCF")
    # AGSCF's card stands where AIILSG's was: it opens nothing it was not asked to.
    assert opened("AGSCF") == 0
    assert opened("AIILSG") == 1


def test_clicking_a_marker_focuses_its_partner(page: Page, network) -> None:
    click_point(page, ".scattergeo path.point", "lonlat", lonlat(network, "AIILSG"))  # Mumbai
    card = page.locator(f"#{ids.CARDS} .card", has_text="All India Institute")
    expect(card).to_have_class(re.compile(r"\bfocused\b"))


def test_clicking_a_country_selects_it_as_the_served_country(page: Page) -> None:
    click_point(page, ".choroplethlocation", "loc", "MEX")
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text("1 partner serves Mexico: ACHA." + WIDE)
    expect(page.locator(f"#{ids.COUNTRY}")).to_contain_text("Mexico")


def test_clear_all_resets_every_filter(page: Page) -> None:
    default = page.locator(f"#{ids.SUMMARY}").inner_text()
    choose(page, ids.REGION, "Northern Africa")
    choose(page, ids.PARTNERS, "EASC")
    page.keyboard.press("Escape")
    expect(page.locator(f"#{ids.SUMMARY}")).not_to_have_text(default)
    page.click(f"#{ids.CLEAR}")
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(default)
    assert len(card_names(page)) == 7
