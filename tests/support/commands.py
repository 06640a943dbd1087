"""The repository's commands run in a subprocess, as a person would run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO


def run_command(command: list[str], **options) -> subprocess.CompletedProcess[str]:
    """Run `command` to its end, from the repository unless `cwd` says otherwise, with its
    output captured as text, for a minute at most; a non-zero exit is for the test to read."""
    defaults = {"cwd": REPO, "capture_output": True, "text": True, "timeout": 60, "check": False}
    return subprocess.run(command, **{**defaults, **options})


def run_module(module: str, *args: str, **options) -> subprocess.CompletedProcess[str]:
    """`python -m module args...`, as `run_command` runs it."""
    return run_command([sys.executable, "-m", module, *args], **options)


def run_dashboard(*args: str, **options) -> subprocess.CompletedProcess[str]:
    """`python -m dashboard args...`, as `run_command` runs it."""
    return run_module("dashboard", *args, **options)


def start_dashboard(data_dir: Path, port: int) -> subprocess.Popen[str]:
    """`python -m dashboard --port PORT --data-dir DATA_DIR` started, its output piped as text."""
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--port", str(port), "--data-dir", str(data_dir)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
