"""Presenter mode as a room sees it on the projectors it still meets (1024x768 and
1280x720): every word on the screen large enough to read from the back (18 px), none
cut off or covered; what a tour step is about clear of the card, the legend, the
colour scale and the map's notes; the pace box labelled at every size; and a long card
paged by the tour's keys, with no mouse. Read from the page in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard.atlas import load_atlas
from dashboard.network import load_network
from dashboard.state import FilterState
from dashboard.views.selection import select
from dashboard.web import ids
from tests.support.paths import BUNDLED_DATA
from tests.support.pointer import map_point

PROJECTORS = [(1024, 768), (1280, 720)]
NETWORK, ATLAS = load_network(BUNDLED_DATA), load_atlas()
TOUR = list(NETWORK.partners.index)  # the tour's order: the data's
LEAST = 18  # px: the least that reads at the back of a room on a 1024x768 projector

# Every text node a sighted person could see: its computed size (SVG text times its
# scale on screen), whether a line of it runs outside the viewport or out of a box
# that clips it (text-overflow, a hidden overflow), and whether something else is
# drawn over it (elementFromPoint at each line's centre). Lines inside a scrolling
# box that overflows are read where they are scrolled into view; the card's paging
# is tested below. Hidden by design: the skip link until focused, screen-reader text.
PROBLEMS = """(least) => {
  const found = {small: [], cut: [], covered: [], read: 0};
  const meet = (a, b) => ({l: Math.max(a.l, b.l), t: Math.max(a.t, b.t),
                           r: Math.min(a.r, b.r), b: Math.min(a.b, b.b)});
  const within = (r, box) => r.left >= box.l - 1 && r.top >= box.t - 1
    && r.right <= box.r + 1 && r.bottom <= box.b + 1;
  const name = e => e.id || String(e.className.baseVal ?? e.className) || e.tagName;
  const map = document.getElementById('map');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim(), el = node.parentElement;
    if (!text || !el || el.closest('.skip-link, .visually-hidden, script, style')) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].filter(r => r.width > 0.5 && r.height > 0.5);
    if (!lines.length) continue;
    let clip = {l: 0, t: 0, r: innerWidth, b: innerHeight}, scroller = null;
    for (let box = el; box && box !== document.documentElement; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const r = box.getBoundingClientRect();
      const inner = {l: r.left + box.clientLeft, t: r.top + box.clientTop,
                     r: r.left + box.clientLeft + (box.clientWidth || r.width),
                     b: r.top + box.clientTop + (box.clientHeight || r.height)};
      const scrolls = /auto|scroll/.test(style.overflowY)
        && box.scrollHeight > box.clientHeight + 1;
      if (scrolls && !scroller) scroller = inner; else clip = meet(clip, inner);
    }
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    const shown = scroller ? lines.filter(r => within(r, scroller)) : lines;
    if (!shown.length) continue;
    found.read += 1;
    if (size < least - 0.05) found.small.push([text.slice(0, 50), Math.round(size * 10) / 10]);
    for (const line of shown) {
      if (!within(line, clip)) { found.cut.push(text.slice(0, 50)); break; }
      const hit = document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
      const own = hit && (el.contains(hit) || hit.contains(el)
        || (el instanceof SVGElement && map.contains(el) && map.contains(hit)));
      if (!own) {
        found.covered.push([text.slice(0, 50), hit ? name(hit) : 'nothing']);
        break;
      }
    }
  }
  return found;
}"""


def readable(page: Page, where: str) -> None:
    """Every visible text of the page at least 18 px, inside the screen, uncovered."""
    found = page.evaluate(PROBLEMS, LEAST)
    assert found["read"] > 20, (where, "the page shows almost no text", found)
    assert found["small"] == [], (where, "smaller than 18 px", found["small"])
    assert found["cut"] == [], (where, "cut off", found["cut"])
    assert found["covered"] == [], (where, "covered", found["covered"])


def settled(page: Page) -> None:
    """Until the map has drawn its last answer: the same view read twice in a row."""
    # plotly.js's own div inside dcc.Graph's: the outer one has no layout, and a read
    # of it waited the whole 8 s at every step.
    view = """() => JSON.stringify(document.querySelector('#map .js-plotly-plot')
        ?._fullLayout?.geo?.lonaxis?.range)"""
    before = None
    for _ in range(40):
        now = page.evaluate(view)
        if now == before and now:
            return
        before = now
        page.wait_for_timeout(200)


def on_step(page: Page, step: int) -> None:
    expect(page.locator(f"#{ids.TOUR_STATUS}")).to_have_text(f"Partner {step} of 7 (paused)")
    name = NETWORK.partner(TOUR[step - 1])["name"]
    expect(page.locator(f"#{ids.STAGE} .card h3")).to_contain_text(name)
    settled(page)


@pytest.mark.parametrize(("width", "height"), PROJECTORS, ids=lambda v: str(v))
def test_every_word_on_a_projector_is_large_whole_and_uncovered(visit, width, height) -> None:
    page = visit("/?mode=present", {"width": width, "height": height})
    settled(page)
    readable(page, f"{width}x{height}, the world")
    page.locator("#tour-start").focus()
    page.keyboard.press("Enter")  # the tour, from the keyboard
    expect(page.locator(f"#{ids.TOUR_STATUS}")).to_have_text("Partner 1 of 7")
    page.keyboard.press("Space")
    for step in range(1, len(TOUR) + 1):
        on_step(page, step)
        readable(page, f"{width}x{height}, step {step}")
        page.keyboard.press("ArrowRight")


# Where a tour step's countries are drawn under something standing over the map: the
# served countries' shapes (plotly's own paths, tested point by point inside the map's
# drawn box) under the card, the legend, the QR code, the colour scale and the notes.
COVERED_SHAPES = """(served) => {
  const map = document.getElementById('map');
  const box = e => e.getBoundingClientRect();
  const drawn = box(map.querySelector('.geo .bg rect'));
  const overs = [...document.querySelectorAll('#stage .card, #legend, #share img')]
    .concat([...map.querySelectorAll('.colorbar .cbbg, .annotation .bg')]);
  const paths = [...map.querySelectorAll('.choroplethlocation')]
    .filter(p => p.__data__ && served.includes(p.__data__.loc));
  const under = [];
  for (const over of overs) {
    const r = box(over);
    const [l, t] = [Math.max(r.left, drawn.left), Math.max(r.top, drawn.top)];
    const [w, b] = [Math.min(r.right, drawn.right), Math.min(r.bottom, drawn.bottom)];
    for (const path of paths) {
      const p = box(path);  // a shape nowhere near the element cannot be under it
      if (p.right < l || p.left > w || p.bottom < t || p.top > b) { continue; }
      const inverse = path.getScreenCTM().inverse();
      let hits = 0;
      for (let x = l + 1; x < w; x += 4) for (let y = t + 1; y < b; y += 4) {
        if (path.isPointInFill(new DOMPoint(x, y).matrixTransform(inverse))) hits += 1;
      }
      if (hits) under.push([path.__data__.loc, over.id || String(over.className.baseVal), hits]);
    }
  }
  return {under, served: paths.length};
}"""
OVERS = """() => [...document.querySelectorAll('#stage .card, #legend, #share img')]
  .concat([...document.querySelectorAll('#map .colorbar .cbbg, #map .annotation .bg')])
  .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""
