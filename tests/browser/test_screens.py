"""The page fits the screens it meets, measured: presenter tours on projectors of
1024x768, 1280x720, 1366x768 and 1920x1080, an embed in iframes of 800x500 and
400x300, and a phone. Geometry is read from the page, not just presence."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard.network import load_network
from dashboard.web import ids
from tests.support.paths import BUNDLED_DATA

PROJECTORS = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080)]
PARTNERS = list(load_network(BUNDLED_DATA).partners["name"])  # the tour's order

# Rectangles of what a measure needs, as [left, top, right, bottom] in the viewport.
LAYOUT = """() => {
  const box = s => { const e = document.querySelector(s); if (!e) return null;
    const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const lines = s => { const e = document.querySelector(s);
    return e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight); };
  return {
    map: box('#map .geo .bg rect'), card: box('#stage .card'), legend: box('#legend'),
    title: box('#stage .card h3'), facts: box('#stage .card .facts dt'),
    viewport: [0, 0, innerWidth, innerHeight], scrollWidth: document.documentElement.scrollWidth,
  };
}"""
ONE_LINE = """sel => { const e = document.querySelector(sel);
  const h = e.getBoundingClientRect().height, line = parseFloat(getComputedStyle(e).lineHeight);
  return h < line * 1.5 && e.scrollWidth <= e.clientWidth + 1; }"""
# A row of controls on one line, none of them cut off at its end.
ONE_ROW = """sel => { const bar = document.querySelector(sel).getBoundingClientRect();
  const shown = [...document.querySelector(sel).children].filter(c => c.offsetParent !== null)
    .map(c => c.getBoundingClientRect()).filter(r => r.width > 2);
  const tallest = Math.max(...shown.map(r => r.height));
  return bar.height < tallest * 1.6 && shown.every(r => r.right <= bar.right + 1); }"""


def area(box) -> float:
    return max(box[2] - box[0], 0) * max(box[3] - box[1], 0) if box else 0.0


def overlap(a, b) -> list[float] | None:
    if not a or not b:
        return None
    return [max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])]


def visible_map_share(layout: dict) -> float:
    """The drawn map inside the viewport, less what the card and the legend cover."""
    shown = overlap(layout["map"], layout["viewport"])
    covered = sum(area(overlap(shown, layout[over])) for over in ("card", "legend"))
    return (area(shown) - covered) / area(layout["viewport"])


def inside(box, viewport) -> bool:
    return (
        box[0] >= 0 and box[1] >= 0 and box[2] <= viewport[2] + 0.5 and box[3] <= viewport[3] + 0.5
    )


def settled(page: Page) -> dict:
    """The layout once the map has drawn what it was last sent (two equal readings)."""
    previous = None
    for _ in range(40):
        layout = page.evaluate(LAYOUT)
        if layout == previous and layout["map"]:
            return layout
        previous = layout
        page.wait_for_timeout(150)
    return previous


@pytest.mark.parametrize(("width", "height"), PROJECTORS, ids=lambda v: str(v))
def test_every_tour_step_fits_a_projector(visit, width, height) -> None:
    page = visit("/?mode=present&tour=1&pace=120", {"width": width, "height": height})
    status = page.locator(f"#{ids.TOUR_STATUS}")
    for step, name in enumerate(PARTNERS, start=1):
        expect(status).to_have_text(f"Partner {step} of 7")
        expect(page.locator(f"#{ids.STAGE} .card h3")).to_contain_text(name)
        layout = settled(page)
        where = f"{width}x{height}, step {step}"
        assert visible_map_share(layout) >= 0.55, (where, visible_map_share(layout))
        assert inside(layout["title"], layout["viewport"]), where
        assert inside(layout["facts"], layout["viewport"]), where  # its first lines
        assert inside(layout["legend"], layout["viewport"]), where
        assert layout["scrollWidth"] <= width, where
        for line in (".site-header h1", f"#{ids.SUMMARY}"):
            assert page.evaluate(ONE_LINE, line), (where, line)
        for row in (".site-header", ".tour-bar"):
            assert page.evaluate(ONE_ROW, row), (where, row)
        page.locator(f"#{ids.TOUR_NEXT}").click()


def test_a_long_card_scrolls_within_the_screen(visit) -> None:
    page = visit("/?mode=present&focus=AGSCF", {"width": 1280, "height": 720})
    card = page.locator(f"#{ids.STAGE} .card")
    expect(card).to_be_visible()
    overflow = card.evaluate("e => [e.scrollHeight, e.clientHeight, getComputedStyle(e).overflowY]")
    assert overflow[0] > overflow[1] and overflow[2] == "auto"  # more than fits: it scrolls
    card.evaluate("e => e.scrollTo(0, e.scrollHeight)")
    expect(card.locator(".source").last).to_be_in_viewport()


@pytest.mark.parametrize(("width", "height"), [(800, 500), (400, 300)], ids=lambda v: str(v))
def test_an_embed_puts_the_map_first_in_any_iframe(visit, width, height) -> None:
    page = visit("/?embed=1", {"width": width, "height": height})
    layout = settled(page)
    assert visible_map_share(layout) >= 0.5, visible_map_share(layout)
    assert layout["scrollWidth"] <= width
    toggle = page.locator(f"#{ids.FILTERS_TOGGLE}")
    expect(page.locator(f"#{ids.FILTERS}")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(f"#{ids.REGION}")).to_be_visible()


def test_a_phone_opens_on_the_map_with_the_filters_a_tap_away(visit) -> None:
    page = visit("/", {"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    layout = settled(page)
    frame = page.locator("#react-entry-point .map-frame").bounding_box()
    assert frame["y"] + frame["height"] <= 844, frame  # on the first screen
    assert inside(layout["map"], layout["viewport"])  # the whole world drawn on it
    # The world fills its frame: no bands above and below it (it stood 160 px high in a
    # 294 px frame), nor at its sides.
    land = page.locator("#map .layer.land path, #map .land").first.bounding_box()
    assert land["height"] >= 0.85 * (frame["height"] - 10), (land, frame)
    assert land["width"] >= 0.85 * (frame["width"] - 10), (land, frame)
    assert page.locator("#map .modebar-container").is_hidden()  # no toolbar over the map
    expect(page.locator(f"#{ids.FILTERS}")).to_be_hidden()
    page.locator(f"#{ids.FILTERS_TOGGLE}").tap()
    expect(page.locator(f"#{ids.REGION}")).to_be_visible()


def test_a_phones_table_keeps_the_columns_that_say_who_serves_what(visit) -> None:
    page = visit("/?country=KEN", {"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.locator(f"#{ids.TAB}-table, [role=tab]:has-text('Table')").first.tap()
    table = page.locator(f"#{ids.TABLE} table")
    expect(table).to_be_visible()
    shown = table.locator("thead th").evaluate_all(
        "ths => ths.filter(th => th.offsetParent !== null).map(th => th.className)"
    )
    assert shown == ["col-partner", "col-country", "col-region", "col-basis"]
    scroll = page.locator(".table-scroll").evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll[0] <= scroll[1]  # nothing to scroll sideways for
