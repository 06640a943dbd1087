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
KEYS = {
    "title": "the page's heading",
    "note": "a short note on the sources, under the heading",
    "empty": "what an empty fact means: not-recorded (the default) or not-published",
}
# What an empty cell of partners.csv means, in this folder: that nobody recorded the
# fact here, or (for data built from checked sources) that the sources publish none.
EMPTY_MEANINGS = ("not-recorded", "not-published")


@dataclass(frozen=True)
class Site:
    """Words the page shows around the data."""

    title: str = DEFAULT_TITLE
    note: str = ""
    empty: str = EMPTY_MEANINGS[0]


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
        elif key == "empty" and value.strip() not in EMPTY_MEANINGS:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"must be {' or '.join(EMPTY_MEANINGS)}",
                    column=key,
                    value=value,
                )
            )
        else:
            values[key] = value.strip()
    title = os.environ.get(TITLE_ENV, "").strip() or values.get("title") or DEFAULT_TITLE
    empty = values.get("empty", EMPTY_MEANINGS[0])
    return Site(title=title, note=values.get("note", ""), empty=empty), problems
