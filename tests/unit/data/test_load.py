"""The bundled data loads into the network the source describes; bad data is
reported by file, line, column and value, in full, and never half-loaded."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dashboard.data.load import check_data
from dashboard.data.problems import errors
from dashboard.network import load_network
from tests.support.bad_data import BAD_INPUTS, BadInput, replace_in
from tests.support.paths import BUNDLED_DATA


def served(network, partner_id: str, basis: str | None = None) -> set[str]:
    links = network.links[network.links["partner_id"] == partner_id]
    if basis:
        links = links[links["basis"] == basis]
    return set(links["iso3"])


def test_bundled_data_has_the_seven_partners_in_page_order(network) -> None:
    assert list(network.partners["id"]) == [
        "AGSCF",
        "EASC",
        "sister-cities-africa",
        "AIILSG",
        "CPAFFC",
        "WCSDA",
        "ACHA",
    ]


def test_named_countries_are_linked_as_named(network) -> None:
    assert served(network, "EASC", "named") == {"KEN", "TZA", "ETH", "RWA"}
    assert served(network, "AIILSG", "named") == {
        "CHN",
        "ETH",
        "IDN",
        "BGD",
        "NPL",
        "LKA",
        "ZAF",
        "THA",
    }
    assert served(network, "ACHA", "named") == {"USA", "MEX"}


def test_a_named_country_outranks_the_same_country_through_a_region(network) -> None:
    easc = network.links[network.links["partner_id"] == "EASC"]
    kenya = easc[easc["iso3"] == "KEN"]
    assert len(kenya) == 1
    assert kenya["basis"].item() == "named"
    uganda = easc[easc["iso3"] == "UGA"]
    assert uganda["basis"].item() == "region"
    assert uganda["area"].item() == "Eastern Africa"


def test_regions_expand_from_the_areas_file(network) -> None:
    sca = served(network, "sister-cities-africa", "region")
    assert {"MAR", "EGY", "SAU", "TUR", "IRN"} <= sca
    assert "ARM" not in sca  # the South Caucasus is left out of the Middle East, as written
    agscf = served(network, "AGSCF", "region")
    assert len(agscf) == 58  # M49 Africa (60) less two uninhabited territories
    assert "IOT" not in agscf


def test_worldwide_and_vague_reach_stay_words_not_countries(network) -> None:
    assert served(network, "CPAFFC") == set()
    statements = network.statements
    worldwide = statements[statements["basis"] == "worldwide"]
    assert set(worldwide["partner_id"]) == {"CPAFFC", "WCSDA"}
    vague = statements[statements["basis"] == "vague"]
    assert list(vague["words"]) == ["several African countries"]
    assert vague["countries"].item() == ()


def test_unpublished_headquarters_stay_empty_and_ungeocoded(network) -> None:
    partners = network.partners.set_index("id")
    for pid in ("WCSDA", "ACHA"):
        assert partners.loc[pid, "hq_city"] == ""
        assert partners.loc[pid, "hq_basis"] == "not-published"
        assert partners.loc[pid, "latitude"] != partners.loc[pid, "latitude"]  # NaN
    assert partners.loc["EASC", "hq_basis"] == "inferred"
    assert partners.loc["AGSCF", "latitude"] == pytest.approx(5.55, abs=0.01)


def test_dates_come_only_from_the_sources(network) -> None:
    partners = network.partners.set_index("id")
    assert partners.loc["AIILSG", "founded"] == 1926
    assert partners.loc["AIILSG", "mou"] == "2012-07"
    assert partners.loc["CPAFFC", "mou"] == "2012-10"
    assert partners.loc["WCSDA", "founded"] == 2009
    assert partners["founded"].isna().sum() == 5
    assert (partners["website"] == "").all()


def test_descriptions_are_free_of_page_debris(network) -> None:
    for text in network.partners["description"]:
        assert "Click here" not in text
        assert "MoU signing with" not in text
    cpaffc = network.partners.set_index("id").loc["CPAFFC", "description"]
    assert cpaffc.startswith("Sister Cities International and The Chinese People’s")
    assert cpaffc.count("\n\n") == 2


def test_loading_the_bundled_data_takes_well_under_a_second() -> None:
    started = time.perf_counter()
    load_network(BUNDLED_DATA)
    assert time.perf_counter() - started < 1.0


# Bad input: each case in tests/support/bad_data.py gets its own message, and nothing loads.


@pytest.mark.parametrize("case", BAD_INPUTS, ids=lambda c: c.name)
def test_each_bad_input_is_reported_by_file_line_column_and_value(
    case: BadInput, data_dir: Path
) -> None:
    case.apply(data_dir)
    checked = check_data(data_dir)
    assert checked.tables is None
    reported = [str(p) for p in errors(checked.problems)]
    assert any(all(piece in line for piece in case.expected) for line in reported), reported


def test_a_utf8_bom_is_dropped_with_a_warning_and_the_data_loads(data_dir: Path) -> None:
    path = data_dir / "partners.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    checked = check_data(data_dir)
    assert checked.tables is not None
    assert next(iter(checked.tables.partners["id"])) == "AGSCF"
    (warning,) = [p for p in checked.problems if "byte-order mark" in str(p)]
    assert str(warning).startswith(f"{path}:1: warning:")


def test_every_problem_is_listed_not_just_the_first(data_dir: Path) -> None:
    replace_in(data_dir / "partners.csv", "2012-07", "July 2012")
    replace_in(data_dir / "served.csv", "named,Rwanda", "named,Rwandaa")
    replace_in(data_dir / "areas.csv", "Middle East,,ARE", "Middle East,,XXX ARE")
    found = errors(check_data(data_dir).problems)
    files = sorted(Path(p.file).name for p in found)
    assert files == ["areas.csv", "partners.csv", "served.csv"]


def test_an_unreadable_file_is_reported_once_not_in_every_row_that_refers_to_it(
    data_dir: Path,
) -> None:
    (data_dir / "areas.csv").write_text("", encoding="utf-8")
    found = errors(check_data(data_dir).problems)
    assert [Path(p.file).name for p in found] == ["areas.csv"]


def test_a_missing_geocache_is_a_warning_and_the_network_still_loads(data_dir: Path) -> None:
    (data_dir / "geocache.json").unlink()
    checked = check_data(data_dir)
    assert checked.tables is not None
    assert checked.tables.partners["latitude"].isna().all()
    assert any("no geocode cache yet" in str(p) for p in checked.problems)


def test_a_headquarters_missing_from_the_cache_is_a_warning(data_dir: Path) -> None:
    # A misspelt city: "Accra, GH" would still be Accra, since any name or code of
    # the country will do.
    replace_in(data_dir / "geocache.json", '"Accra, Ghana": {', '"Akkra, Ghana": {')
    replace_in(data_dir / "geocache.json", '"query": "Accra, Ghana"', '"query": "Akkra, Ghana"')
    checked = check_data(data_dir)
    assert checked.tables is not None
    warnings = [str(p) for p in checked.problems]
    assert any("'Accra, Ghana' is not geocoded yet" in w for w in warnings), warnings
    assert any("entry 'Akkra, Ghana'" in w for w in warnings), warnings
