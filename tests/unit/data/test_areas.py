"""areas.csv says what people mean: unions of M49 groups, plus and minus countries,
by code or by name, and a bad row is reported once, with what to write instead."""

from __future__ import annotations

from pathlib import Path

from dashboard.data.load import check_data
from dashboard.data.m49 import m49_members
from dashboard.data.problems import errors
from tests.support.datafolder import partner, write_geocache, write_tables

ASIA_PACIFIC = "030 034 035 009"  # Eastern, Southern, South-eastern Asia and Oceania


def check(folder: Path, area: dict[str, str], served_place: str = "Area"):
    """A folder with one partner serving one area; the outcome of checking it."""
    folder.mkdir(parents=True, exist_ok=True)
    row = {"area": "Area", "m49": "", "countries": "", "except": "", "definition": "test"}
    write_tables(
        folder,
        [partner("P")],
        [("P", "the area", "region", served_place)],
        [{**row, **area}],
    )
    write_geocache(folder, {}, source="test")
    return check_data(folder)


def countries(checked) -> set[str]:
    assert checked.tables is not None, [str(p) for p in errors(checked.problems)]
    return set(checked.tables.links["iso3"])


def test_an_area_may_be_a_union_of_m49_groups(tmp_path: Path) -> None:
    union = set().union(*(m49_members(code) for code in ASIA_PACIFIC.split()))
    assert countries(check(tmp_path, {"m49": ASIA_PACIFIC})) == union
    assert {"CHN", "IND", "IDN", "AUS"} <= union


def test_an_area_may_add_and_leave_out_countries(tmp_path: Path) -> None:
    found = countries(check(tmp_path, {"m49": "015", "countries": "SDN MRT", "except": "EGY"}))
    assert found == set(m49_members("015")) - {"EGY"} | {"SDN", "MRT"}


def test_countries_may_be_codes_in_any_case_or_names_separated_by_semicolons(tmp_path) -> None:
    assert countries(check(tmp_path / "a", {"countries": "rus blr"})) == {"RUS", "BLR"}
    assert countries(check(tmp_path / "b", {"countries": "Russia;Belarus"})) == {"RUS", "BLR"}
    named = check(tmp_path / "c", {"countries": "South Africa; Namibia; Côte d'Ivoire"})
    assert countries(named) == {"ZAF", "NAM", "CIV"}


def test_names_separated_by_spaces_are_told_to_use_semicolons(tmp_path: Path) -> None:
    (problem, *_) = errors(check(tmp_path, {"countries": "South Africa Namibia"}).problems)
    assert problem.column == "countries"
    assert "separate them with semicolons (`Russia; Belarus`)" in problem.message


def test_an_unknown_m49_code_says_what_to_write_instead(tmp_path: Path) -> None:
    (problem,) = errors(check(tmp_path, {"m49": "030 999"}).problems)
    assert problem.column == "m49" and problem.message.startswith("'999' is not a UN M49")
    assert "separated by spaces" in problem.message and "`countries`" in problem.message


def test_a_bad_area_row_is_reported_once_not_again_where_it_is_used(tmp_path: Path) -> None:
    found = errors(check(tmp_path, {"m49": "999"}).problems)
    assert [Path(p.file).name for p in found] == ["areas.csv"]


def test_an_area_with_neither_codes_nor_countries_is_refused(tmp_path: Path) -> None:
    (problem,) = errors(check(tmp_path, {}).problems)
    assert problem.message == "give M49 codes, countries (in `countries`), or both"


def test_a_served_row_naming_no_area_still_lists_the_known_ones(tmp_path: Path) -> None:
    (problem,) = errors(check(tmp_path, {"m49": "015"}, served_place="Elsewhere").problems)
    assert "no area of this name in areas.csv (known: Area)" in problem.message
