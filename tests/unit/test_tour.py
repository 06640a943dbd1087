"""The tour's stepping, counted from what happened since it started."""

from __future__ import annotations

from dashboard.tour import Counts, step
from dashboard.views.text import tour_status

ORDER = ("A", "B", "C")


def test_a_tour_starts_on_the_first_partner() -> None:
    now = Counts(tick=5, prev=2, pause=1, next=9)
    first = step(ORDER, now, None)
    assert (first.focus, first.number, first.total, first.paused) == ("A", 1, 3, False)
    assert first.start == now
    assert tour_status(first.number, first.total, first.paused) == "Partner 1 of 3"


def test_ticks_and_next_move_on_previous_moves_back_and_it_wraps() -> None:
    start = Counts()
    assert step(ORDER, Counts(tick=1), start).focus == "B"
    assert step(ORDER, Counts(tick=1, next=1), start).focus == "C"
    assert step(ORDER, Counts(tick=1, next=2), start).focus == "A"
    assert step(ORDER, Counts(prev=1), start).focus == "C"


def test_presses_that_land_out_of_order_all_count() -> None:
    start = Counts()
    # Two Next presses whose answers arrive in either order give the same step.
    assert step(ORDER, Counts(next=2), start) == step(ORDER, Counts(next=2), start)
    assert step(ORDER, Counts(next=2), start).focus == "C"


def test_an_odd_number_of_pause_presses_pauses() -> None:
    start = Counts(pause=4)
    assert step(ORDER, Counts(pause=5), start).paused
    paused = step(ORDER, Counts(pause=5), start)
    assert tour_status(paused.number, paused.total, paused.paused) == "Partner 1 of 3 (paused)"
    assert not step(ORDER, Counts(pause=6), start).paused


def test_nothing_to_tour_gives_no_step() -> None:
    assert step((), Counts(), None) is None


def test_counts_from_a_request_trust_only_whole_numbers() -> None:
    read = Counts.read({"tick": 3, "prev": "2", "pause": True, "next": 1.5})
    assert read == Counts(tick=3)
    assert Counts.read(None) == Counts()
    assert Counts.read({"tick": "x"}, Counts(tick=7)) == Counts(tick=7)
