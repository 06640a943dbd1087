"""Take the README's screenshots, and measure the first page load while at it.

    .venv/bin/python scripts/screenshot.py        # writes docs/screenshot-*.png

Runs the Procfile's gunicorn line on the bundled data and Debian's headless
Chromium (the same launcher the browser tests use), so the pictures show what a
visitor sees. Prints the time from starting gunicorn to the first served page
and the bytes the first page load transferred, from the browser's resource timings.
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


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        with serving(BUNDLED_DATA, Path(tmp) / "gunicorn.log") as server:
            ready = time.monotonic() - started
            with sync_playwright() as playwright:
                browser = launch(playwright)
                shots = [
                    ("desktop", DESKTOP, "/"),
                    ("desktop-kenya", DESKTOP, "/"),
                    ("phone", PHONE, "/"),
                    ("present", DESKTOP, "/?mode=present&tour=1&focus=EASC"),
                ]
                for name, viewport, path in shots:
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
                    if name == "desktop-kenya":
                        choose(page, "filter-country", "Kenya")
                        page.wait_for_function(
                            "() => document.querySelectorAll('#cards .card').length === 2"
                        )
                        page.locator("#cards .card-title", has_text="Eastern Africa").click()
                        page.wait_for_function(
                            "() => document.querySelector('#cards .card.focused')"
                        )
                    if name == "present":
                        page.wait_for_selector("#stage .card")
                        page.keyboard.press("ArrowRight")  # the tour's second partner
                        page.keyboard.press("Space")  # paused for the picture
                        page.wait_for_function(
                            "() => document.querySelector('#tour-status').textContent"
                            ".includes('2 of 7 (paused)')"
                        )
                    page.wait_for_timeout(600)
                    target = OUT / f"screenshot-{name}.png"
                    page.screenshot(path=target, full_page=name == "phone")
                    print(f"wrote {target.relative_to(REPO)}")
                    page.close()
                browser.close()


if __name__ == "__main__":
    main()
