"""`python -m dashboard check`: a summary and exit 0 on good data; on bad data every
problem one a line, exit 1, no traceback, and the files left exactly as they were."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dashboard.__main__ import main
from tests.support.bad_data import BAD_INPUTS, BadInput
from tests.support.commands import run_command, run_dashboard


def fingerprint(folder: Path) -> dict[str, str]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())  # data/sources/ too
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_check_on_the_bundled_data_prints_the_summary_and_exits_0() -> None:
    result = run_dashboard("check")
    assert result.returncode == 0, result.stderr
    assert "partners: 7" in result.stdout
    assert "countries served: 82 (13 named in the source" in result.stdout
    assert "worldwide reach stated without naming countries: CPAFFC, WCSDA" in result.stdout
    assert "headquarters: 5 geocoded, 2 not published, 0 not recorded, 0 not geocoded yet" in (
        result.stdout
    )
    assert result.stderr == ""


@pytest.mark.parametrize("case", BAD_INPUTS, ids=lambda c: c.name)
def test_check_on_bad_data_says_why_exits_1_and_touches_nothing(
    case: BadInput, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case.apply(data_dir)
    before = fingerprint(data_dir)
    status = main(["check", "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    assert status == 1
    lines = err.splitlines()
    assert any(all(piece in line for piece in case.expected) for line in lines), err
    assert "nothing was loaded" in lines[-1]
    assert out == ""
    assert fingerprint(data_dir) == before


def test_check_on_bad_data_in_a_real_process_has_no_traceback(data_dir: Path) -> None:
    (data_dir / "partners.csv").write_bytes(b"\x00\x01binary")
    result = run_dashboard("check", "--data-dir", str(data_dir))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "partners.csv:1: is not a text CSV file" in result.stderr


def test_check_reads_the_data_folder_from_the_environment(data_dir: Path) -> None:
    (data_dir / "areas.csv").unlink()
    result = run_dashboard(
        "check", env={"PATH": "/usr/bin:/bin", "PARTNER_MAP_DATA_DIR": str(data_dir)}
    )
    assert result.returncode == 1
    assert f"{data_dir / 'areas.csv'}: file not found" in result.stderr


def test_the_example_folder_passes_check() -> None:
    result = run_dashboard("check", "--data-dir", "examples/small-network")
    assert result.returncode == 0, result.stderr
    assert "examples/small-network: OK" in result.stdout
    assert "partners: 4" in result.stdout


def make_plan(*args: str) -> str:
    """The command `make check` would run (make -n: nothing is run)."""
    plan = run_command(["make", "-n", "--no-print-directory", "check", *args])
    (line,) = [x for x in plan.stdout.splitlines() if "-m dashboard check" in x]
    return line.strip()


def test_make_check_checks_the_folder_it_is_given() -> None:
    assert make_plan("DATA=../our-network").endswith("-m dashboard check --data-dir ../our-network")
    assert make_plan().endswith("-m dashboard check")  # $PARTNER_MAP_DATA_DIR, else data/
