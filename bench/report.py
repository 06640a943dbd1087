"""The markdown results section: one table per N, one row per measure, from MEASURES."""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from bench.apps import APPS
from tests.support.chromium import CHROMIUM

STEPS = ("change region", "change served country", "focus a partner")
NO_MAP = "no map in 120 s"  # what a cell shows for a page that never drew


class Measure(NamedTuple):
    name: str
    read: Callable[[dict], float | None]  # from one app's results at one N
    format: str
    higher_is_better: bool | None  # None: a count to show, no advantage to work out


def _step(step: str, key: str) -> Callable[[dict], float]:
    return lambda row: row[step][key]


def _cold(step: str) -> Callable[[dict], float]:
    # An app without a view memo (the baseline) has no cold run: its only run is cold.
    return lambda row: row.get("cold", row)[step]["p50_ms"]


def _throughput(workers: int, key: str) -> Callable[[dict], float]:
    return lambda row: row[f"throughput_{workers}"][key]


def _browser(key: str) -> Callable[[dict], float | None]:
    return lambda row: (row["browser"] or {}).get(key)  # None: the map never drew


MEASURES = [
    Measure(
        "start-up: load + validate + build (s)", lambda r: r["startup"]["build_s"], "{:.2f}", False
    ),
    Measure(
        "memory after start-up, one process (MB)", lambda r: r["startup"]["rss_mb"], "{:.0f}", False
    ),
    Measure(
        "memory of a gunicorn worker after the runs (MB)",
        lambda r: r["worker_rss_mb"],
        "{:.0f}",
        False,
    ),
    *(
        measure
        for step in STEPS
        for measure in (
            Measure(f"{step}: server p50 (ms)", _step(step, "p50_ms"), "{:.1f}", False),
            Measure(f"{step}: server p95 (ms)", _step(step, "p95_ms"), "{:.1f}", False),
            Measure(f"{step}: server p50, view memo off (ms)", _cold(step), "{:.1f}", False),
            Measure(f"{step}: response (bytes)", _step(step, "bytes"), "{:,.0f}", False),
            Measure(
                f"{step}: response gzipped (bytes)", _step(step, "gzip_bytes"), "{:,.0f}", False
            ),
        )
    ),
    *(
        measure
        for workers in (2, 4)
        for measure in (
            Measure(
                f"throughput, {workers} workers (requests/s)",
                _throughput(workers, "rps"),
                "{:,.0f}",
                True,
            ),
            Measure(
                f"errors under load, {workers} workers",
                _throughput(workers, "errors"),
                "{:.0f}",
                None,
            ),
        )
    ),
    Measure("first page load, transferred (bytes)", _browser("first_load_bytes"), "{:,.0f}", False),
    Measure("second visit, transferred (bytes)", _browser("second_visit_bytes"), "{:,.0f}", False),
    Measure("first drawn map, fresh browser (ms)", _browser("first_map_ms"), "{:,.0f}", False),
    Measure("filter change to repainted map (ms)", _browser("repaint_ms"), "{:,.0f}", False),
]


def report(all_results: list[dict], args: argparse.Namespace) -> str:
    """The results section: when, how, on what machine, then a table per N."""
    header = [
        "## Results",
        "",
        f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with "
        f"`python -m bench.run {' '.join(sys.argv[1:])}`",
        f"({args.requests} requests per interaction, {args.seconds:g} s per throughput run).",
        "",
        f"- machine: {machine()}",
        f"- versions: {versions()}",
    ]
    return "\n".join(header + [line for r in all_results for line in table(r)]) + "\n"


def table(results: dict) -> list[str]:
    """One N's table: each measure for both apps, and the first app's advantage."""
    ours, theirs = (results[app.name] for app in APPS)
    lines = [
        f"\n### N = {results['n']:,} partners ({results['requests']} requests per interaction)\n",
        f"| measure | {APPS[0].name} | {APPS[1].name} | {APPS[0].name}'s advantage |",
        "| --- | ---: | ---: | ---: |",
    ]
    for measure in MEASURES:
        a, b = measure.read(ours), measure.read(theirs)
        better = measure.higher_is_better
        advantage = "" if better is None else ratio(a, b, higher_is_better=better)
        shown = [measure.format.format(v) if v is not None else NO_MAP for v in (a, b)]
        lines.append(f"| {measure.name} | {shown[0]} | {shown[1]} | {advantage} |")
    return lines


def ratio(ours: float | None, theirs: float | None, higher_is_better: bool = False) -> str:
    if not ours or not theirs:
        return "n/a"
    value = ours / theirs if higher_is_better else theirs / ours
    return f"{value:,.1f}x"


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
