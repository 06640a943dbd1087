"""The three interactions the benchmark replays, and where their requests come from:
done once in Chromium and captured (partner-map), or built from the app's declared
callback (the baseline, whose large pages may never draw in a browser)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.request import urlopen

from playwright.sync_api import Browser, Page

from dashboard.atlas import load_atlas
from tests.support.chromium import DESKTOP, MAP_DRAWN, choose

UPDATE = "/_dash-update-component"


@dataclass
class Interaction:
    name: str
    control: str  # the input whose value the replay cycles
    values: list  # values to cycle through
    body: dict | None = None  # the captured request
    path: str = UPDATE  # as requested (Dash 4 adds ?endId=...)


def with_value(body: dict, control: str, value) -> bytes:
    """The request `body` with `control`'s input set to `value`, encoded."""
    changed = json.loads(json.dumps(body))
    for item in changed["inputs"]:
        if item.get("id") == control:
            item["value"] = value
    return json.dumps(changed).encode()


def capture_in_browser(url: str, steps: list[Interaction], browser: Browser) -> None:
    """partner-map's requests: open its page and do each interaction once."""
    page = browser.new_page(viewport=DESKTOP)
    page.goto(url + "/")
    page.wait_for_selector(MAP_DRAWN, state="attached", timeout=120_000)
    capture(page, steps)
    page.close()


def capture(page: Page, steps: list[Interaction]) -> None:
    """Do each of partner-map's interactions once in `page` and keep its callback request."""
    grab = _grabber(page)
    region, country, focus = steps
    atlas = load_atlas()
    region_name = atlas.region(region.values[0]).name
    grab(region, lambda: choose(page, region.control, region_name))
    page.click("#filter-clear")
    settle(page)
    country_name = atlas.countries.loc[country.values[0], "name"]
    grab(country, lambda: choose(page, country.control, country_name))
    page.click("#filter-clear")
    # The focus click must meet the figure drawn for the cleared filters, as a
    # person's would: on a big network that answer takes a moment to arrive. Clicked
    # before, it is answered with the whole figure, rightly (the map on the page is
    # not the one the focus would patch), and every replay of it would be too.
    settle(page)
    grab(focus, lambda: page.locator("#cards .card-title").first.click())


def settle(page: Page, quiet_ms: int = 700, seconds: float = 120) -> None:
    """Wait until no callback request has been in flight for `quiet_ms`. (Playwright's
    "networkidle" is a state of the page's load: once reached, waiting returns at once.)"""
    pending: set = set()
    last = [time.monotonic()]

    def started(request) -> None:
        if UPDATE in request.url:
            pending.add(request)
            last[0] = time.monotonic()

    def ended(request) -> None:
        pending.discard(request)
        last[0] = time.monotonic()

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    page.wait_for_timeout(100)  # the click's first request is on its way
    deadline = time.monotonic() + seconds
    while pending or time.monotonic() - last[0] < quiet_ms / 1000:
        if time.monotonic() > deadline:
            raise RuntimeError("the page did not settle")
        page.wait_for_timeout(50)
    for event, handler in (("request", started), ("requestfinished", ended)):
        page.remove_listener(event, handler)
    page.remove_listener("requestfailed", ended)


def _grabber(page: Page) -> Callable[[Interaction, Callable[[], None]], None]:
    """grab(step, act): do `act` and keep, as the step's request, the map callback that
    `act` set off by changing the step's control."""
    seen: list[tuple[str, dict]] = []

    def record(request) -> None:
        if UPDATE in request.url:
            parts = urlsplit(request.url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            seen.append((path, json.loads(request.post_data)))

    page.on("request", record)

    def grab(step: Interaction, act: Callable[[], None]) -> None:
        seen.clear()
        act()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            for path, body in list(seen):
                changed = " ".join(body.get("changedPropIds", []))
                if step.control + "." in changed and "map.figure" in body.get("output", ""):
                    # The renderer may fold other pending changes into the same request;
                    # the interaction measured is this control's change alone.
                    own = [c for c in body["changedPropIds"] if c.startswith(step.control + ".")]
                    step.body, step.path = {**body, "changedPropIds": own}, path
                    return
            page.wait_for_timeout(50)
        raise RuntimeError(f"no request seen for {step.name}")

    return grab


def build_requests(url: str, steps: list[Interaction], browser: Browser | None = None) -> None:
    """The baseline's requests, from its declared dependencies (its callback is plain;
    on a large network its page may not draw in a browser at all)."""
    with urlopen(url + "/_dash-dependencies", timeout=60) as response:
        spec = next(d for d in json.load(response) if "map.figure" in d["output"])
    defaults = {"filter-partners": [], "filter-count-regions": ["on"]}
    outputs = [
        {"id": name.rsplit(".", 1)[0], "property": name.rsplit(".", 1)[1]}
        for name in spec["output"].strip(".").split("...")
    ]
    for step in steps:
        step.body = {
            "output": spec["output"],
            "outputs": outputs,
            "inputs": [{**item, "value": defaults.get(item["id"])} for item in spec["inputs"]],
            "state": [],
            "changedPropIds": [f"{step.control}.value"],
        }
