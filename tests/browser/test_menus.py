"""The first minute with the page's menus, opened as a person opens them (a click at
the mouse's place, a finger's tap on a phone): the language chooser, the filter
dropdowns, the phone's Filters panel, and the table in every language. What is
measured is what the eye meets: boxes against the viewport, what stands on top at a
point, which lines a word is drawn on."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from dashboard.atlas import load_atlas
from dashboard.data.language import language
from dashboard.network import load_network
from dashboard.views.options import country_options, region_options
from dashboard.web import ids
from tests.support.paths import BUNDLED_DATA
from tests.support.pointer import click_at, swipe, tap

NETWORK, ATLAS = load_network(BUNDLED_DATA), load_atlas()
CODES = {"ar": "ar", "en": "en", "es": "es", "fr": "fr", "ru": "ru", "zh": "zh_Hans"}
SIZES = {
    "phone": (390, 844),
    "1024x768": (1024, 768),
    "1366x768": (1366, 768),
    "1920x1080": (1920, 1080),
}
APP = "#react-entry-point"
POPOVER = f"{APP} .dash-dropdown-content"


def open_at(visit, path: str, size: str) -> Page:
    """The page at a screen size; a phone is a touch screen, as phones are."""
    width, height = SIZES[size]
    phone = width < 800
    return visit(path, {"width": width, "height": height}, is_mobile=phone, has_touch=phone)


def press(page: Page, target: str | Locator) -> None:
    """A tap on a touch screen, else a click, at the middle of what `target` finds,
    once it is scrolled into view (as a person scrolls to it first)."""
    found = page.locator(target).first if isinstance(target, str) else target
    found.scroll_into_view_if_needed()
    box = found.bounding_box()
    assert box, f"{target} is not drawn"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    touch = page.evaluate("() => navigator.maxTouchPoints > 0")
    (tap if touch else click_at)(page, x, y)


def open_filters(page: Page) -> None:
    """On a phone the filters fold away behind their button: tap it."""
    toggle = page.locator(f"{APP} #{ids.FILTERS_TOGGLE}")
    if toggle.is_visible():
        press(page, toggle)
        expect(page.locator(f"{APP} #{ids.FILTERS}")).to_be_visible()


# The open popover's box once it stands still (Radix places it after it is drawn).
POPOVER_BOX = """sel => { const e = document.querySelector(sel); if (!e) return null;
    const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"""


def open_dropdown(page: Page, dropdown: str) -> list[float]:
    press(page, f"{APP} #{dropdown}")
    expect(page.locator(POPOVER)).to_be_visible()
    previous = None
    for _ in range(40):
        box = page.evaluate(POPOVER_BOX, POPOVER)
        if box == previous:
            return box
        previous = box
        page.wait_for_timeout(100)
    return previous


def inside_viewport(page: Page, box: list[float]) -> bool:
    width, height = page.evaluate("() => [innerWidth, innerHeight]")
    left, top, right, bottom = box
    return left >= -0.5 and top >= -0.5 and right <= width + 0.5 and bottom <= height + 0.5


# ---------------------------------------------------------------- the language menu

LINK_BOXES = """() => [...document.querySelectorAll('#react-entry-point .languages a')].map(a => {
    const r = a.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {name: a.textContent, box: [r.left, r.top, r.right, r.bottom], onTop: a.contains(top)};
})"""


@pytest.mark.parametrize("size", ["phone", "1024x768", "1366x768"])
@pytest.mark.parametrize("code", sorted(CODES))
def test_the_language_menu_opens_inside_the_screen(visit, code: str, size: str) -> None:
    page = open_at(visit, f"/?lang={code}", size)
    press(page, f"{APP} .languages summary")
    expect(page.locator(f"{APP} .languages")).to_have_attribute("open", "")
    links = page.evaluate(LINK_BOXES)
    assert len(links) == len(CODES)
    for link in links:
        assert inside_viewport(page, link["box"]), (code, size, link)
        assert link["onTop"], (code, size, link)  # nothing drawn over it


# ---------------------------------------------------------------- the dropdowns

# Points across the open list, its edges and its middle: what stands on top at each.
COVERED_POINTS = """sel => {
    const content = document.querySelector(sel);
    const r = content.getBoundingClientRect();
    const misses = [];
    for (const fx of [0.02, 0.25, 0.5, 0.75, 0.98]) {
        for (const fy of [0.02, 0.25, 0.5, 0.75, 0.98]) {
            const x = r.left + r.width * fx, y = r.top + r.height * fy;
            const hit = document.elementFromPoint(x, y);
            if (!content.contains(hit)) {
                misses.push([Math.round(x), Math.round(y), hit && hit.outerHTML.slice(0, 80)]);
            }
        }
    }
    return misses;
}"""


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_region_list_opens_on_top_of_everything(visit, size: str) -> None:
    page = open_at(visit, "/?region=south-eastern-asia", size)
    open_filters(page)
    box = open_dropdown(page, ids.REGION)
    assert inside_viewport(page, box), (size, box)
    assert page.evaluate(COVERED_POINTS, POPOVER) == [], size
    search = page.locator(f"{POPOVER} .dash-dropdown-search")
    assert inside_viewport(page, page.evaluate(POPOVER_BOX, f"{POPOVER} .dash-dropdown-search"))
    expect(search).to_be_visible()


def longest(options: list[dict], indented: bool = False) -> dict:
    """The option with the longest label (of those indented under a larger region)."""
    shown = [o for o in options if o["label"].startswith("\t") or not indented]
    return max(shown, key=lambda option: len(option["label"].strip()))


# The chosen value's text: each line's box, where its first letter starts, and the
# boxes it must keep clear of (our clear button, Dash's arrow).
VALUE_TEXT = """id => {
    const button = document.querySelector(`#react-entry-point #${id}`);
    const value = button.querySelector('.dash-dropdown-value');
    const walker = document.createTreeWalker(value, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let first = null, node;
    while ((node = walker.nextNode())) {
        const at = node.data.search(/\\S/);
        if (at >= 0 && !first) { range.setStart(node, at); range.setEnd(node, at + 1);
            first = range.getBoundingClientRect(); }
    }
    range.selectNodeContents(value);
    const box = r => [r.left, r.top, r.right, r.bottom];
    const clear = document.querySelector(`#react-entry-point #${id}-clear`);
    return {
        text: value.textContent, rtl: getComputedStyle(value).direction === 'rtl',
        value: box(value.getBoundingClientRect()), first: box(first),
        lines: [...range.getClientRects()].filter(r => r.width > 0).map(box),
        clear: box(clear.getBoundingClientRect()),
        arrow: box(button.querySelector('.dash-dropdown-trigger-icon').getBoundingClientRect()),
        scroll: [value.scrollWidth, value.clientWidth],
    };
}"""


def apart(a: list[float], b: list[float]) -> bool:
    return a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5


@pytest.mark.parametrize("size", ["phone", "1366x768"])
@pytest.mark.parametrize("code", sorted(CODES))
def test_a_chosen_value_reads_in_full(visit, code: str, size: str) -> None:
    lang = language(CODES[code])
    region = longest(region_options(NETWORK, ATLAS, lang), indented=True)
    country = longest(country_options(NETWORK, ATLAS, lang))
    page = open_at(
        visit, f"/?lang={code}&region={region['value']}&country={country['value']}", size
    )
    open_filters(page)
    for dropdown, option in ((ids.REGION, region), (ids.COUNTRY, country)):
        shown = page.evaluate(VALUE_TEXT, dropdown)
        where = (code, size, dropdown, shown)
        assert shown["text"].strip() == option["label"].strip(), where
        assert shown["scroll"][0] <= shown["scroll"][1], where  # nothing cut off
        start = 2 if shown["rtl"] else 0  # no blank before the first letter
        assert abs(shown["first"][start] - shown["value"][start]) < 1.5, where
        for line in shown["lines"]:
            assert apart(line, shown["clear"]) and apart(line, shown["arrow"]), where


# Options wholly inside the open list's box, and how far each one's text stands below
# the option's own top edge.
OPTIONS_SHOWN = """sel => {
    const list = document.querySelector(sel).getBoundingClientRect();
    return [...document.querySelectorAll(sel + ' [role=option]')].map(o => {
        const r = o.getBoundingClientRect();
        const text = o.querySelector('.dash-options-list-option-text').getBoundingClientRect();
        return {shown: r.top >= list.top - 0.5 && r.bottom <= list.bottom + 0.5,
                above: text.top - r.top};
    });
}"""


def open_country_list(visit, size: str) -> Page:
    """The world view at a size, with the served-country list opened by a real press."""
    page = open_at(visit, "/", size)
    open_filters(page)
    open_dropdown(page, ids.COUNTRY)
    return page


@pytest.mark.parametrize("size", ["phone", "1366x768"])
def test_an_open_list_shows_many_options(visit, size: str) -> None:
    page = open_country_list(visit, size)
    options = page.evaluate(OPTIONS_SHOWN, POPOVER)
    assert len(options) == len(country_options(NETWORK, ATLAS))
    assert sum(option["shown"] for option in options) >= 8, size
    assert max(option["above"] for option in options) <= 8, size  # no blank band


# Elements from the focused one up to the open list that draw an outline.
RINGS = """sel => {
    const rings = [];
    for (let e = document.activeElement; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) rings.push(e.className);
        if (e.matches(sel)) break;
    }
    return rings;
}"""


@pytest.mark.parametrize("size", ["phone", "1366x768"])
def test_the_focused_search_box_shows_one_focus_ring(visit, size: str) -> None:
    page = open_country_list(visit, size)
    search = page.locator(f"{POPOVER} .dash-dropdown-search")
    press(page, search)
    expect(search).to_be_focused()
    assert len(page.evaluate(RINGS, POPOVER)) == 1


# ---------------------------------------------------------------- the phone's panel

MAP_IN_VIEW = """() => { const r = document.querySelector('#react-entry-point .map-frame')
    .getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"""


def expect_the_map_shown(page: Page) -> None:
    """The panel folded away, the map wholly in view, focus on the Filters button."""
    toggle = page.locator(f"{APP} #{ids.FILTERS_TOGGLE}")
    expect(page.locator(f"{APP} #{ids.FILTERS}")).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    page.wait_for_function(MAP_IN_VIEW)
    expect(page.locator(f"{APP} #{ids.SUMMARY}")).to_be_in_viewport()


@pytest.mark.parametrize(
    ("dropdown", "typed", "said"),
    [(ids.COUNTRY, "Kenya", "serve Kenya"), (ids.REGION, "Eastern Africa", "in Eastern Africa")],
)
def test_a_choice_in_the_phones_filters_shows_the_map(visit, dropdown, typed, said) -> None:
    page = open_at(visit, "/", "phone")
    open_filters(page)
    open_dropdown(page, dropdown)
    press(page, f"{POPOVER} .dash-dropdown-search")
    page.keyboard.type(typed)
    option = page.locator(f"{POPOVER} [role=option]", has_text=re.compile(f"^\\s*{typed} "))
    expect(option).to_have_count(1)
    press(page, option)
    expect(page.locator(f"{APP} #{ids.SUMMARY}")).to_contain_text(said)
    expect_the_map_shown(page)
    # The panel opens again with the choice in it, one tap away.
    press(page, f"{APP} #{ids.FILTERS_TOGGLE}")
    expect(page.locator(f"{APP} #{dropdown}")).to_contain_text(typed)


def test_partners_picked_on_a_phone_are_shown_by_show_the_map(visit) -> None:
    page = open_at(visit, "/", "phone")
    open_filters(page)
    open_dropdown(page, ids.PARTNERS)
    for label in ("EASC", "AGSCF"):  # several: the panel stays open between them
        press(page, page.locator(f"{POPOVER} [role=option]", has_text=label))
        expect(page.locator(f"{APP} #{ids.PARTNERS}")).to_contain_text(label)
    expect(page.locator(f"{APP} #{ids.FILTERS}")).to_be_visible()
    press(page, f"{APP} #{ids.FILTERS} .hint")  # a tap beside the list closes it
    expect(page.locator(POPOVER)).to_have_count(0)
    swipe(page, 195, 700, 300)  # down to the panel's end, past the map
    press(page, f"{APP} #{ids.FILTERS_DONE}")
    expect_the_map_shown(page)
    expect(page.locator(f"{APP} #{ids.SUMMARY}")).to_contain_text("AGSCF and EASC")


def test_emptying_a_dropdown_leaves_the_phones_panel_open(visit) -> None:
    page = open_at(visit, "/?country=KEN", "phone")
    open_filters(page)
    press(page, f"{APP} #{ids.clear_of(ids.COUNTRY)}")
    expect(page.locator(f"{APP} #{ids.COUNTRY}")).to_contain_text("All countries")
    expect(page.locator(f"{APP} #{ids.FILTERS}")).to_be_visible()


# ---------------------------------------------------------------- the table

# Words (as the language's own word breaker finds them) of the header cells and the
# Region cells that are drawn on more than one line.
BROKEN_WORDS = """tag => {
    const words = new Intl.Segmenter(tag, {granularity: 'word'});
    const cells = [...document.querySelectorAll(
        '#react-entry-point #table thead th, #react-entry-point #table td.col-region')]
        .filter(cell => cell.offsetParent !== null);
    const broken = [];
    for (const cell of cells) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const word of words.segment(node.data)) {
                if (!word.isWordLike) continue;
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word.segment.length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                    .map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push([cell.className, word.segment]);
            }
        }
    }
    return {cells: cells.length, broken};
}"""


@pytest.mark.parametrize("size", ["phone", "1366x768"])
@pytest.mark.parametrize("code", sorted(CODES))
def test_the_tables_headers_and_regions_keep_their_words_whole(visit, code, size) -> None:
    page = open_at(visit, f"/?lang={code}", size)
    tab = page.locator(f"{APP} [role=tab][aria-controls={ids.PANEL_TABLE}]")
    press(page, tab)
    expect(tab).to_have_attribute("aria-selected", "true")
    # The rows come from the server: on a loaded machine, in seconds.
    expect(page.locator(f"{APP} #{ids.TABLE} td.col-region").first).to_be_visible(timeout=20_000)
    tag = page.evaluate("() => document.documentElement.lang")
    measured = page.evaluate(BROKEN_WORDS, tag)
    assert measured["cells"] > 4, measured  # the headers and the rows' regions
    assert measured["broken"] == [], (code, size, measured["broken"][:5])
