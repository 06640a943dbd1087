"""Measuring both apps on one network: start-up, memory, the interactions replayed,
throughput, and a visitor's page load and repaint in Chromium."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.apps import APPS, App
from bench.generate import generate
from bench.replay import replay, throughput
from dashboard.atlas import load_atlas
from tests.support.chromium import DESKTOP, MAP_DRAWN, TRANSFERRED, choose
from tests.support.paths import REPO
from tests.support.servers import serving

STARTUP = """
import json, sys, time
from pathlib import Path
module, function = sys.argv[1].split(":")
started = time.perf_counter()
factory = getattr(__import__(module, fromlist=[function]), function)
imported = time.perf_counter()
factory(Path(sys.argv[2]))
built = time.perf_counter()
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS"))
result = {"import_s": imported - started, "build_s": built - imported, "rss_mb": rss / 1024}
print(json.dumps(result))
"""
# Filter changes per repaint median: the median of three moved from 327 to 210 ms
# between two runs of the same code at N = 10,000.
REPAINTS = 9
WATCH_REPAINT = """() => {
    window.__t0 = 0; window.__t1 = 0;
    document.addEventListener('keydown', e => {
        if (e.key === 'Enter') { window.__t0 = performance.now(); window.__t1 = 0; }
    }, true);
    document.querySelector('#map .js-plotly-plot')
        .on('plotly_afterplot', () => { if (!window.__t1) window.__t1 = performance.now(); });
}"""


@dataclass(frozen=True)
class Run:
    """What one N's measurements share: the network, the replay counts, the browser."""

    n: int
    data_dir: Path
    log: Path  # gunicorn's, overwritten by each server
    requests: int  # replays per interaction
    seconds: float  # per throughput run
    browser: Browser

    def say(self, app: App, what: str) -> None:
        print(f"N={self.n:,} {app.name}: {what}", flush=True)


def measure(n: int, requests: int, seconds: float, browser: Browser) -> dict:
    """Both apps on a synthetic network of n partners: {"n", "requests", app name: ...}."""
    requests = requests_for(n, requests)
    results: dict = {"n": n, "requests": requests}
    with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
        data_dir = generate(n, Path(tmp) / "data")
        run = Run(n, data_dir, Path(tmp) / "gunicorn.log", requests, seconds, browser)
        for app in APPS:
            results[app.name] = measure_app(app, run)
    return results


def requests_for(n: int, requests: int) -> int:
    """Fewer replays on big networks, where the baseline takes seconds a request."""
    return requests if n < 1000 else max(min(requests, 50 if n < 10000 else 20), 3)


def measure_app(app: App, run: Run) -> dict:
    """One app's row: start-up, the interactions, memory, the browser, throughput."""
    run.say(app, "start-up")
    row: dict = {"startup": startup(app, run.data_dir)}
    with serving(run.data_dir, run.log, app=app.target, ready_path="/") as server:
        steps = app.interactions(run.data_dir)
        app.prepare(server.url, steps, run.browser)
        for step in steps:
            run.say(app, step.name)
            row[step.name] = replay(server.url, step, run.requests)
        row["worker_rss_mb"] = workers_rss_mb(server.process.pid)[0]
        run.say(app, "browser")
        try:
            row["browser"] = page_timings(run.browser, server.url, app, steps[1].values)
        except PlaywrightTimeout:
            row["browser"] = None  # the page did not draw its map within 120 s
    if app.cold_env is not None:
        with serving(run.data_dir, run.log, env=app.cold_env, app=app.target) as cold:
            row["cold"] = {s.name: replay(cold.url, s, max(run.requests // 2, 3)) for s in steps}
    for workers in (2, 4):
        run.say(app, f"throughput, {workers} workers")
        options = {"app": app.target, "workers": workers, "ready_path": "/"}
        with serving(run.data_dir, run.log, **options) as server:
            row[f"throughput_{workers}"] = throughput(server.url, steps[1], run.seconds)
    return row


def startup(app: App, data_dir: Path) -> dict:
    """Seconds to load, validate and build the app (imports apart), and memory after."""
    done = subprocess.run(
        [sys.executable, "-c", STARTUP, app.factory, str(data_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def workers_rss_mb(master: int) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [rss_mb(int(pid)) for pid in children]


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    return kb / 1024


def page_timings(browser: Browser, url: str, app: App, countries: list[str]) -> dict:
    """A fresh visit's bytes and first drawn map, nine country filters' repaints, and
    a second visit's bytes."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url + "/")
    page.wait_for_selector(MAP_DRAWN, state="attached", timeout=120_000)
    drawn = (time.perf_counter() - started) * 1000
    page.wait_for_load_state("networkidle")
    first = page.evaluate(TRANSFERRED)
    page.evaluate(WATCH_REPAINT)
    atlas = load_atlas()
    repaints = []
    for iso3 in countries[:REPAINTS]:
        page.evaluate("() => { window.__t1 = 0; }")
        page.keyboard.press("Escape")  # close the dropdown the last choice left open
        page.wait_for_timeout(200)
        choose(page, "filter-country", app.country_label(atlas, iso3))
        page.wait_for_function(
            "() => window.__t1 > window.__t0 && window.__t0 > 0", timeout=120_000
        )
        repaints.append(page.evaluate("() => window.__t1 - window.__t0"))
    page.reload()
    page.wait_for_selector(MAP_DRAWN, state="attached", timeout=120_000)
    page.wait_for_load_state("networkidle")
    again = page.evaluate(TRANSFERRED)
    context.close()
    return {
        "first_load_bytes": first,
        "second_visit_bytes": again,
        "first_map_ms": drawn,
        "repaint_ms": statistics.median(repaints),
    }
