"""A geocache entry is for a place, (city, ISO alpha-3), not for one spelling of its key:
"Kazan, Russia" is the headquarters partners.csv calls Kazan, Russian Federation / RUS /
Russia. Entries for no headquarters, and keys that name no place, are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.data.geocache import BadQuery, Entry, hq_query, put, query_place, read_cache
from dashboard.data.load import check_data
from dashboard.data.m49 import regions
from dashboard.data.problems import errors
from tests.support.datafolder import partner, write_geocache, write_tables

KAZAN = (55.78874, 49.12214)


def kazan_folder(folder: Path, hq_country: str, cache: dict[str, tuple[float, float]]) -> Path:
    """A data folder with one partner in Kazan (its country spelt `hq_country`)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_tables(
        folder,
        [partner("KZN", hq_city="Kazan", hq_country=hq_country), partner("NOHQ")],
        [("KZN", "Russia", "named", "Russia"), ("NOHQ", "Russia", "named", "Russia")],
        [],
    )
    write_geocache(folder, cache, source="test")
    return folder


def warnings_of(checked) -> list[str]:
    return [str(p) for p in checked.problems if p.severity == "warning"]


@pytest.mark.parametrize("hq_country", ["Russian Federation", "RUS", "Russia", "russia"])
@pytest.mark.parametrize("key", ["Kazan, Russia", "Kazan, Russian Federation", "KAZAN ,  rus"])
def test_an_entry_matches_the_headquarters_however_either_spells_the_country(
    tmp_path: Path, hq_country: str, key: str
) -> None:
    checked = check_data(kazan_folder(tmp_path / "data", hq_country, {key: KAZAN}))

    assert checked.tables is not None, checked.problems
    partners = checked.tables.partners.set_index("id")
    assert partners.loc["KZN", "latitude"] == pytest.approx(KAZAN[0])
    assert partners.loc["KZN", "longitude"] == pytest.approx(KAZAN[1])
    assert partners.loc["KZN", "geocode_source"] == "test"
    assert warnings_of(checked) == []


def test_the_country_is_what_follows_a_comma_and_the_city_may_hold_commas() -> None:
    assert query_place("Washington, D.C., United States") == ("washington, d.c.", "USA")
    assert query_place("  São  Paulo , bra ") == ("são paulo", "BRA")
    # Country names with a comma of their own stay whole: not "U.S.", but the
    # U.S. Virgin Islands.
    assert query_place("Charlotte Amalie, Virgin Islands, U.S.") == ("charlotte amalie", "VIR")
    with pytest.raises(BadQuery, match="is not 'City, Country'"):
        query_place("Kazan")
    with pytest.raises(BadQuery, match="names a country, 'Russland', that cannot be resolved"):
        query_place("Kazan, Russland")


@pytest.mark.parametrize("iso3", sorted(regions()))
def test_every_key_hq_query_writes_names_its_place(iso3: str) -> None:
    # "Kinshasa, Congo, The Democratic Republic of the" is Kinshasa in COD.
    assert query_place(hq_query("Saint-Denis, Nord", iso3)) == ("saint-denis, nord", iso3)


def test_an_entry_for_no_headquarters_is_a_warning_naming_it(tmp_path: Path) -> None:
    cache = {"Kazan, Russia": KAZAN, "Kazan, Ukraine": (50.0, 30.0), "Kasan, Russia": KAZAN}
    checked = check_data(kazan_folder(tmp_path / "data", "RUS", cache))

    assert checked.tables is not None
    warnings = warnings_of(checked)
    assert len(warnings) == 2, warnings
    for key in ("Kazan, Ukraine", "Kasan, Russia"):
        (line,) = [w for w in warnings if f"entry '{key}'" in w]
        assert "geocache.json: warning:" in line
        assert "is the headquarters of no partner in partners.csv" in line
    assert checked.tables.partners.set_index("id").loc["KZN", "latitude"] == KAZAN[0]


def test_a_missing_headquarters_is_a_warning_that_says_what_to_do_offline(tmp_path: Path) -> None:
    folder = kazan_folder(tmp_path / "data", "Russia", {})
    checked = check_data(folder)

    (warning,) = warnings_of(checked)
    assert "'Kazan, Russian Federation' is not geocoded yet" in warning
    # For this folder (tests/cli/test_printed_commands.py runs them as printed).
    command = f".venv/bin/python -m dashboard geocode --data-dir {folder}"
    assert f"`{command} --set 'Kazan, Russian Federation' LAT LON --source" in warning
    assert f"`{command} --gazetteer`" in warning


def test_an_entry_whose_country_does_not_resolve_is_an_error_on_its_line(tmp_path: Path) -> None:
    folder = kazan_folder(tmp_path / "data", "RUS", {"Kazan, Russland": KAZAN})
    path = folder / "geocache.json"
    path.write_text(json.dumps(json.loads(path.read_text()), indent=2), encoding="utf-8")

    checked = check_data(folder)

    assert checked.tables is None
    (error,) = [str(p) for p in errors(checked.problems)]
    assert error.startswith(f"{path}:4: entry 'Kazan, Russland' names a country, 'Russland'")
    assert "cannot be resolved" in error


def test_a_key_without_a_country_is_an_error(tmp_path: Path) -> None:
    folder = kazan_folder(tmp_path / "data", "RUS", {"Kazan": KAZAN})
    entries, problems = read_cache(folder / "geocache.json")
    assert entries == {}
    assert ["entry 'Kazan' is not 'City, Country'" in p.message for p in problems] == [True]


def test_two_entries_for_one_headquarters_are_an_error_naming_both(tmp_path: Path) -> None:
    cache = {"Kazan, Russian Federation": KAZAN, "kazan, Russia": (55.8, 49.1)}
    folder = kazan_folder(tmp_path / "data", "RUS", cache)

    checked = check_data(folder)

    assert checked.tables is None
    (error,) = [p.message for p in errors(checked.problems)]
    assert error.startswith(
        "entry 'kazan, Russia' is the same headquarters as entry 'Kazan, Russian Federation'"
    )


def test_put_replaces_an_entry_for_the_same_place_under_another_spelling() -> None:
    def entry(query: str) -> Entry:
        return Entry(query, *KAZAN, query, "test", "2026-11-30")

    entries = {"Kazan, Russia": entry("Kazan, Russia"), "Accra, GH": entry("Accra, GH")}
    replaced = put(entries, entry("Kazan, Russian Federation"))
    assert replaced == ["Kazan, Russia"]
    assert sorted(entries) == ["Accra, GH", "Kazan, Russian Federation"]
