"""The page's controls are read by the same checks as a link."""

from __future__ import annotations

from dashboard.state import (
    DEFAULT_PACE,
    PACE_RANGE,
    FilterState,
    Mode,
    Vocabulary,
    clamped_pace,
    mode_from_controls,
    parse_query,
    state_from_controls,
    to_query,
)

KNOWN = Vocabulary(
    regions=frozenset({"africa"}), countries=frozenset({"KEN"}), partners=("EASC", "ACHA")
)


def test_controls_holding_known_values_give_that_state() -> None:
    state = state_from_controls("africa", "KEN", ["ACHA", "EASC", "ACHA"], False, "EASC", KNOWN)
    assert state == FilterState("africa", "KEN", ("ACHA", "EASC"), "EASC", count_regions=False)


def test_controls_holding_anything_else_are_ignored() -> None:
    state = state_from_controls(["africa"], "XXX", "EASC", None, {"id": "EASC"}, KNOWN)
    assert state == FilterState()
    assert state_from_controls(None, None, [1, None, "nobody"], "no", None, KNOWN) == FilterState()


def test_the_mode_comes_from_true_flags_only_and_a_clamped_pace() -> None:
    assert mode_from_controls({"present": True, "tour": True}, "10") == Mode(True, True, 10)
    assert mode_from_controls({"present": "yes", "embed": 1}, None) == Mode()
    assert mode_from_controls("nonsense", 10_000) == Mode(pace=PACE_RANGE[1])


def test_the_pace_box_is_kept_in_range_whatever_it_holds() -> None:
    assert clamped_pace(1) == PACE_RANGE[0]
    assert clamped_pace("x") == DEFAULT_PACE
    assert clamped_pace(float("inf")) == DEFAULT_PACE
    assert clamped_pace(None) == DEFAULT_PACE


def test_the_mode_round_trips_through_the_query_string_apart_from_the_filters() -> None:
    state, mode = FilterState(country="KEN"), Mode(present=True, tour=True, pace=12, embed=True)
    query = to_query(state, mode)
    assert query == "country=KEN&mode=present&tour=1&pace=12&embed=1"
    parsed = parse_query(query, KNOWN)
    assert (parsed.state, parsed.mode) == (state, mode)


def test_a_tour_in_a_link_is_always_presented() -> None:
    assert parse_query("tour=1", KNOWN).mode == Mode(present=True, tour=True)


def test_leaving_presenter_mode_leaves_the_pace_out_of_the_link() -> None:
    assert to_query(FilterState(), Mode(present=True, pace=12)) == "mode=present&pace=12"
    assert to_query(FilterState(), Mode(pace=12)) == ""
