"""Servers for tests and the benchmark: a free loopback port, and the Procfile's
gunicorn line started on it (no browser needed, so unit tests import this)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import REPO

# The Procfile's app, as gunicorn names it, and the function that builds it from a
# data folder: the one place tests and the benchmark read them from.
APP = "dashboard.web.app:server"
APP_FACTORY = "dashboard.web.app:create_app"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path


def start_gunicorn(
    data_dir: Path,
    log: Path,
    env: dict[str, str] | None = None,
    app: str = APP,
    workers: int = 1,
    ready_path: str = "/healthz",
) -> Server:
    """The Procfile's gunicorn line, on a free loopback port, once `ready_path` answers."""
    port = free_port()
    environment = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "PARTNER_MAP_DATA_DIR": str(data_dir),
        **(env or {}),
    }
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", app]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=REPO, env=environment, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}{ready_path}", timeout=5) as response:
                if response.status == 200:
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gunicorn did not answer within 120 s:\n{log.read_text()}")


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@contextmanager
def serving(data_dir: Path, log: Path, **options) -> Iterator[Server]:
    """start_gunicorn(data_dir, log, **options), stopped when the block ends."""
    server = start_gunicorn(data_dir, log, **options)
    try:
        yield server
    finally:
        stop(server)


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> bytes:
    """The body of `url` once a server process started by a test answers it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")
