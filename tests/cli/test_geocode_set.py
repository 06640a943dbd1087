"""`geocode --set "City, Country" LAT LON --source "..."`: a correction by hand, checked
before anything is written; a refused one leaves the data folder byte for byte as it was."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from filelock import FileLock

from dashboard.__main__ import main
from dashboard.data.geocache import read_cache
from dashboard.data.load import check_data
from dashboard.geocode import Busy, CacheUnusable, offline
from tests.support.bad_data import replace_in
from tests.support.commands import run_dashboard
from tests.support.geocoding import NAIROBI, cache_entries

SOURCE = "OpenStreetMap map of Nairobi, read by eye at the Inter Region Economic Network office"


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every file in the folder and its subfolders (data/sources/), lock files
    aside: they are empty by design."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def set_place(data_dir: Path, *args: str) -> int:
    return main(["geocode", "--data-dir", str(data_dir), "--set", *args])


def test_set_writes_a_valid_entry_dated_today_and_reports_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = set_place(data_dir, "Nairobi, KEN", "-1.2921", "36.8219", "--source", SOURCE)

    out, err = capsys.readouterr()
    assert status == 0, err
    entry = cache_entries(data_dir / "geocache.json")[NAIROBI]
    assert entry == {
        "query": NAIROBI,
        "latitude": -1.2921,
        "longitude": 36.8219,
        "display_name": NAIROBI,
        "source": SOURCE,
        "retrieved": datetime.now(UTC).date().isoformat(),
    }
    assert f"set '{NAIROBI}' to -1.2921, 36.8219" in out
    assert "replaced 'Nairobi, Kenya': " in out and "km away" in out
    assert read_cache(data_dir / "geocache.json")[1] == []
    checked = check_data(data_dir)
    assert checked.tables is not None
    partners = checked.tables.partners.set_index("id")
    assert partners.loc["EASC", "latitude"] == -1.2921
    assert partners.loc["EASC", "geocode_source"] == SOURCE


def test_set_replaces_an_entry_for_the_place_under_another_spelling(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_dir / "geocache.json"
    replace_in(path, f'"{NAIROBI}": {{', '"Nairobi, KEN": {')
    replace_in(path, f'"query": "{NAIROBI}"', '"query": "Nairobi, KEN"')

    assert set_place(data_dir, "nairobi, Kenya", "-1.2921", "36.8219", "--source", SOURCE) == 0

    assert "replaced 'Nairobi, KEN'" in capsys.readouterr().out
    entries = cache_entries(path)
    assert NAIROBI in entries and "Nairobi, KEN" not in entries
    assert check_data(data_dir).problems == []


REFUSALS = {
    "latitude over 90": (
        ["Accra, Ghana", "123", "-0.2", "--source", "x"],
        "latitude must be a number of degrees from -90 to 90 (north; south is negative), not '123'",
    ),
    "latitude under -90": (["Accra, Ghana", "-90.5", "-0.2", "--source", "x"], "not '-90.5'"),
    "latitude not a number": (
        ["Accra, Ghana", "5°33'N", "-0.2", "--source", "x"],
        "latitude must be a number",
    ),
    "latitude nan": (["Accra, Ghana", "nan", "-0.2", "--source", "x"], "not 'nan'"),
    "longitude over 180": (
        ["Accra, Ghana", "5.5", "181", "--source", "x"],
        "longitude must be a number of degrees from -180 to 180 (east; west is negative)",
    ),
    "empty source": (
        ["Accra, Ghana", "5.5", "-0.2", "--source", ""],
        "the source (--source) must say where the coordinates come from",
    ),
    "blank source": (["Accra, Ghana", "5.5", "-0.2", "--source", "  "], "it is empty"),
    "no source": (
        ["Accra, Ghana", "5.5", "-0.2"],
        "say where the coordinates come from too: `.venv/bin/python -m dashboard geocode "
        "--data-dir ",
    ),
    "no partner's headquarters": (
        ["Kazan, Russia", "55.79", "49.12", "--source", "x"],
        "'Kazan, Russia' (read as 'Kazan' in RUS) is the headquarters of no partner in "
        "partners.csv, so it is not set. The headquarters are: Accra, Ghana; Beijing, China; "
        "Casablanca, Morocco; Mumbai, India; Nairobi, Kenya",
    ),
    "the right country, another city": (
        ["Kumasi, Ghana", "6.69", "-1.62", "--source", "x"],
        "is the headquarters of no partner",
    ),
    "a country that does not resolve": (
        ["Accra, Ghanaa", "5.5", "-0.2", "--source", "x"],
        "'Accra, Ghanaa' names a country, 'Ghanaa', that cannot be resolved: unknown "
        "country; did you mean 'Ghana'?",
    ),
    "no country": (["Accra", "5.5", "-0.2", "--source", "x"], "is not 'City, Country'"),
}


@pytest.mark.parametrize("name", REFUSALS)
def test_set_refuses_bad_input_says_why_and_changes_nothing(
    name: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args, expected = REFUSALS[name]
    before = fingerprint(data_dir)

    status = set_place(data_dir, *args)

    out, err = capsys.readouterr()
    assert status == 1
    assert expected in err, err
    assert out == ""
    assert fingerprint(data_dir) == before


def test_set_in_a_real_process_takes_negative_degrees(data_dir: Path) -> None:
    result = run_dashboard(
        "geocode", "--data-dir", str(data_dir), "--set", "Casablanca, MAR", "33.5883", "-7.6114",
        "--source", "test",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "set 'Casablanca, Morocco' to 33.5883, -7.6114" in result.stdout
    assert cache_entries(data_dir / "geocache.json")["Casablanca, Morocco"]["longitude"] == -7.6114


def test_a_refused_set_in_a_real_process_leaves_the_cache_and_prints_no_traceback(
    data_dir: Path,
) -> None:
    cache = data_dir / "geocache.json"
    before = hashlib.sha256(cache.read_bytes()).hexdigest()
    result = run_dashboard(
        "geocode", "--data-dir", str(data_dir), "--set", "Accra, Ghana", "-91", "0",
        "--source", "test",
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{cache} was left as it was." in result.stderr
    assert hashlib.sha256(cache.read_bytes()).hexdigest() == before


def test_source_without_set_is_refused(data_dir: Path, capsys) -> None:
    assert main(["geocode", "--data-dir", str(data_dir), "--gazetteer", "--source", "x"]) == 1
    assert "--source goes with --set" in capsys.readouterr().err


def test_set_waits_for_another_run_and_gives_up_busy_leaving_the_cache(cache_path: Path) -> None:
    entry = offline.correction("Nairobi, Kenya", "-1.29", "36.82", "test", [("Nairobi", "KEN")])
    before = cache_path.read_bytes()
    lines: list[str] = []
    with FileLock(str(cache_path) + ".lock"), pytest.raises(Busy, match="held for over"):
        offline.set_place(cache_path, entry, log=lines.append, lock_timeout=0.2)
    assert "another geocode run holds" in lines[0]
    assert cache_path.read_bytes() == before


def test_set_never_writes_over_a_cache_with_errors(cache_path: Path) -> None:
    entry = offline.correction("Nairobi, Kenya", "-1.29", "36.82", "test", [("Nairobi", "KEN")])
    replace_in(cache_path, '"Accra, Ghana": {', '"Accra, Ghanaa": {')
    before = cache_path.read_bytes()
    with pytest.raises(CacheUnusable, match="'Ghanaa', that cannot be resolved"):
        offline.set_place(cache_path, entry)
    assert cache_path.read_bytes() == before
