"""The first load: the view is in the HTML the server sends, readable with JavaScript
off; the app takes its place without moving anything; the load stays small."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from playwright.sync_api import Browser, expect

from dashboard.network import load_network
from dashboard.web import ids
from tests.support.chromium import DESKTOP, PHONE, TRANSFERRED, Watch
from tests.support.paths import BUNDLED_DATA
from tests.support.servers import Server

# Layout shifts since the page began, as the browser reports them, less those right
# after an input (none here). CLS sums them per session window: this total bounds it.
SHIFTS_SEEN = """() => performance.getEntriesByType('navigation').length &&
    new Promise(done => {
        const seen = [];
        new PerformanceObserver(list => seen.push(...list.getEntries()))
            .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => done(seen.filter(e => !e.hadRecentInput)
            .reduce((sum, e) => sum + e.value, 0)), 100);
    })"""
PRESENTER = {"width": 1024, "height": 768}


@pytest.fixture(scope="module")
def partner_names() -> list[str]:
    return list(load_network(BUNDLED_DATA).partners["name"])


@pytest.mark.parametrize("path", ["/", "/?country=KEN", "/?mode=present"])
def test_with_javascript_off_the_page_holds_the_summary_partners_and_map(
    browser: Browser, app_server: Server, path: str, partner_names: list[str]
) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(app_server.url + path)
    summary = page.locator(f"#{ids.SUMMARY}")
    expect(summary).to_contain_text("partners serve")
    names = page.locator(f"#{ids.CARDS} .card .name").all_inner_texts()
    if path == "/?country=KEN":
        assert "Eastern Africa Sister Cities" in names and len(names) == 4
    else:
        assert names == partner_names
    still = page.locator(f"img#{ids.STILL}")
    expect(still).to_be_visible()
    assert still.get_attribute("alt") == summary.inner_text()
    assert page.evaluate(f"document.getElementById('{ids.STILL}').naturalWidth") > 0
    assert page.locator("script").count() > 0  # the scripts are there, and did not run
    context.close()


# An element as a tree to compare: its tag, attributes (style as the browser reads
# it) and children, with text joined and blank text left out.
AS_TREE = """function tree(el) {
    if (el.nodeType === Node.TEXT_NODE) { return el.textContent; }
    const attributes = Array.from(el.attributes, a => [a.name,
        a.name === "style" ? el.style.cssText : a.value]).sort();
    el.normalize();
    const children = Array.from(el.childNodes)
        .filter(c => c.nodeType === Node.ELEMENT_NODE || c.textContent.trim() !== "")
        .map(tree);
    return [el.tagName, attributes, children];
}"""
FROM_HTML = f"""html => {{ const t = document.createElement("template"); t.innerHTML = html;
    return ({AS_TREE})(t.content.firstElementChild); }}"""


@pytest.mark.parametrize("path", ["/?focus=EASC", "/?lang=ar&country=KEN&focus=EASC"])
def test_the_app_draws_the_cards_and_timeline_as_the_server_wrote_them(
    browser: Browser, app_server: Server, visit, path: str
) -> None:
    # One tree of components, written out as HTML by the server (static_html.py) and
    # drawn by the browser (assets/markup.js): both must make the same elements.
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    served = context.new_page()
    served.goto(app_server.url + path)
    written = {
        name: served.locator(f"#{name}").evaluate("e => e.outerHTML")
        for name in (ids.CARDS, ids.TIMELINE)
    }
    context.close()
    page = visit(path)
    expect(page.locator(".first-view")).to_have_count(0)
    expect(page.locator(f"#{ids.CARDS} .card.focused")).to_have_count(1)
    for name, html in written.items():
        drawn = page.locator(f"#{name}").evaluate(f"({AS_TREE})")
        assert drawn == page.evaluate(FROM_HTML, html), name
        assert "data-pick" in html


@pytest.mark.parametrize(
    ("path", "viewport"),
    [
        ("/", DESKTOP),
        ("/", PHONE),
        ("/?country=KEN", PHONE),
        ("/?mode=present", PRESENTER),
        ("/?mode=present", DESKTOP),
        ("/?embed=1", {"width": 800, "height": 500}),
    ],
)
def test_the_app_takes_over_the_first_view_without_moving_anything(
    visit, path: str, viewport: dict
) -> None:
    page = visit(path, viewport)
    expect(page.locator(".first-view")).to_have_count(0)
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_count(1)
    expect(page.locator(f"#{ids.STILL}")).to_be_hidden()  # under the drawn map
    shifted = page.evaluate(SHIFTS_SEEN)
    assert shifted < 0.05, f"layout shifts add up to {shifted:.3f}"


def test_the_first_load_stays_under_a_megabyte_compressed(visit) -> None:
    page = visit("/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(TRANSFERRED) < 1_000_000


def test_robots_txt_is_served_as_text(app_server: Server) -> None:
    with urllib.request.urlopen(app_server.url + "/robots.txt") as response:
        assert response.headers.get_content_type() == "text/plain"
        assert response.read().decode().startswith("User-agent: *\n")


def test_each_dropdown_clears_with_a_button_of_its_own_not_a_link_in_a_button(visit) -> None:
    page = visit("/?region=africa&country=KEN&partner=EASC,ACHA")
    # Dash 4's own clear is an <a> inside the dropdown's <button> (the Nu Html Checker's
    # last error): the page has no link in a button and no link without an address.
    assert page.locator("button a, a:not([href])").count() == 0
    country = page.get_by_role("button", name="Clear selection Served country")
    partners = page.get_by_role("button", name="Clear selection Partners")
    country.click()
    expect(page.locator(f"#{ids.COUNTRY}")).to_contain_text("All countries")
    expect(country).to_be_hidden()
    expect(page).not_to_have_url(re.compile("country="))
    expect(page).to_have_url(re.compile("partner="))
    partners.click()
    expect(page.locator(f"#{ids.PARTNERS}")).to_contain_text("All partners")
    expect(page).to_have_url(re.compile(r"\?region=africa$"))
    expect(page.get_by_role("button", name="Clear selection World region")).to_be_visible()


def callbacks_asked(page) -> list[list[str]]:
    """Record what set off each callback request the page makes from now on."""
    asked: list[list[str]] = []

    def record(request) -> None:
        if "_dash-update-component" in request.url:
            asked.append(json.loads(request.post_data)["changedPropIds"])

    page.on("request", record)
    return asked


def test_a_page_load_asks_the_server_for_no_callback_but_the_frames_shape(
    browser: Browser, app_server: Server, watch: Watch
) -> None:
    """The first layout holds the view of the address (first_layout.py); only the map
    frame's shape on this screen, which the server cannot know, is sent once."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    asked = callbacks_asked(page)
    page.on("request", lambda r: watch.requests.append(r.url))
    page.goto(app_server.url + "/?lang=fr&country=KEN&focus=EASC")
    page.wait_for_function("() => document.documentElement.classList.contains('map-drawn')")
    expect(page.locator(f"#{ids.SUMMARY}")).to_contain_text("Kenya — 2 partenaires")
    expect(page.locator(f"#{ids.CARDS} .card.focused .name")).to_have_text(
        "Eastern Africa Sister Cities"
    )
    page.wait_for_timeout(1000)  # time for any callback the load would set off
    assert asked == [[f"{ids.MAP_SHAPE}.data"]]
    context.close()


