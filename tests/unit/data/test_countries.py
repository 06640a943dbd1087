"""Country names resolve exactly, through pycountry or the alias table, never fuzzily."""

from __future__ import annotations

import pycountry
import pytest

from dashboard.data.countries import (
    UnknownCountry,
    country_name,
    m49_members,
    regions,
    resolve,
)


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Tanzania", "TZA"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Russia", "RUS"),
        ("Turkey", "TUR"),
        ("Czech Republic", "CZE"),
        ("Swaziland", "SWZ"),
        ("Burma", "MMR"),
        ("Kosovo", "XKX"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("  sri   lanka ", "LKA"),
        ("KEN", "KEN"),
        ("United States", "USA"),
    ],
)
def test_common_names_and_aliases_resolve_to_iso3(name: str, iso3: str) -> None:
    assert resolve(name) == iso3


def test_niger_is_never_taken_for_nigeria_nor_kosovo_for_serbia() -> None:
    # The traps pycountry.search_fuzzy falls into.
    assert pycountry.countries.search_fuzzy("Niger")[0].alpha_3 == "NGA"
    assert resolve("Niger") == "NER"
    assert resolve("Kosovo") == "XKX"


@pytest.mark.parametrize("name", ["Nigerr", "Republic of Nigeria and Niger", "Atlantis", ""])
def test_near_misses_are_rejected_not_guessed(name: str) -> None:
    with pytest.raises(UnknownCountry):
        resolve(name)


def test_a_near_miss_gets_a_did_you_mean_hint() -> None:
    with pytest.raises(UnknownCountry) as caught:
        resolve("Tanzanai")
    assert "did you mean" in str(caught.value)
    assert "Tanzania" in str(caught.value)


def test_display_names_are_the_short_common_ones() -> None:
    assert country_name("TZA") == "Tanzania"
    assert country_name("BOL") == "Bolivia"
    assert country_name("XKX") == "Kosovo"


def test_every_iso_3166_country_has_an_m49_region() -> None:
    table = regions()
    for country in pycountry.countries:
        assert table[country.alpha_3].region, country.alpha_3
    assert table["XKX"].region == "Europe"


def test_m49_groupings_expand_to_their_members() -> None:
    northern_africa = m49_members("015")
    assert set(northern_africa) == {"DZA", "EGY", "LBY", "MAR", "SDN", "TUN", "ESH"}
    eastern_africa = m49_members("014")
    assert {"KEN", "TZA", "ETH", "RWA"} <= set(eastern_africa)
    assert "NGA" not in eastern_africa
    assert len(m49_members("002")) == 60
