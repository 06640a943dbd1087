"""The filter state round-trips through the query string; bad values are dropped."""

from __future__ import annotations

from dashboard.state import FilterState, Vocabulary, parse_query, to_query

VALID = Vocabulary(
    regions=frozenset({"africa", "eastern-africa"}),
    countries=frozenset({"KEN", "MEX"}),
    partners=("EASC", "ACHA", "sister-cities-africa"),
)


def test_a_state_round_trips_through_its_query_string() -> None:
    state = FilterState(
        region="africa", country="KEN", partners=("EASC", "ACHA"), focus="EASC", count_regions=False
    )
    query = to_query(state)
    assert query == "region=africa&country=KEN&partner=EASC,ACHA&focus=EASC&regions=0"
    assert parse_query(query, VALID).state == state


def test_the_default_state_has_an_empty_query() -> None:
    assert to_query(FilterState()) == ""
    assert parse_query("", VALID).state == FilterState()


def test_partners_may_be_repeated_or_comma_separated_and_codes_any_case() -> None:
    parsed = parse_query("?partner=EASC&partner=ACHA,EASC&country=ken&region=Africa", VALID)
    assert parsed.state.partners == ("EASC", "ACHA")
    assert parsed.state.country == "KEN"
    assert parsed.state.region == "africa"
    assert parsed.dropped == ()


def test_unknown_and_hostile_values_are_dropped_and_named() -> None:
    hostile = "<script>alert(1)</script>"
    parsed = parse_query(
        f"country=XXX&region={hostile}&partner=EASC,nobody&focus={'A' * 2000}&regions=maybe",
        VALID,
    )
    assert parsed.state == FilterState(partners=("EASC",))
    assert "country=XXX" in parsed.dropped
    assert f"region={hostile}" in parsed.dropped
    assert "partner=nobody" in parsed.dropped
    assert any(d.startswith("focus=AAAA") and len(d) < 60 for d in parsed.dropped)
    assert "regions=maybe" in parsed.dropped


def test_a_link_with_too_many_parameters_keeps_the_first_fifty_and_says_so() -> None:
    query = "&".join(["partner=EASC"] * 60)
    parsed = parse_query(query, VALID)
    assert parsed.state.partners == ("EASC",)
    assert parsed.dropped == ("10 parameters past the first 50",)


def test_a_link_names_its_language_and_an_unknown_one_is_dropped() -> None:
    known = Vocabulary(countries=frozenset({"KEN"}), languages=frozenset({"en", "fr", "ar"}))
    assert parse_query("lang=fr&country=KEN", known).lang == "fr"
    assert parse_query("lang=AR", known).lang == "ar"
    dropped = parse_query("lang=de&country=KEN", known)
    assert (dropped.lang, dropped.dropped, dropped.state.country) == (None, ("lang=de",), "KEN")


def test_the_language_leads_the_query_and_the_rest_stays_language_neutral() -> None:
    query = to_query(FilterState(country="KEN", region="eastern-africa"), lang="ar")
    assert query == "lang=ar&region=eastern-africa&country=KEN"
    assert to_query(FilterState(country="KEN")) == "country=KEN"


def test_the_tour_may_run_in_date_order_and_round_trips() -> None:
    parsed = parse_query("tour=dates", VALID)
    assert (parsed.mode.tour, parsed.mode.dates, parsed.mode.present) == (True, True, True)
    assert to_query(parsed.state, parsed.mode) == "mode=present&tour=dates"
    plain = parse_query("tour=1", VALID).mode
    assert (plain.tour, plain.dates) == (True, False)


def test_an_unknown_tour_order_is_dropped_with_the_notice() -> None:
    parsed = parse_query("tour=alphabetical&country=KEN", VALID)
    assert (parsed.mode.tour, parsed.mode.dates) == (False, False)
    assert parsed.dropped == ("tour=alphabetical",)
