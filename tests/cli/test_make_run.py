"""`make run` serves with the Procfile's production server (gunicorn, gunicorn.conf.py) on
127.0.0.1, with `DATA=folder`, and prints no "development server" warning; `serve
--debug` alone is Flask's development server."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import urllib.request
from pathlib import Path

import pytest

from dashboard.__main__ import _parser
from tests.support.paths import REPO
from tests.support.servers import free_port, wait_for

EXAMPLE = REPO / "examples" / "small-network"
FLASK_WARNING = "This is a development server"


def make_run(data: Path, port: int, log: Path) -> subprocess.Popen:
    """`make run DATA=...` as a person types it, on `port` ($PORT, as on a platform).
    `-o .venv/.runtime`: the environment is installed already; make must not reinstall it
    into the shared .venv for a test. Its own session, so that it stops as a whole."""
    env = {k: v for k, v in os.environ.items() if k != "PARTNER_MAP_DATA_DIR"}
    with log.open("wb") as out:
        return subprocess.Popen(
            ["make", "--no-print-directory", "-o", ".venv/.runtime", "run", f"DATA={data}"],
            cwd=REPO,
            env={**env, "PORT": str(port)},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)  # make, and the gunicorn it started, only
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def test_make_run_serves_the_folder_with_gunicorn_and_no_development_warning(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "our-network"
    shutil.copytree(EXAMPLE, folder)
    port, log = free_port(), tmp_path / "make-run.log"
    process = make_run(folder, port, log)
    try:
        health = wait_for(f"http://127.0.0.1:{port}/healthz", process, seconds=90)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            server, page = response.headers["Server"], response.read().decode()
    finally:
        stop(process)
    output = log.read_text(encoding="utf-8")
    assert b'"partners":4' in health  # the folder given, not the bundled data (7)
    assert "<title>Example: four partners of Sister Cities International</title>" in page
    assert server.startswith("gunicorn")
    assert f"Listening at: http://127.0.0.1:{port} " in output
    assert f"serving {folder} on http://127.0.0.1:{port}/ (gunicorn)" in output
    assert FLASK_WARNING not in output
    assert "Traceback" not in output


def test_make_run_on_invalid_data_says_why_and_serves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "our-network"
    shutil.copytree(EXAMPLE, folder)
    (folder / "areas.csv").unlink()
    log = tmp_path / "make-run.log"
    process = make_run(folder, free_port(), log)
    try:
        status = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            stop(process)
    output = log.read_text(encoding="utf-8")
    assert status != 0
    assert "areas.csv: file not found" in output
    assert f"{folder}: the data is invalid; not serving." in output
    assert "Listening at" not in output


def test_serve_listens_on_the_readme_s_address_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORT", raising=False)
    args = _parser().parse_args(["serve"])
    assert (args.host, args.port, args.debug) == ("127.0.0.1", 8050, False)
