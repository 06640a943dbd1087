"""The data folder's own settings, `dashboard.toml`: what the page calls the network.

Another organisation runs the same dashboard on its own data folder by writing
its own file; `PARTNER_MAP_TITLE` overrides the title (e.g. for one deployment).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dashboard.data.problems import Problem

SITE_TOML = "dashboard.toml"
TITLE_ENV = "PARTNER_MAP_TITLE"
DEFAULT_TITLE = "Partner network"
KEYS = {"title": "the page's heading", "note": "a short note on the sources, under the heading"}


@dataclass(frozen=True)
class Site:
    """Words the page shows around the data."""

    title: str = DEFAULT_TITLE
    note: str = ""


def read_site(data_dir: Path) -> tuple[Site, list[Problem]]:
    """The settings in data_dir/dashboard.toml (optional), with the environment's override."""
    path = data_dir / SITE_TOML
    values: dict[str, str] = {}
    problems: list[Problem] = []
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        document = {}
    except (OSError, UnicodeDecodeError) as error:
        document = {}
        problems.append(Problem(str(path), None, f"cannot be read: {error}"))
    except tomllib.TOMLDecodeError as error:
        document = {}
        line = re.search(r"line (\d+)", str(error))
        problems.append(
            Problem(str(path), int(line[1]) if line else None, f"is not valid TOML: {error}")
        )
    for key, value in document.items():
        if key not in KEYS:
            known = ", ".join(f"{k} ({v})" for k, v in KEYS.items())
            problems.append(
                Problem(str(path), None, f"unknown setting; known: {known}", column=key)
            )
        elif not isinstance(value, str):
            problems.append(
                Problem(str(path), None, "must be a string", column=key, value=str(value))
            )
        else:
            values[key] = value.strip()
    title = os.environ.get(TITLE_ENV, "").strip() or values.get("title") or DEFAULT_TITLE
    return Site(title=title, note=values.get("note", "")), problems
