"""The commands the project prints in its messages, written to work when pasted into a
shell at the repository's root: the interpreter that has the project's requirements,
and the data folder the message is about.

The interpreter is the one running now, as `.venv/bin/python` where that is the
repository's own environment (`make run` and `make check` make it); a bare `python`
lacks the requirements (`No module named 'filelock'`). The folder is always given
with `--data-dir`: without it, a command would act on the bundled data/ instead.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def dashboard_command(data_dir: Path, command: str, *args: str) -> str:
    """'.venv/bin/python -m dashboard geocode --data-dir ../our-network --gazetteer'."""
    words = [python(), "-m", "dashboard", command, "--data-dir", folder(data_dir), *args]
    return shlex.join(words)


def program() -> str:
    """'.venv/bin/python -m dashboard': the command line's name in its usage lines."""
    return f"{shlex.quote(python())} -m dashboard"


def pip_install() -> str:
    """The command that installs the project's requirements where it runs."""
    return shlex.join([python(), "-m", "pip", "install", "-r", "requirements.txt"])


def python() -> str:
    """The running interpreter, relative to the repository where it lies inside it."""
    # abspath, not resolve: a venv's python is a link to the base interpreter, which lacks
    # the requirements.
    running = Path(os.path.abspath(sys.executable))  # noqa: PTH100
    try:
        return str(running.relative_to(REPOSITORY))
    except ValueError:
        return str(running)


def folder(data_dir: Path) -> str:
    """`data_dir` as a path from the repository's root: relative where it lies inside
    the repository or was given relative from there, else absolute."""
    absolute = Path(os.path.abspath(data_dir))  # noqa: PTH100 (links kept, as typed)
    try:
        return str(absolute.relative_to(REPOSITORY))
    except ValueError:
        pass
    if not data_dir.is_absolute() and Path.cwd().resolve() == REPOSITORY:
        return str(data_dir)
    return str(absolute)
