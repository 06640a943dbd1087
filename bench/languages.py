"""What a change of language costs the server, beside a change of filter.

A change of language is a page load in that language: the chooser's links are plain
`?lang=xx` (they work without script and for crawlers), so the server sends the
page and its layout (which holds the view: dashboard/web/first_layout.py), and
answers whatever callbacks the load still sets off (the map frame's shape). A
filter change is the callbacks it sets off. Both are measured against the Procfile's
gunicorn on the bundled data, from requests captured once in Chromium and replayed
over HTTP:

    .venv/bin/python -m bench.languages                 # 60 rounds, prints a table
    .venv/bin/python -m bench.languages --rounds 200 --out docs/LANGUAGES-results.md

Each round of the switch cycles to the next language, so every answer is one a
worker may have memoised once per language and view; the first round per language,
and the first change to each served country (built afresh), are reported apart.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import urllib.request
from pathlib import Path
from tempfile import TemporaryDirectory

from playwright.sync_api import sync_playwright

from bench.replay import post
from tests.support.chromium import DESKTOP, MAP_DRAWN, choose, launch
from tests.support.paths import BUNDLED_DATA
from tests.support.servers import start_gunicorn, stop

CODES = ("ar", "en", "es", "fr", "ru", "zh")
VIEW = "/?country=KEN"
COUNTRIES = ("KEN", "UGA", "TZA", "NGA", "GHA", "ETH", "MEX", "CHN", "IND", "ZAF")


def capture(url: str) -> tuple[list[tuple[str, dict]], list[tuple[str, dict]]]:
    """The callback requests (path, body) the page makes while it loads, and those a
    change of served country sets off."""
    seen: list[tuple[str, dict]] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport=DESKTOP)
        page.on(
            "request",
            lambda r: (
                seen.append((r.url.removeprefix(url), json.loads(r.post_data)))
                if "_dash-update-component" in r.url
                else None
            ),
        )
        page.goto(url + VIEW)
        page.wait_for_selector(MAP_DRAWN, state="attached", timeout=60_000)
        page.wait_for_load_state("networkidle")
        loading = list(seen)
        seen.clear()
        choose(page, "filter-country", "Uganda")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        browser.close()
    return loading, seen


def in_language(body: dict, code: str) -> bytes:
    """A captured callback as a page in another language would send it."""
    changed = json.loads(json.dumps(body))
    for item in [*changed.get("inputs", []), *changed.get("state", [])]:
        if isinstance(item, dict) and item.get("id") == "lang":
            item["value"] = code
    return json.dumps(changed).encode()


def with_country(body: dict, iso3: str) -> bytes:
    """A captured callback, as a change to another served country would send it."""
    changed = json.loads(json.dumps(body))
    for item in [*changed.get("inputs", []), *changed.get("state", [])]:
        if not isinstance(item, dict):
            continue
        if item.get("id") == "filter-country":
            item["value"] = iso3
        if item.get("id") == "url" and item.get("property") == "search":
            item["value"] = f"?country={iso3}"
    return json.dumps(changed).encode()


def get(url: str, path: str, referer: str | None = None) -> float:
    request = urllib.request.Request(url + path, headers={"Referer": referer} if referer else {})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
    return time.perf_counter() - started


def switch_ms(url: str, loads: list[tuple[str, dict]], code: str) -> float:
    """Server time of one change of language: page, layout, and the load's callbacks."""
    page = f"/?lang={code}&country=KEN"
    seconds = get(url, page) + get(url, "/_dash-layout", referer=url + page)
    for path, body in loads:
        seconds += post(url, path, in_language(body, code))[0]
    return seconds * 1000


def filter_ms(url: str, changes: list[tuple[str, dict]], iso3: str) -> float:
    """Server time of one change of served country: every callback it sets off."""
    return sum(post(url, path, with_country(body, iso3))[0] for path, body in changes) * 1000


def measure(rounds: int) -> dict:
    with TemporaryDirectory() as tmp:
        server = start_gunicorn(BUNDLED_DATA, Path(tmp) / "gunicorn.log")
        try:
            loads, changes = capture(server.url)
            first = {code: switch_ms(server.url, loads, code) for code in CODES}
            first_filters = [filter_ms(server.url, changes, iso3) for iso3 in COUNTRIES]
            switches = [switch_ms(server.url, loads, CODES[i % 6]) for i in range(rounds)]
            filters = [filter_ms(server.url, changes, COUNTRIES[i % 10]) for i in range(rounds)]
        finally:
            stop(server)
    return {
        "callbacks_on_load": len(loads),
        "callbacks_on_filter": len(changes),
        "switch_first_ms": first,
        "filter_first_p50_ms": statistics.median(first_filters),
        "switch_p50_ms": statistics.median(switches),
        "filter_p50_ms": statistics.median(filters),
        "rounds": rounds,
    }


def report(result: dict) -> str:
    first = ", ".join(f"{c} {ms:.1f}" for c, ms in result["switch_first_ms"].items())
    return "\n".join(
        [
            f"Bundled data (7 partners), {result['rounds']} rounds, server time p50 in ms:",
            "",
            "| interaction | what the server answers | p50 ms |",
            "| --- | --- | ---: |",
            f"| change of served country | the {result['callbacks_on_filter']} callbacks it "
            f"sets off | {result['filter_p50_ms']:.1f} |",
            f"| change of language | page, layout and {callbacks(result['callbacks_on_load'])}"
            f" of a page load | {result['switch_p50_ms']:.1f} |",
            "",
            f"First switch into each language (built afresh): {first} ms. First change to"
            f" each of {len(COUNTRIES)} served countries (built afresh): p50"
            f" {result['filter_first_p50_ms']:.1f} ms.",
        ]
    )


def callbacks(n: int) -> str:
    return f"{n} callback" if n == 1 else f"{n} callbacks"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    text = report(measure(args.rounds))
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
