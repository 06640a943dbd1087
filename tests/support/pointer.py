"""Real input, as a person gives it: taps, clicks and drags sent to Chromium through
the DevTools protocol at page coordinates, and where on the screen a place of the map
is drawn. A test that clicks an element through Playwright's locator skips what a
finger meets: whatever is drawn on top, and plotly's nearest-point picking."""

from __future__ import annotations

from playwright.sync_api import Page

# Where plotly.js draws a longitude and latitude, in the page's CSS pixels: its own
# projection, through the geo subplot's screen transform (so margins, domain and
# scroll are all counted).
MAP_POINT = """([lon, lat]) => {
    const geo = document.getElementById('map').querySelector('.js-plotly-plot')
        || document.getElementById('map');
    const subplot = geo._fullLayout.geo._subplot;
    const [x, y] = subplot.projection([lon, lat]);
    const svg = subplot.framework.node().ownerSVGElement;
    const point = svg.createSVGPoint();
    point.x = x; point.y = y;
    const screen = point.matrixTransform(subplot.framework.node().getScreenCTM());
    return [screen.x, screen.y];
}"""
# The country's point plotly.js itself uses (its `ct`, the centre of its largest part).
COUNTRY_POINT = """(iso3) => {
    const geo = document.getElementById('map').querySelector('.js-plotly-plot')
        || document.getElementById('map');
    const paths = geo.querySelectorAll('.choroplethlocation');
    for (const path of paths) {
        const d = path.__data__;
        if (d && d.loc === iso3 && d.ct) { return d.ct; }
    }
    return null;
}"""


def map_point(page: Page, lon: float, lat: float) -> tuple[float, float]:
    """Where the map draws this longitude and latitude, in page (viewport) pixels."""
    x, y = page.evaluate(MAP_POINT, [lon, lat])
    return x, y


def country_point(page: Page, iso3: str) -> tuple[float, float]:
    """Where the map draws a country's centre (plotly.js's own), in viewport pixels."""
    lonlat = page.evaluate(COUNTRY_POINT, iso3)
    assert lonlat, f"{iso3} is not drawn on the map"
    return map_point(page, *lonlat)


def tap(page: Page, x: float, y: float) -> None:
    """A finger's tap at (x, y): touchStart then touchEnd, as a phone sends them.
    The page must be opened with has_touch=True for the browser to take touches."""
    cdp = page.context.new_cdp_session(page)
    point = {"x": x, "y": y, "radiusX": 4, "radiusY": 4, "force": 1, "id": 1}
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def click_at(page: Page, x: float, y: float) -> None:
    """A mouse click at (x, y): the pointer moves there, presses and releases."""
    cdp = page.context.new_cdp_session(page)
    for kind, extra in (
        ("mouseMoved", {}),
        ("mousePressed", {"button": "left", "clickCount": 1}),
        ("mouseReleased", {"button": "left", "clickCount": 1}),
    ):
        cdp.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, **extra})
    cdp.detach()


def swipe(page: Page, x: float, y: float, dy: float, steps: int = 8) -> None:
    """A finger drawn up the screen by dy pixels from (x, y), as a thumb scrolls a page."""
    cdp = page.context.new_cdp_session(page)

    def touch(kind: str, at_y: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": x, "y": at_y, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", y)
    for step in range(1, steps + 1):
        touch("touchMove", y - dy * step / steps)
        page.wait_for_timeout(16)
    touch("touchEnd", y - dy)
    cdp.detach()
