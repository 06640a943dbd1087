"""Debian's headless Chromium driven by Playwright: how to launch it, viewports, and
the few things every script does in a page (choose in a dropdown, watch what it asks)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page, Playwright, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = os.environ.get("PARTNER_MAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these, Chromium reaches out to Google's services on its own; the test
    # for foreign requests must see only what the page asks for.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
MAP_DRAWN = "#map .choroplethlocation"  # present once the map has drawn its countries
APP_DRAWN = "() => document.documentElement.classList.contains('app-drawn')"
# Bytes the page transferred so far, from the browser's navigation and resource timings.
TRANSFERRED = """() => performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource'))
    .reduce((sum, e) => sum + (e.transferSize || 0), 0)"""


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with no traffic of its own."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def choose(page: Page, dropdown: str, text: str) -> None:
    """Open a dropdown, search it, and pick the first match, as a person would.

    A dropdown with a value opens with its chosen option focused, not the search box,
    and re-renders as the first letter lands: so click into the box, then fill it.
    On a loaded machine the popover can miss the first click; then close and retry.
    """
    search = page.locator(".dash-dropdown-search")
    for attempt in range(3):
        page.click(f"#{dropdown}")
        try:
            search.click(timeout=3000)
            expect(search).to_be_focused(timeout=3000)
            break
        except (AssertionError, PlaywrightTimeout):
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            page.wait_for_timeout(300)
    search.fill(text)
    expect(page.get_by_role("option").first).to_contain_text(text)
    search.press("Enter")


@dataclass
class Watch:
    """What a page did besides render: console errors and every URL it requested."""

    origin: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        # blob: and data: URLs are made in the page itself (plotly's PNG export).
        own = (self.origin + "/", f"blob:{self.origin}/", "data:")
        return [url for url in self.requests if not url.startswith(own)]


def open_page(browser: Browser, url: str, viewport: dict, watch: Watch, **context_options) -> Page:
    """A page in a fresh context, watched from its first request, once its map is drawn."""
    context = browser.new_context(viewport=viewport, **context_options)
    page = context.new_page()
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    page.on("request", lambda r: watch.requests.append(r.url))
    page.goto(url)
    page.wait_for_selector(MAP_DRAWN, state="attached", timeout=20_000)
    # The app has taken over from the server's first view (assets/first-view.js): a
    # click before that lands on the still copy, which does nothing.
    page.wait_for_function(APP_DRAWN, timeout=20_000)
    return page
