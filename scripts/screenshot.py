"""Take the README's screenshots, and measure the first page load while at it.

    .venv/bin/python scripts/screenshot.py        # writes docs/screenshot-*.png

Runs the Procfile's gunicorn line on the bundled data and Debian's headless
Chromium (the same launcher the browser tests use), so the pictures show what a
visitor sees. Prints the time from starting gunicorn to the first served page
and the bytes the first page load transferred, from the browser's resource timings.

The Chinese picture needs a font with Chinese characters on this machine (the page
uses the visitor's own fonts; Debian: `apt-get install fonts-wqy-microhei`).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.chromium import DESKTOP, MAP_DRAWN, PHONE, TRANSFERRED, choose, launch
from tests.support.paths import BUNDLED_DATA, REPO
from tests.support.servers import serving

OUT = REPO / "docs"


def kenya(page) -> None:
    """Kenya chosen, and EASC's card clicked into focus."""
    choose(page, "filter-country", "Kenya")
    page.wait_for_function("() => document.querySelector('#summary').textContent.includes('Kenya')")
    page.locator("#cards .card-title", has_text="Eastern Africa").click()
    page.wait_for_function("() => document.querySelector('#cards .card.focused')")


def tour_step(step: int):
    """The tour moved on to its `step`-th partner, and paused for the picture."""

    def move(page) -> None:
        page.wait_for_selector("#stage .card")
        for _ in range(step - 1):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Space")
        page.wait_for_function(
            f"() => document.querySelector('#tour-status').textContent.includes('{step} of 7 (')"
        )
        page.wait_for_timeout(800)  # the map flies to the partner

    return move


def paused(page) -> None:
    """The tour's first partner on the stage, paused for the picture (any language)."""
    page.wait_for_selector("#stage .card")
    page.keyboard.press("Space")
    page.wait_for_timeout(1200)  # the map flies to the partner


TOUR = "/?mode=present&tour=1"
# name, viewport, path, what to do before the picture (None: nothing)
SHOTS = [
    ("desktop", DESKTOP, "/", None),
    ("desktop-kenya", DESKTOP, "/", kenya),
    ("phone", PHONE, "/", None),
    ("present", DESKTOP, TOUR, tour_step(2)),
    ("present-1024x768", {"width": 1024, "height": 768}, TOUR, tour_step(1)),
    ("present-1024x768-worldwide", {"width": 1024, "height": 768}, TOUR, tour_step(6)),
    ("present-1280x720", {"width": 1280, "height": 720}, TOUR, tour_step(7)),
    ("embed-800x500", {"width": 800, "height": 500}, "/?embed=1", None),
    ("embed-400x300", {"width": 400, "height": 300}, "/?embed=1&region=africa", None),
    ("arabic-kenya", DESKTOP, "/?lang=ar&country=KEN", None),
    ("arabic-phone", PHONE, "/?lang=ar", None),
    (
        "arabic-present-1024x768",
        {"width": 1024, "height": 768},
        "/?lang=ar&mode=present&tour=1",
        paused,
    ),
    ("chinese-eastern-africa", DESKTOP, "/?lang=zh&region=eastern-africa", None),
]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        with serving(BUNDLED_DATA, Path(tmp) / "gunicorn.log") as server:
            ready = time.monotonic() - started
            with sync_playwright() as playwright:
                browser = launch(playwright)
                for name, viewport, path, prepare in SHOTS:
                    page = browser.new_page(viewport=viewport)
                    page.goto(server.url + path)
                    page.wait_for_selector(MAP_DRAWN, timeout=20_000)
                    if name == "desktop":
                        drawn = time.monotonic() - started
                        print(
                            f"gunicorn start to /healthz: {ready:.2f} s; "
                            f"to the first drawn map in a fresh browser: {drawn:.2f} s"
                        )
                        print(f"first page load transferred {page.evaluate(TRANSFERRED):,} bytes")
                    if prepare:
                        prepare(page)
                    page.wait_for_timeout(600)
                    target = OUT / f"screenshot-{name}.png"
                    page.screenshot(path=target, full_page=name == "phone")
                    print(f"wrote {target.relative_to(REPO)}")
                    page.close()
                browser.close()


if __name__ == "__main__":
    main()
