"""The benchmark can't rot: its generator, and a smoke run of the whole measurement."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bench.generate import generate
from dashboard.data.load import check_data
from dashboard.data.problems import errors
from dashboard.network import build_network
from tests.support.commands import run_module


def digest(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file())  # data/sources/ too
    return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()


def test_the_generator_is_deterministic_and_its_networks_load(tmp_path: Path) -> None:
    first = generate(300, tmp_path / "a", seed=3)
    second = generate(300, tmp_path / "b", seed=3)
    other = generate(300, tmp_path / "c", seed=4)
    assert digest(first) == digest(second) != digest(other)
    checked = check_data(first)
    assert errors(checked.problems) == []
    network = build_network(checked.tables)
    assert len(network.partners) == 300
    named = network.links[network.links["basis"] == "named"].groupby("partner_id").size()
    assert (named <= 5).mean() > 0.7  # most serve a few countries
    assert named.max() >= 20  # a few serve dozens
    assert network.partners["latitude"].isna().mean() < 0.2


def test_a_smoke_run_of_the_benchmark_measures_both_apps(tmp_path: Path) -> None:
    out = tmp_path / "performance.md"
    result = run_module("bench.run", "--sizes", "7", "--quick", "--out", str(out), timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text()
    assert "### N = 7 partners" in text
    for measure in (
        "change region: server p50 (ms)",
        "focus a partner: response (bytes)",
        "throughput, 4 workers (requests/s)",
        "first page load, transferred (bytes)",
    ):
        row = next(line for line in text.splitlines() if line.startswith(f"| {measure} |"))
        ours, baseline = (cell.strip() for cell in row.split("|")[2:4])
        assert float(ours.replace(",", "")) > 0 and float(baseline.replace(",", "")) > 0
    for workers in (2, 4):
        assert f"| errors under load, {workers} workers | 0 | 0 |" in text