# Counts plotly.js's draws of a whole figure (Dash's graph calls Plotly.react), from
# the moment the map's bundle defines Plotly.
COUNT_DRAWS = """(() => {
    window.drawsOfTheMap = 0;
    let plotly;
    Object.defineProperty(window, "Plotly", {
        configurable: true,
        get: () => plotly,
        set: value => {
            plotly = value;
            for (const name of ["newPlot", "react"]) {
                const draw = value[name];
                value[name] = function () {
                    window.drawsOfTheMap += 1;
                    return draw.apply(this, arguments);
                };
            }
        },
    });
})()"""


@pytest.mark.parametrize("path", ["/", "/?country=KEN&focus=EASC", "/?mode=present"])
def test_a_page_load_draws_the_world_map_once(
    browser: Browser, app_server: Server, path: str
) -> None:
    """The frame's shape the load sends changes nothing on a world map, so the answer
    redraws nothing: plotly.js redraws the whole map for any new figure (100 ms on a
    laptop, four times that on a phone), an identical one too."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.add_init_script(COUNT_DRAWS)
    with page.expect_response(lambda r: "_dash-update-component" in r.url) as shape:
        page.goto(app_server.url + path)
    assert shape.value.ok
    page.wait_for_function("() => document.documentElement.classList.contains('map-drawn')")
    page.wait_for_timeout(500)  # time for Dash to apply the answer, had it a figure
    assert page.evaluate("window.drawsOfTheMap") == 1
    context.close()


def test_without_its_pages_address_the_app_still_shows_the_view_of_the_address(
    browser: Browser, app_server: Server
) -> None:
    """A layout request that does not name our page (no Referer, or another site's, as
    here) gets the default layout; the browser writes the address in, and the address
    callback brings the address's view, as on back and forward."""
    foreign = {"Referer": "http://elsewhere.example/"}
    context = browser.new_context(viewport=DESKTOP, extra_http_headers=foreign)
    page = context.new_page()
    asked = callbacks_asked(page)
    page.goto(app_server.url + "/?country=KEN")
    summary = page.locator(f"#react-entry-point #{ids.SUMMARY}")
    expect(summary).to_contain_text("2 partners serve Kenya")
    expect(page.locator(f"#{ids.COUNTRY}")).to_contain_text("Kenya")
    assert [f"{ids.URL}.search"] in asked  # the layout did not know the address
    context.close()
