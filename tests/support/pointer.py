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


# The middle of a country as a finger finds it: of points on a grid over its outline
# (the served countries' layer, plotly.js's first choropleth), the one inside it
# farthest from its edge, in viewport pixels. plotly.js's own centre can lie outside
# (Somalia's is in Ethiopia).
COUNTRY_MIDDLE = """(iso3) => {
    const geo = document.getElementById('map').querySelector('.js-plotly-plot')
        || document.getElementById('map');
    const layer = geo.querySelector('.choroplethlayer .trace');
    const path = [...layer.querySelectorAll('.choroplethlocation')]
        .find(p => p.__data__ && p.__data__.loc === iso3);
    if (!path) { return null; }
    const box = path.getBBox();
    const step = Math.max(box.width, box.height) / 40;
    const inside = [], outside = [];
    for (let x = box.x - step; x <= box.x + box.width + step; x += step) {
        for (let y = box.y - step; y <= box.y + box.height + step; y += step) {
            (path.isPointInFill(new DOMPoint(x, y)) ? inside : outside).push([x, y]);
        }
    }
    let best = null, room = -1;
    for (const [x, y] of inside) {
        let nearest = Infinity;
        for (const [u, v] of outside) { nearest = Math.min(nearest, (x - u) ** 2 + (y - v) ** 2); }
        if (nearest > room) { room = nearest; best = [x, y]; }
    }
    const m = path.getScreenCTM();
    return [m.a * best[0] + m.c * best[1] + m.e, m.b * best[0] + m.d * best[1] + m.f];
}"""
# Each drawn marker and small-country dot: its centre and radius on screen, and what a
# pick of it gives (its customdata: a partner id or a country code).
DRAWN_POINTS = """() => {
    const geo = document.getElementById('map').querySelector('.js-plotly-plot')
        || document.getElementById('map');
    return [...geo.querySelectorAll('.scattergeo .point')].map(point => {
        const box = point.getBoundingClientRect();
        const d = point.__data__;
        return {x: box.x + box.width / 2, y: box.y + box.height / 2,
                radius: Math.max(box.width, box.height) / 2,
                pick: d && d.data !== undefined ? d.data : null};
    }).filter(p => p.radius > 0);
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


def country_middle(page: Page, iso3: str) -> tuple[float, float]:
    """The point inside a served country farthest from its edge, in viewport pixels."""
    point = page.evaluate(COUNTRY_MIDDLE, iso3)
    assert point, f"{iso3} is not drawn as a served country"
    return point[0], point[1]


def drawn_points(page: Page) -> list[dict]:
    """The markers and dots on the map: x, y and radius on screen, and pick."""
    return page.evaluate(DRAWN_POINTS)


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
