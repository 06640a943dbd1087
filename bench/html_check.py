"""The Nu Html Checker on the pages as served and as the browser has rendered them.

    .venv/bin/python -m bench.html_check

Starts the Procfile's gunicorn on the bundled data, fetches each view's HTML as the
server sends it, and its DOM once the app has drawn the map in headless Chromium,
and checks both with vnu.jar (npm `vnu-jar`, installed on first use into
bench/.node; needs Java). Prints every error and exits 1 if there is one, apart from
the CSS checker's not knowing container queries (Dash's own style sheets use them)
and the charset's place in a serialised live DOM (see RENDERED_ONLY).
Not part of the test suite: it needs Java and a download on first use;
tests/unit/web/test_first_view.py checks the errors it found once.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.node_tools import VNU, installed
from tests.support.chromium import DESKTOP, MAP_DRAWN, launch
from tests.support.paths import BUNDLED_DATA
from tests.support.servers import serving

VIEWS = [
    "/",
    "/?country=KEN",
    "/?lang=ar&region=africa&partner=EASC,ACHA",
    "/?mode=present",
    "/?mode=present&tour=1",
    "/?embed=1",
]
# vnu's CSS checker does not know container queries or their units (Dash's styles).
CONTAINER_QUERIES = ("container", "cqw", "cqh", "cqi", "cqb", "cqmin", "cqmax")
# The 1024-byte rule is about the bytes the server sends (where the charset is first);
# in a serialised live DOM, the style sheets scripts add at the top of the head push
# it down without any meaning.
RENDERED_ONLY = "“charset” attribute on a “meta” element found after the first 1024 bytes"


def pages(base: str, folder: Path) -> dict[Path, str]:
    """Each view as served and as rendered, written to files: {file: what it is}."""
    files = {}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for i, view in enumerate(VIEWS):
            with urllib.request.urlopen(base + view) as response:
                served = folder / f"{i}-served.html"
                served.write_bytes(response.read())
            page = browser.new_page(viewport=DESKTOP)
            page.goto(base + view)
            page.wait_for_selector(MAP_DRAWN, state="attached", timeout=30_000)
            rendered = folder / f"{i}-rendered.html"
            dom = page.evaluate("document.documentElement.outerHTML")
            rendered.write_text("<!DOCTYPE html>\n" + dom, encoding="utf-8")
            page.close()
            files[served], files[rendered] = f"{view} as served", f"{view} as rendered"
        browser.close()
    return files


def errors(files: dict[Path, str]) -> list[str]:
    """vnu's errors in the files, less the known gaps of its CSS checker."""
    jar = installed(VNU, "vnu-jar/build/dist/vnu.jar")
    command = ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)]
    report = json.loads(subprocess.run(command, capture_output=True, text=True).stderr)
    found = []
    for message in report["messages"]:
        text, extract = message.get("message", ""), message.get("extract", "")
        where = files[Path(message["url"].removeprefix("file:"))]
        if any(gap in (text + extract).lower() for gap in CONTAINER_QUERIES):
            continue
        if RENDERED_ONLY in text and where.endswith("as rendered"):
            continue
        found.append(f"{where}, line {message.get('lastLine', '?')}: {text}")
    return found


def main() -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        serving(BUNDLED_DATA, Path(folder) / "gunicorn.log") as server,
    ):
        found = errors(pages(server.url, Path(folder)))
    for line in found:
        print(line)
    print(f"{len(found)} errors in {len(VIEWS)} views, served and rendered")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
