"""Country names resolve exactly, through CLDR, pycountry or the alias table, never fuzzily."""

from __future__ import annotations

import babel
import pycountry
import pytest

from dashboard.data.countries import (
    AmbiguousCountry,
    UnknownCountry,
    country_name,
    resolve,
    suggest,
)
from dashboard.data.m49 import m49_members, regions

# The alias table before CLDR names came in: each must keep resolving, from the
# standards now where it was a standard name all along.
FORMER_ALIASES = {
    "bolivia": "BOL",
    "brunei": "BRN",
    "burma": "MMR",
    "cape verde": "CPV",
    "congo-brazzaville": "COG",
    "congo-kinshasa": "COD",
    "czech republic": "CZE",
    "democratic republic of the congo": "COD",
    "dr congo": "COD",
    "drc": "COD",
    "east timor": "TLS",
    "great britain": "GBR",
    "holy see": "VAT",
    "ivory coast": "CIV",
    "kosovo": "XKX",
    "laos": "LAO",
    "macedonia": "MKD",
    "micronesia": "FSM",
    "north korea": "PRK",
    "palestine": "PSE",
    "republic of the congo": "COG",
    "russia": "RUS",
    "south korea": "KOR",
    "swaziland": "SWZ",
    "the gambia": "GMB",
    "the netherlands": "NLD",
    "turkey": "TUR",
    "u.k.": "GBR",
    "u.s.": "USA",
    "u.s.a.": "USA",
    "uk": "GBR",
    "united states of america": "USA",
    "us": "USA",
    "usa": "USA",
    "vatican": "VAT",
    "vatican city": "VAT",
}

# Standard names that are refused because they are also the name of another
# country: pycountry calls COG plain "Congo", CLDR calls MAF "St. Martin".
AMBIGUOUS_STANDARD_NAMES = {("COG", "Congo"), ("MAF", "St. Martin")}


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


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Republic of Korea", "KOR"),
        ("Korea, South", "KOR"),
        ("Holland", "NLD"),
        ("State of Palestine", "PSE"),
        ("São Tomé and Príncipe", "STP"),
        ("Sao Tome and Principe", "STP"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("The Bahamas", "BHS"),
        ("Bahamas", "BHS"),
        ("Lao PDR", "LAO"),
        ("Bosnia", "BIH"),
        ("Bosnia & Herzegovina", "BIH"),
        ("Curaçao", "CUW"),
        ("Curacao", "CUW"),
        ("Democratic Republic of Congo", "COD"),
        ("Congo - Kinshasa", "COD"),
        ("Myanmar (Burma)", "MMR"),
        ("St Lucia", "LCA"),
        ("Turkiye", "TUR"),
        ("rus", "RUS"),
        ("xkx", "XKX"),
    ],
)
def test_names_a_person_would_type_resolve(name: str, iso3: str) -> None:
    assert resolve(name) == iso3


@pytest.mark.parametrize(("alias", "iso3"), sorted(FORMER_ALIASES.items()))
def test_every_former_alias_still_resolves(alias: str, iso3: str) -> None:
    assert resolve(alias) == iso3


def test_every_name_of_every_iso_country_resolves_to_its_own_code() -> None:
    cldr = babel.Locale("en").territories
    for country in pycountry.countries:
        names = {country.alpha_3, country.alpha_3.lower(), cldr[country.alpha_2]}
        names |= {getattr(country, a, None) for a in ("name", "common_name", "official_name")}
        for name in sorted(n for n in names if n):
            if (country.alpha_3, name) in AMBIGUOUS_STANDARD_NAMES:
                with pytest.raises(AmbiguousCountry) as caught:
                    resolve(name)
                assert country.alpha_3 in caught.value.candidates
            else:
                assert resolve(name) == country.alpha_3, name


@pytest.mark.parametrize(
    ("name", "candidates"),
    [
        ("Korea", {"KOR": "South Korea", "PRK": "North Korea"}),
        (
            "Congo",
            {
                "COG": "the Republic of the Congo",
                "COD": "the Democratic Republic of the Congo",
            },
        ),
        ("Virgin Islands", {"VGB": "British Virgin Islands", "VIR": "U.S. Virgin Islands"}),
        ("St. Martin", {"MAF": "Saint Martin", "SXM": "Sint Maarten"}),
    ],
)
def test_a_name_of_two_countries_is_refused_naming_both(
    name: str, candidates: dict[str, str]
) -> None:
    with pytest.raises(AmbiguousCountry) as caught:
        resolve(name)
    assert isinstance(caught.value, UnknownCountry)  # check reports it like any unknown name
    message = str(caught.value)
    for iso3, label in candidates.items():
        assert f"({iso3})" in message
        assert label in message
    assert message.startswith("ambiguous country: could be ")
    assert message.endswith("write the code or the full name")


def test_a_typo_is_suggested_only_when_a_person_would_see_it() -> None:
    assert suggest("Kenia") == ["Kenya"]
    assert suggest("Republic of Kenia") == ["Republic of Kenya"]  # not "Republic of Benin"
    # A misspelt generic word leaves "Korea": the Koreas are suggested, never Kenya.
    assert suggest("Korea Republik") == [
        "Korea, Republic of",
        "Korea, Democratic People's Republic of",
    ]
    for name in ("Korea", "Koreaa", "Republic of Korea"):
        assert not [s for s in suggest(name) if "Kenya" in s], name
    for name in ("Holland", "Hollandd", "Holand"):
        assert "Poland" not in suggest(name), name
    assert suggest("Sao Tome") == ["São Tomé & Príncipe"]  # a name that begins another


@pytest.mark.parametrize(
    "name", ["Republic of Kenia", "Korea Republik", "Nigerr", "Congo Republic"]
)
def test_every_suggestion_resolves(name: str) -> None:
    suggestions = suggest(name)
    assert suggestions
    assert all(resolve(s) for s in suggestions)


def test_other_kinds_of_code_are_suggested_not_taken() -> None:
    # "NA" in a cell is more often "not available" than Namibia.
    for code, iso3 in (("KE", "KEN"), ("na", "NAM"), ("404", "KEN")):
        with pytest.raises(UnknownCountry) as caught:
            resolve(code)
        assert caught.value.suggestions == [iso3]
        assert f"did you mean '{iso3}'?" in str(caught.value)
