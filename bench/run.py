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

The two apps and what differs between them are in bench/apps.py, how each is
measured in bench/measure.py, and the report's rows in bench/report.py (MEASURES).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.measure import measure
from bench.report import report
from tests.support.chromium import launch


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
        browser = launch(playwright)
        try:
            results = [measure(n, args.requests, args.seconds, browser) for n in args.sizes]
        finally:
            browser.close()
    text = report(results, args)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        (args.out.with_suffix(".json")).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
