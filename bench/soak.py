"""A soak test: mixed page loads and filter callbacks from many clients, for a minute.

    .venv/bin/python -m bench.soak                     # 60 s, 32 clients, 4 workers
    .venv/bin/python -m bench.soak --seconds 10 --clients 8

Starts the Procfile's gunicorn with 4 workers on 127.0.0.1 on the bundled data,
captures real callback requests in Chromium (bench.interactions), then runs
32 client threads that each loop for the given time over: the page, its scripts'
layout and dependencies, and the three filter interactions with changing values.
Reports requests, errors (must be 0), latency p50/p95/p99, and each worker's
resident memory at the start and the end. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.apps import PARTNER_MAP
from bench.interactions import capture_in_browser, with_value
from bench.measure import workers_rss_mb
from tests.support.chromium import launch
from tests.support.paths import BUNDLED_DATA
from tests.support.servers import Server, serving

PAGES = ["/", "/?country=KEN", "/?region=africa&focus=EASC", "/_dash-layout", "/_dash-dependencies"]


def client(port: int, steps, seconds: float, seed: int, out: list, errors: list) -> None:
    rng = random.Random(seed)
    stop_at = time.monotonic() + seconds
    while time.monotonic() < stop_at:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            started = time.perf_counter()
            if rng.random() < 0.25:
                connection.request("GET", rng.choice(PAGES))
            else:
                step = rng.choice(steps)
                body = with_value(step.body, step.control, rng.choice(step.values))
                connection.request("POST", step.path, body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                errors.append(response.status)
            out.append(elapsed)
        except OSError as error:
            errors.append(repr(error))
        finally:
            connection.close()


@dataclass
class Soaked:
    seconds: float
    latencies: list[float]  # ms, sorted
    errors: list
    before: list[float]  # each worker's resident MB, after a warm-up
    after: list[float]

    def pct(self, p: float) -> float:
        return self.latencies[min(int(p * len(self.latencies)), len(self.latencies) - 1)]


def soak(server: Server, steps, seconds: float, clients: int) -> Soaked:
    """`clients` threads looping over pages and interactions for `seconds`."""
    port = int(server.url.rsplit(":", 1)[1])
    # Warm every worker up before the first memory reading.
    warm: list[float] = []
    client(port, steps, 3, 0, warm, [])
    before = workers_rss_mb(server.process.pid)
    latencies: list[float] = []
    errors: list = []
    threads = [
        threading.Thread(target=client, args=(port, steps, seconds, n + 1, latencies, errors))
        for n in range(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    after = workers_rss_mb(server.process.pid)
    return Soaked(elapsed, sorted(latencies), errors, before, after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "gunicorn.log"
        with serving(BUNDLED_DATA, log, app=PARTNER_MAP.target, workers=args.workers) as server:
            steps = PARTNER_MAP.interactions(BUNDLED_DATA)
            with sync_playwright() as playwright:
                browser = launch(playwright)
                capture_in_browser(server.url, steps, browser)
                browser.close()
            soaked = soak(server, steps, args.seconds, args.clients)
    latencies, before, after = soaked.latencies, soaked.before, soaked.after
    growth = [(b - a) / a * 100 for a, b in zip(before, after, strict=False)]
    print(f"soak: {args.clients} clients, {args.workers} workers, {soaked.seconds:.0f} s")
    print(
        f"requests: {len(latencies):,} ({len(latencies) / soaked.seconds:,.0f}/s), "
        f"errors: {len(soaked.errors)}"
    )
    print(
        f"latency ms: p50 {statistics.median(latencies):.1f}, p95 {soaked.pct(0.95):.1f}, "
        f"p99 {soaked.pct(0.99):.1f}, max {latencies[-1]:.1f}"
    )
    print(
        "worker memory MB, start -> end: "
        + ", ".join(
            f"{a:.0f} -> {b:.0f} ({g:+.1f}%)"
            for a, b, g in zip(before, after, growth, strict=False)
        )
    )
    if soaked.errors:
        print(f"errors seen: {sorted(set(map(str, soaked.errors)))[:10]}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
