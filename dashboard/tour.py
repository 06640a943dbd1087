"""The guided tour's stepping: which partner is on screen, from counts of what happened.

Where the tour is comes from counts (clock ticks, Next and Previous presses, Pause
presses) since it started, not from the last step plus one: presses that arrive
faster than the server answers all count, whatever order they land in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

COUNTS = ("tick", "prev", "pause", "next")


@dataclass(frozen=True)
class Counts:
    """How often each thing has happened since the page opened."""

    tick: int = 0
    prev: int = 0
    pause: int = 0
    next: int = 0

    @classmethod
    def read(cls, values: object, default: Counts | None = None) -> Counts:
        """Counts from what a request says (a mapping of name -> count), trusting only
        whole numbers; a missing or bad count takes `default`'s."""
        given = values if isinstance(values, dict) else {}
        fallback = default or cls()
        return cls(**{name: _count(given.get(name), getattr(fallback, name)) for name in COUNTS})

    def as_data(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class Step:
    """Where the tour stands."""

    focus: str  # the partner on screen
    number: int  # 1-based
    total: int
    paused: bool
    start: Counts  # the counts when the tour started


def step(order: Sequence[str], now: Counts, start: Counts | None) -> Step | None:
    """The tour's step over `order` (None when there is nothing to tour). Without a
    `start` the tour starts now, on the first partner."""
    if not order:
        return None
    start = start or now
    moved = (now.tick - start.tick) + (now.next - start.next) - (now.prev - start.prev)
    position = moved % len(order)
    paused = (now.pause - start.pause) % 2 == 1
    return Step(order[position], position + 1, len(order), paused, start)


def _count(value: object, default: int) -> int:
    """A click or tick count, as a request may send anything."""
    return value if isinstance(value, int) and not isinstance(value, bool) else default
