"""Browser tests: the real app under gunicorn, driven by Debian's headless Chromium.

Every page a test opens records its console and its requests; a test fails if the
console shows an error or the page asked any host but the app for anything.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import BUNDLED_DATA
from tests.servers import Server, start_gunicorn, stop

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


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    running = start_gunicorn(BUNDLED_DATA, log)
    yield running
    stop(running)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


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
    context = browser.new_context(viewport=viewport, **context_options)
    page = context.new_page()
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    page.on("request", lambda r: watch.requests.append(r.url))
    page.goto(url)
    page.wait_for_selector("#map .choroplethlocation", timeout=20_000)
    return page


@pytest.fixture
def watch(server: Server) -> Iterator[Watch]:
    recorded = Watch(server.url)
    yield recorded
    assert recorded.errors == [], "the browser console showed errors"
    assert recorded.foreign() == [], "the page asked another host for something"


@pytest.fixture
def page(browser: Browser, server: Server, watch: Watch) -> Iterator[Page]:
    opened = open_page(browser, server.url + "/", DESKTOP, watch)
    yield opened
    opened.context.close()


@pytest.fixture
def visit(browser: Browser, server: Server, watch: Watch) -> Iterator:
    """Open a path of the app in a fresh browser context: visit("/?country=KEN", PHONE)."""
    opened: list[Page] = []

    def open_path(path: str, viewport: dict = DESKTOP, **context_options) -> Page:
        page = open_page(browser, server.url + path, viewport, watch, **context_options)
        opened.append(page)
        return page

    yield open_path
    for page in opened:
        page.context.close()
