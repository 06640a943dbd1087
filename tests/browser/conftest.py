"""Browser tests: the real app under gunicorn, driven by Debian's headless Chromium.

Every page a test opens records its console and its requests; a test fails if the
console shows an error or the page asked any host but the app for anything.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.chromium import DESKTOP, Watch, launch, open_page
from tests.support.paths import BUNDLED_DATA
from tests.support.servers import Server, start_gunicorn, stop


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on the bundled data under the Procfile's gunicorn, for the whole session."""
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    running = start_gunicorn(BUNDLED_DATA, log)
    yield running
    stop(running)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def watch(app_server: Server) -> Iterator[Watch]:
    recorded = Watch(app_server.url)
    yield recorded
    assert recorded.errors == [], "the browser console showed errors"
    assert recorded.foreign() == [], "the page asked another host for something"


@pytest.fixture
def page(browser: Browser, app_server: Server, watch: Watch) -> Iterator[Page]:
    opened = open_page(browser, app_server.url + "/", DESKTOP, watch)
    yield opened
    opened.context.close()


@pytest.fixture
def visit(browser: Browser, app_server: Server, watch: Watch) -> Iterator:
    """Open a path of the app in a fresh browser context: visit("/?country=KEN", PHONE)."""
    opened: list[Page] = []

    def open_path(path: str, viewport: dict = DESKTOP, **context_options) -> Page:
        page = open_page(browser, app_server.url + path, viewport, watch, **context_options)
        opened.append(page)
        return page

    yield open_path
    for page in opened:
        page.context.close()
