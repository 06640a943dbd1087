"""Time for a geocoding run: a budget for the whole run, and a pacer between requests."""

from __future__ import annotations

import time
from collections.abc import Callable


class Budget:
    """The run's time budget: how much is left, and sleeps cut to fit it."""

    def __init__(self, seconds: float, started: float) -> None:
        self.seconds = seconds
        self.deadline = started + seconds

    def __str__(self) -> str:
        return f"{self.seconds:g} s"

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def sleep(self, seconds: float) -> None:
        seconds = min(seconds, self.left())
        if seconds > 0:
            time.sleep(seconds)

    def fits(self, wait: float, timeout: float, log: Callable[[str], None]) -> bool:
        """Whether a wait, then a request with this timeout, can end within the budget."""
        left = self.left()
        if wait + timeout <= left:
            return True
        log(
            f"{max(left, 0.0):.1f} s of the time budget of {self} left: too little for "
            f"a {wait:.1f} s wait and a request that may take {timeout:g} s; stopping"
        )
        return False

    def used_up(self, detail: str) -> str:
        return f"time budget of {self} used up; {detail}"


class Pacer:
    """Keeps requests at least `min_delay` seconds apart, and waits out Retry-After."""

    def __init__(self, min_delay: float) -> None:
        self.min_delay = min_delay
        self.next_at = 0.0

    def delay(self) -> float:
        """Seconds to wait before the next request may be sent."""
        return max(self.next_at - time.monotonic(), 0.0)

    def sending(self) -> None:
        """A request goes now: the one after it waits `min_delay`."""
        self.next_at = time.monotonic() + self.min_delay

    def hold_off(self, seconds: float) -> None:
        self.next_at = max(self.next_at, time.monotonic() + seconds)
