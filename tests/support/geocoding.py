"""The geocoding tests' shared setup: the bundled data's places and the fake answers for
them, a copy of data/ missing some, Settings for the fake server, and the command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from dashboard.geocode import Settings, geocode_places
from tests.support.commands import run_command
from tests.support.nominatim import hit
from tests.support.paths import BUNDLED_DATA, REPO

USER_AGENT = "partner-map-tests/1.0 (geocode tests; tests@example.org)"

# The headquarters in data/partners.csv, as the geocoder is asked for them.
ACCRA, NAIROBI, CASABLANCA = "Accra, Ghana", "Nairobi, Kenya", "Casablanca, Morocco"
MUMBAI, BEIJING = "Mumbai, India", "Beijing, China"
KEPT = [ACCRA, BEIJING, CASABLANCA]  # in the test cache from the start
MISSING = [NAIROBI, MUMBAI]  # to geocode, in the order of partners.csv
HITS = {
    ACCRA: hit(5.5571096, -0.2012376, "Accra, Accra Metropolitan District, Greater Accra, Ghana"),
    NAIROBI: hit(-1.2832533, 36.8172449, "Nairobi, Nairobi County, Kenya"),
    CASABLANCA: hit(33.5950627, -7.6187768, "Casablanca, Casablanca-Settat, Morocco"),
    MUMBAI: hit(19.0815772, 72.8866275, "Mumbai, Mumbai Suburban, Maharashtra, India"),
    BEIJING: hit(40.190632, 116.412144, "Beijing, China"),
}


def copy_partial_data(tmp_path: Path) -> Path:
    """A copy of data/ in `tmp_path` whose geocache.json holds only the KEPT places."""
    folder = tmp_path / "data"
    folder.mkdir()
    for source in BUNDLED_DATA.iterdir():  # the CSV files, and any other settings kept there
        skip = source.name == "geocache.json" or source.name.startswith(".")
        if source.is_file() and not skip and not source.name.endswith(".lock"):
            shutil.copyfile(source, folder / source.name)
    document = json.loads((BUNDLED_DATA / "geocache.json").read_text(encoding="utf-8"))
    assert set(KEPT) | set(MISSING) == set(document["entries"]), "data/ changed: update the test"
    document["entries"] = {k: v for k, v in document["entries"].items() if k in KEPT}
    cache = folder / "geocache.json"
    cache.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder


def settings(endpoint: str, **overrides: float) -> Settings:
    values = {
        "endpoint": endpoint,
        "user_agent": USER_AGENT,
        "min_delay": 0.0,
        "timeout": 5.0,
        "retries": 2,
        "backoff": 0.05,
        "max_wait": 5.0,
        "lock_timeout": 10.0,
    }
    values.update(overrides)
    return Settings(**values)


def geocode(cache: Path, queries: list[str], config: Settings, **kwargs: object):
    """geocode_places, with its log lines collected; returns (report, log lines)."""
    lines: list[str] = []
    report = geocode_places(cache, queries, config, log=lines.append, **kwargs)
    return report, lines


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".geocache.json.*.tmp"))


def cli_command(data_dir: Path, endpoint: str, *args: str) -> list[str]:
    # Later options win in argparse, so `args` can override these.
    return [
        sys.executable,
        "-m",
        "dashboard",
        "geocode",
        "--data-dir",
        str(data_dir),
        "--endpoint",
        endpoint,
        "--user-agent",
        USER_AGENT,
        "--min-delay",
        "0",
        "--timeout",
        "5",
        "--retries",
        "0",
        *args,
    ]


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PARTNER_MAP_DATA_DIR"}
    env["PYTHONPATH"] = str(REPO)
    return env


def run_cli(data_dir: Path, endpoint: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_command(cli_command(data_dir, endpoint, *args), cwd=data_dir.parent, env=cli_env())


def start_cli(
    data_dir: Path, endpoint: str, *args: str, stderr: int = subprocess.PIPE
) -> subprocess.Popen[str]:
    """The command of `run_cli` started, its output piped as text."""
    return subprocess.Popen(
        cli_command(data_dir, endpoint, *args),
        cwd=data_dir.parent,
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )


def cache_entries(cache: Path) -> dict[str, dict[str, object]]:
    return json.loads(cache.read_text(encoding="utf-8"))["entries"]