MARKER = 14  # px: half a presenter's headquarters marker, and its ring


@pytest.mark.parametrize(("width", "height"), PROJECTORS, ids=lambda v: str(v))
def test_what_each_tour_step_is_about_stands_clear(visit, width, height) -> None:
    page = visit("/?mode=present&tour=1", {"width": width, "height": height})
    expect(page.locator(f"#{ids.TOUR_STATUS}")).to_have_text("Partner 1 of 7")
    page.keyboard.press("Space")
    for step, pid in enumerate(TOUR, start=1):
        on_step(page, step)
        where = f"{width}x{height}, {pid}"
        state = FilterState(focus=pid)
        served = sorted(select(NETWORK, ATLAS, state).links_of(pid)["iso3"])
        shapes = page.evaluate(COVERED_SHAPES, served)
        assert shapes["under"] == [], (where, "served countries covered", shapes["under"])
        partner = NETWORK.partner(pid)
        if partner["headquarters"]:
            x, y = map_point(page, partner["longitude"], partner["latitude"])
            assert 0 < x < width and 0 < y < height, (where, "headquarters off the screen")
            for left, top, right, bottom in page.evaluate(OVERS):
                clear = (
                    x + MARKER < left
                    or x - MARKER > right
                    or y + MARKER < top
                    or y - MARKER > bottom
                )
                assert clear, (where, "headquarters covered", (x, y), (left, top, right, bottom))
        page.keyboard.press("ArrowRight")


