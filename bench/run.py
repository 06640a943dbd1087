"""Measure partner-map against the naive baseline, side by side, on networks of N partners.

    .venv/bin/python -m bench.run                       # N = 7, 100, 1,000, 10,000
    .venv/bin/python -m bench.run --sizes 7 --quick     # a smoke run (the test suite's)

Everything runs on this machine: gunicorn on 127.0.0.1, a bounded load client,
Debian's headless Chromium. For each N and each app it measures start-up, the
server time of the three main interactions as real POSTs to
/_dash-update-component (cycling through different values, so answers are not
all repeats), throughput with 2 and 4 workers, and the first page load and a
filter's repaint in the browser. It prints a markdown results section with the
machine, the versions and the date, and with --out writes it (and the raw
numbers as JSON beside it); docs/PERFORMANCE.md holds one such run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.generate import generate
from dashboard.atlas import load_atlas
from dashboard.data.load import load_network
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS, DESKTOP, choose
from tests.support.paths import REPO
from tests.support.servers import start_gunicorn, stop

UPDATE = "/_dash-update-component"


@dataclass(frozen=True)
class App:
    name: str
    target: str  # gunicorn's APP_MODULE
    factory: str  # module:function that builds the app from a data folder
    env: dict[str, str] = field(default_factory=dict)


APPS = (
    App("partner-map", "dashboard.app:server", "dashboard.app:create_app"),
    App("baseline", "bench.baseline_app:server", "bench.baseline_app:create_baseline"),
)
COLD = {"PARTNER_MAP_VIEW_CACHE": "0"}  # partner-map with its view memo off


# start-up


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


def worker_rss_mb(master_pid: int) -> float:
    """Resident memory of a gunicorn worker (the master's first child)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    status = Path(f"/proc/{children[0]}/status").read_text()
    return (
        next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
        / 1024
    )


# capturing the interactions' requests in a real browser


@dataclass
class Interaction:
    name: str
    control: str  # the input whose value the replay cycles
    values: list  # values to cycle through
    body: dict | None = None  # the captured request
    path: str = "/_dash-update-component"  # as requested (Dash 4 adds ?endId=...)


def interactions(app: App, data_dir: Path) -> list[Interaction]:
    network = load_network(data_dir)
    atlas = load_atlas()
    served = sorted(network.links["iso3"].unique())
    regions = [r for r in atlas.regions if r.members & set(served)]
    first = list(network.partners["id"][:200])
    if app.name == "baseline":
        names = sorted({r.name for r in regions if r.level < 2})
        return [
            Interaction("change region", "filter-region", names),
            Interaction("change served country", "filter-country", served),
            Interaction("focus a partner", "filter-focus", first),
        ]
    return [
        Interaction("change region", "filter-region", [r.slug for r in regions]),
        Interaction("change served country", "filter-country", served),
        Interaction("focus a partner", "focus", first),
    ]


def capture(page: Page, app: App, steps: list[Interaction]) -> None:
    """Do each interaction once in the browser and keep its callback request."""
    seen: list[tuple[str, dict]] = []

    def record(request) -> None:
        if UPDATE in request.url:
            parts = urlsplit(request.url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            seen.append((path, json.loads(request.post_data)))

    page.on("request", record)

    def grab(step: Interaction, act) -> None:
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
        raise RuntimeError(f"{app.name}: no request seen for {step.name}")

    region, country, focus = steps
    if app.name == "baseline":
        grab(region, lambda: choose(page, region.control, region.values[0]))
        grab(country, lambda: choose(page, country.control, country.values[0]))
        grab(focus, lambda: choose(page, focus.control, focus.values[0]))
    else:
        name = load_atlas().region(region.values[0]).name
        grab(region, lambda: choose(page, region.control, name))
        page.click("#filter-clear")
        page.wait_for_load_state("networkidle")
        country_name = load_atlas().countries.loc[country.values[0], "name"]
        grab(country, lambda: choose(page, country.control, country_name))
        page.click("#filter-clear")
        # The focus click must meet the figure drawn for the cleared filters, as a
        # person's would: on a big network that answer takes a moment to arrive.
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        grab(focus, lambda: page.locator("#cards .card-title").first.click())


def build_requests(url: str, steps: list[Interaction]) -> None:
    """The baseline's callback requests, from its declared dependencies."""
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


# replaying them


def post(url: str, path: str, body: bytes, gzip: bool = False) -> tuple[float, int, int]:
    """One POST: (seconds, status, response bytes as sent)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if gzip:
        headers["Accept-Encoding"] = "gzip"
    started = time.perf_counter()
    connection.request("POST", path, body, headers)
    response = connection.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed, response.status, len(data)


def with_value(body: dict, control: str, value) -> bytes:
    changed = json.loads(json.dumps(body))
    for item in changed["inputs"]:
        if item.get("id") == control:
            item["value"] = value
    return json.dumps(changed).encode()


def replay(url: str, step: Interaction, count: int) -> dict:
    """Server time and bytes of an interaction, cycling through its values."""
    times, sizes, errors = [], [], 0
    for i in range(count):
        value = step.values[i % len(step.values)]
        seconds, status, size = post(url, step.path, with_value(step.body, step.control, value))
        if status != 200 and status != 204:
            errors += 1
        times.append(seconds * 1000)
        sizes.append(size)
    _, _, gzipped = post(
        url, step.path, with_value(step.body, step.control, step.values[0]), gzip=True
    )
    times.sort()
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * (len(times) - 1))],
        "bytes": statistics.mean(sizes),
        "gzip_bytes": gzipped,
        "errors": errors,
    }


def _load_worker(
    url: str, path: str, bodies: list[bytes], seconds: float, threads: int
) -> tuple[int, int]:
    done = [0, 0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run(offset: int) -> None:
        i = offset
        while time.monotonic() < stop_at:
            try:
                _, status, _ = post(url, path, bodies[i % len(bodies)])
                ok = status == 200
            except OSError:
                ok = False
            with lock:
                done[0 if ok else 1] += 1
            i += threads

    pool = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return done[0], done[1]


def throughput(url: str, step: Interaction, seconds: float) -> dict:
    """Filter requests a second from 2 client processes x 4 threads, and errors."""
    bodies = [with_value(step.body, step.control, v) for v in step.values[:200]]
    with ProcessPoolExecutor(2) as pool:
        results = list(
            pool.map(_load_worker, [url] * 2, [step.path] * 2, [bodies] * 2, [seconds] * 2, [4] * 2)
        )
    ok = sum(r[0] for r in results)
    return {"rps": ok / seconds, "errors": sum(r[1] for r in results)}


# the browser


TRANSFER = """() => performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource'))
    .reduce((sum, e) => sum + (e.transferSize || 0), 0)"""
WATCH_REPAINT = """() => {
    window.__t0 = 0; window.__t1 = 0;
    document.addEventListener('keydown', e => {
        if (e.key === 'Enter') { window.__t0 = performance.now(); window.__t1 = 0; }
    }, true);
    document.querySelector('#map .js-plotly-plot')
        .on('plotly_afterplot', () => { if (!window.__t1) window.__t1 = performance.now(); });
}"""


def browser(browser_, url: str, app: App, countries: list[str]) -> dict:
    context = browser_.new_context(viewport=DESKTOP)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url + "/")
    page.wait_for_selector("#map .choroplethlocation", state="attached", timeout=120_000)
    drawn = (time.perf_counter() - started) * 1000
    page.wait_for_load_state("networkidle")
    first = page.evaluate(TRANSFER)
    page.evaluate(WATCH_REPAINT)
    repaints = []
    atlas = load_atlas()
    for iso3 in countries[:3]:
        text = iso3 if app.name == "baseline" else atlas.countries.loc[iso3, "name"]
        page.evaluate("() => { window.__t1 = 0; }")
        page.keyboard.press("Escape")  # close the dropdown the last choice left open
        page.wait_for_timeout(200)
        choose(page, "filter-country", text)
        page.wait_for_function(
            "() => window.__t1 > window.__t0 && window.__t0 > 0", timeout=120_000
        )
        repaints.append(page.evaluate("() => window.__t1 - window.__t0"))
    page.reload()
    page.wait_for_selector("#map .choroplethlocation", state="attached", timeout=120_000)
    page.wait_for_load_state("networkidle")
    again = page.evaluate(TRANSFER)
    context.close()
    return {
        "first_load_bytes": first,
        "second_visit_bytes": again,
        "first_map_ms": drawn,
        "repaint_ms": statistics.median(repaints),
    }


# one N


def requests_for(n: int, requests: int) -> int:
    """Fewer replays on big networks, where the baseline takes seconds a request."""
    return requests if n < 1000 else max(min(requests, 50 if n < 10000 else 20), 3)


def measure(n: int, requests: int, seconds: float, quick: bool, browser_) -> dict:
    requests = requests_for(n, requests)
    results: dict = {"n": n, "requests": requests}
    with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
        data_dir = generate(n, Path(tmp) / "data")
        log = Path(tmp) / "gunicorn.log"
        for app in APPS:
            row = results.setdefault(app.name, {})
            print(f"N={n:,} {app.name}: start-up", flush=True)
            row["startup"] = startup(app, data_dir)
            server = start_gunicorn(data_dir, log, env=app.env, app=app.target, ready_path="/")
            try:
                steps = interactions(app, data_dir)
                if app.name == "baseline":
                    # Its callback is plain; built from /_dash-dependencies, because on
                    # a large network its page may not draw in a browser at all.
                    build_requests(server.url, steps)
                else:
                    page = browser_.new_page(viewport=DESKTOP)
                    page.goto(server.url + "/")
                    page.wait_for_selector(
                        "#map .choroplethlocation", state="attached", timeout=120_000
                    )
                    capture(page, app, steps)
                    page.close()
                for step in steps:
                    print(f"N={n:,} {app.name}: {step.name}", flush=True)
                    row[step.name] = replay(server.url, step, requests)
                row["worker_rss_mb"] = worker_rss_mb(server.process.pid)
                print(f"N={n:,} {app.name}: browser", flush=True)
                try:
                    row["browser"] = browser(browser_, server.url, app, steps[1].values)
                except PlaywrightTimeout:
                    row["browser"] = None  # the page did not draw its map within 120 s
            finally:
                stop(server)
            if app.name == "partner-map":
                cold = start_gunicorn(data_dir, log, env=COLD, app=app.target)
                try:
                    row["cold"] = {
                        s.name: replay(cold.url, s, max(requests // 2, 3)) for s in steps
                    }
                finally:
                    stop(cold)
            for workers in (2, 4):
                print(f"N={n:,} {app.name}: throughput, {workers} workers", flush=True)
                server = start_gunicorn(
                    data_dir, log, env=app.env, app=app.target, workers=workers, ready_path="/"
                )
                try:
                    row[f"throughput_{workers}"] = throughput(server.url, steps[1], seconds)
                finally:
                    stop(server)
    return results


# the report


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = (
        next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        / 1024
        / 1024
    )
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.platform()}"


def versions() -> str:
    names = ["dash", "plotly", "pandas", "gunicorn", "flask-compress", "playwright"]
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    return (
        ", ".join(f"{n} {metadata.version(n)}" for n in names) + f", {chromium.strip()}, "
        f"Python {platform.python_version()}"
    )


def ratio(ours: float, theirs: float, higher_is_better: bool = False) -> str:
    if not ours or not theirs:
        return "n/a"
    value = ours / theirs if higher_is_better else theirs / ours
    return f"{value:,.1f}x"


def report(all_results: list[dict], args: argparse.Namespace) -> str:
    lines = [
        "| measure | partner-map | baseline | partner-map's advantage |",
        "| --- | ---: | ---: | ---: |",
    ]
    out = []
    for results in all_results:
        ours, base = results["partner-map"], results["baseline"]
        rows = [
            (
                "start-up: load + validate + build (s)",
                ours["startup"]["build_s"],
                base["startup"]["build_s"],
                "{:.2f}",
                False,
            ),
            (
                "memory after start-up, one process (MB)",
                ours["startup"]["rss_mb"],
                base["startup"]["rss_mb"],
                "{:.0f}",
                False,
            ),
            (
                "memory of a gunicorn worker after the runs (MB)",
                ours["worker_rss_mb"],
                base["worker_rss_mb"],
                "{:.0f}",
                False,
            ),
        ]
        measures = (
            ("server p50 (ms)", "p50_ms", "{:.1f}"),
            ("server p95 (ms)", "p95_ms", "{:.1f}"),
            ("server p50, view memo off (ms)", "cold", "{:.1f}"),
            ("response (bytes)", "bytes", "{:,.0f}"),
            ("response gzipped (bytes)", "gzip_bytes", "{:,.0f}"),
        )
        for step in ("change region", "change served country", "focus a partner"):
            for label, key, fmt in measures:
                mine = ours["cold"][step]["p50_ms"] if key == "cold" else ours[step][key]
                theirs = base[step]["p50_ms" if key == "cold" else key]
                rows.append((f"{step}: {label}", mine, theirs, fmt, False))
        for workers in (2, 4):
            rows.append(
                (
                    f"throughput, {workers} workers (requests/s)",
                    ours[f"throughput_{workers}"]["rps"],
                    base[f"throughput_{workers}"]["rps"],
                    "{:,.0f}",
                    True,
                )
            )
            rows.append(
                (
                    f"errors under load, {workers} workers",
                    ours[f"throughput_{workers}"]["errors"],
                    base[f"throughput_{workers}"]["errors"],
                    "{:.0f}",
                    None,
                )
            )
        nothing = dict.fromkeys(
            ("first_load_bytes", "second_visit_bytes", "first_map_ms", "repaint_ms"), None
        )
        b_ours, b_base = ours["browser"] or nothing, base["browser"] or nothing
        rows += [
            (
                "first page load, transferred (bytes)",
                b_ours["first_load_bytes"],
                b_base["first_load_bytes"],
                "{:,.0f}",
                False,
            ),
            (
                "second visit, transferred (bytes)",
                b_ours["second_visit_bytes"],
                b_base["second_visit_bytes"],
                "{:,.0f}",
                False,
            ),
            (
                "first drawn map, fresh browser (ms)",
                b_ours["first_map_ms"],
                b_base["first_map_ms"],
                "{:,.0f}",
                False,
            ),
            (
                "filter change to repainted map (ms)",
                b_ours["repaint_ms"],
                b_base["repaint_ms"],
                "{:,.0f}",
                False,
            ),
        ]
        count = results["requests"]
        out.append(f"\n### N = {results['n']:,} partners ({count} requests per interaction)\n")
        out.extend(lines)
        for name, a, b, fmt, better in rows:
            adv = "" if better is None else ratio(a, b, higher_is_better=bool(better))
            shown = [fmt.format(v) if v is not None else "no map in 120 s" for v in (a, b)]
            out.append(f"| {name} | {shown[0]} | {shown[1]} | {adv} |")
    header = [
        "## Results",
        "",
        f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `python -m bench.run "
        f"{' '.join(sys.argv[1:])}`".rstrip()
        + "`" * 0,
        f"({args.requests} requests per interaction, {args.seconds:g} s per throughput run).",
        "",
        f"- machine: {machine()}",
        f"- versions: {versions()}",
    ]
    return "\n".join(header + out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[7, 100, 1000, 10000])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--quick", action="store_true", help="a smoke run: few requests")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="write the results section here (default: print only)",
    )
    args = parser.parse_args()
    if args.quick:
        args.requests, args.seconds = 5, 1.0
    with sync_playwright() as playwright:
        browser_ = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            results = [
                measure(n, args.requests, args.seconds, args.quick, browser_) for n in args.sizes
            ]
        finally:
            browser_.close()
    text = report(results, args)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        (args.out.with_suffix(".json")).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
