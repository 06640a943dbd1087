"""Reloading the data on a running server (the Procfile's gunicorn, HUP): a good
edit goes live in every worker, a bad one is refused and the old data kept."""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.servers import Server, start_gunicorn, stop


def get(server: Server, path: str) -> bytes:
    with urllib.request.urlopen(server.url + path, timeout=10) as response:
        return response.read()


def health(server: Server) -> dict:
    return json.loads(get(server, "/healthz"))


def reload(server: Server, done) -> dict:
    """Send HUP to the master; the health it reports once `done(health)` holds."""
    os.kill(server.process.pid, signal.SIGHUP)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = health(server)
        if done(now):
            return now
        time.sleep(0.2)
    raise AssertionError(f"no reload seen in 60 s:\n{server.log.read_text()}")


def without_acha(data_dir: Path) -> None:
    for name in ("partners.csv", "served.csv"):
        path = data_dir / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if not x.startswith("ACHA,")), encoding="utf-8")


@pytest.fixture
def served(data_dir: Path, tmp_path: Path) -> Iterator[Server]:
    server = start_gunicorn(data_dir, tmp_path / "gunicorn.log", workers=2)
    yield server
    stop(server)


def test_a_good_edit_goes_live_and_a_bad_one_is_refused(served: Server, data_dir: Path) -> None:
    before = health(served)
    assert before["status"] == "ok" and before["partners"] == 7
    assert before["last_reload_refused"] is None

    without_acha(data_dir)
    after = reload(served, lambda h: h["data"]["version"] != before["data"]["version"])
    assert after["partners"] == 6 and after["status"] == "ok"
    for _ in range(6):  # every worker serves it
        assert health(served)["partners"] == 6
    layout = get(served, "/_dash-layout").decode()
    assert f"Data version {after['data']['version']}" in layout
    assert "Asociacion de Ciudades Hermanas" not in layout

    (data_dir / "served.csv").write_text("partner_id,words,basis,place\nnobody,x,named,Kenya\n")
    refused = reload(served, lambda h: h["status"] == "reload-refused")
    assert refused["partners"] == 6  # the data loaded before, still served
    assert refused["data"] == after["data"]
    problems = refused["last_reload_refused"]["problems"]
    assert any("served.csv:2: column 'partner_id': value 'nobody'" in p for p in problems)
    log = served.log.read_text()
    assert "served.csv:2: column 'partner_id': value 'nobody'" in log
    assert "reload refused" in log
    assert served.process.poll() is None  # still up
    assert get(served, "/").startswith(b"<!DOCTYPE html>")


def test_a_reload_of_unchanged_files_keeps_the_version(served: Server) -> None:
    before = health(served)
    os.kill(served.process.pid, signal.SIGHUP)
    time.sleep(3)
    assert health(served)["data"]["version"] == before["data"]["version"]