def test_a_worldwide_only_partners_step_shows_where_it_is(visit) -> None:
    """CPAFFC names no country: its step shows Beijing among its neighbours, not one
    blue shape filling the screen."""
    page = visit("/?mode=present&tour=1", {"width": 1024, "height": 768})
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(page.locator(f"#{ids.TOUR_STATUS}")).to_have_text("Partner 2 of 7 (paused)")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    on_step(page, TOUR.index("CPAFFC") + 1)
    drawn = page.evaluate(
        "() => { const r = document.querySelector('#map .geo .bg rect').getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; }"
    )
    for neighbour in ("MNG", "KOR", "JPN", "CHN"):
        x, y = map_point(page, *ATLAS.countries.loc[neighbour, ["longitude", "latitude"]])
        assert drawn[0] < x < drawn[2] and drawn[1] < y < drawn[3], (neighbour, (x, y), drawn)
    cpaffc = NETWORK.partner("CPAFFC")
    beijing = map_point(page, cpaffc["longitude"], cpaffc["latitude"])
    china = page.evaluate(
        """() => [...document.querySelectorAll('#map .choroplethlocation')]
            .find(p => p.__data__.loc === 'CHN').getBoundingClientRect().width"""
    )
    assert china < 0.7 * (drawn[2] - drawn[0]), "China does not fill the screen"
    assert drawn[0] < beijing[0] < drawn[2] and drawn[1] < beijing[1] < drawn[3]


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1280, 720), (1366, 768), (1920, 1080)])
def test_the_pace_box_says_what_it_is_at_every_size(visit, width, height) -> None:
    page = visit("/?mode=present&tour=1", {"width": width, "height": height})
    label = page.locator(f"label[for={ids.TOUR_PACE}]")
    expect(label).to_have_text("Seconds per partner")
    expect(label).to_be_in_viewport(ratio=1)
    box, pace = label.bounding_box(), page.locator(f"#{ids.TOUR_PACE}").bounding_box()
    assert box["width"] > 60 and box["height"] >= LEAST, box  # written out, not hidden
    assert 0 <= pace["x"] - (box["x"] + box["width"]) < 24, (box, pace)  # beside its box
    assert abs((box["y"] + box["height"] / 2) - (pace["y"] + pace["height"] / 2)) < 6


CARD = f"#{ids.STAGE} .card"
SCROLL = "e => [e.scrollTop, e.clientHeight, e.scrollHeight]"


def test_the_tour_keys_page_a_long_card_to_its_end_and_back(visit) -> None:
    page = visit("/?mode=present&tour=1", {"width": 1024, "height": 768})
    page.keyboard.press("Space")
    on_step(page, 1)
    card = page.locator(CARD)
    top, shown, whole = card.evaluate(SCROLL)
    assert top == 0 and whole > 2 * shown, "AGSCF's card is longer than two screens"
    line = card.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    seen = [0]
    for key in ["ArrowDown", "PageDown"] * 10:
        page.keyboard.press(key)
        page.wait_for_function(
            f"() => document.querySelector('{CARD}').scrollTop !== {seen[-1]}"
            f" || document.querySelector('{CARD}').scrollTop + {shown} >= {whole} - 1"
        )
        now = card.evaluate("e => e.scrollTop")
        if now == seen[-1]:
            break
        step = now - seen[-1]
        assert line <= step <= shown - line, (key, step, shown)  # a page, less a line kept
        seen.append(now)
    assert seen[-1] + shown >= whole - 1, "the keys reach the card's end"
    expect(card.locator(".source").last).to_be_in_viewport()
    expect(page.locator(f"#{ids.TOUR_STATUS}")).to_have_text("Partner 1 of 7 (paused)")
    for _ in seen:
        page.keyboard.press("PageUp")
    page.wait_for_function(f"() => document.querySelector('{CARD}').scrollTop === 0")
    page.keyboard.press("ArrowDown")
    page.wait_for_function(f"() => document.querySelector('{CARD}').scrollTop > 0")
    page.keyboard.press("ArrowRight")  # the next partner's card opens at its top
    on_step(page, 2)
    assert card.evaluate("e => e.scrollTop") == 0


def test_the_keys_help_names_the_card_keys_where_it_shows(visit) -> None:
    page = visit("/?mode=present&tour=1", {"width": 1920, "height": 1080})
    hint = page.locator(".tour-bar .keys-hint")
    expect(hint).to_have_text("Space: pause · ← →: step · ↑ ↓: card · Esc: leave")
    expect(hint).to_be_in_viewport(ratio=1)
