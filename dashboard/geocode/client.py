"""Fill the geocode cache with geopy's Nominatim client, politely and safely.

Nominatim's usage policy: an identifying User-Agent, at most one request a
second, and results cached. A run holds a lock file for its whole length, so two
runs are serialised (and together still send one request a second); every
success is written to the cache at once, so a failure or a kill loses nothing.

A run also has a time budget (`Settings.budget`), counted from the call (lock wait
included): no wait or request is begun that the budget cannot cover in full, and
every wait and request timeout is cut to what is left, so a run never outlasts it.
The places it had no time for are reported failed, to be tried by the next run.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from filelock import FileLock, Timeout
from geopy.adapters import URLLibAdapter
from geopy.exc import (
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.geocoders import Nominatim

from dashboard.data.geocache import (
    Entry,
    by_place,
    place_or_none,
    put,
    read_cache,
    remove_stale_temps,
    write_cache,
)
from dashboard.geocode.timing import Budget, Pacer

DEFAULT_ENDPOINT = "https://nominatim.openstreetmap.org"
DEFAULT_USER_AGENT = (
    "partner-map/0.1 (geocoding partner headquarters; set --user-agent to add your contact)"
)


@dataclass(frozen=True)
class Settings:
    """How to talk to the geocoding server."""

    endpoint: str = DEFAULT_ENDPOINT
    user_agent: str = DEFAULT_USER_AGENT
    min_delay: float = 1.0  # seconds between requests: Nominatim's policy
    timeout: float = 10.0  # seconds for one request
    retries: int = 3  # further tries of a place after a transient failure
    backoff: float = 2.0  # first wait after a failure; doubles each time
    max_wait: float = 60.0  # the longest single wait, whatever Retry-After says
    lock_timeout: float = 600.0  # how long to wait for another run to finish
    budget: float = 600.0  # seconds for the whole run, waiting for the lock included


@dataclass
class Report:
    """What a run did: places geocoded, places failed (with why), places kept."""

    geocoded: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)


class CacheUnusable(Exception):
    """The cache on disk is broken; it is left as it is rather than overwritten."""


class Busy(Exception):
    """Another geocode run held the lock for longer than we were willing to wait."""


def make_geocoder(settings: Settings) -> Nominatim:
    """geopy's Nominatim client, pointed at `settings.endpoint`."""
    parts = urlsplit(settings.endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"endpoint must be an http:// or https:// address: {settings.endpoint!r}")
    return Nominatim(
        user_agent=settings.user_agent,
        domain=parts.netloc + parts.path.rstrip("/"),
        scheme=parts.scheme,
        timeout=settings.timeout,
        # geopy's requests adapter retries on its own inside urllib3 (unpaced, and
        # sleeping out any Retry-After uncapped); the stdlib adapter sends exactly one
        # request per call, so every try is paced and counted here.
        adapter_factory=_WholeRequestAdapter,
    )


class _WholeRequestAdapter(URLLibAdapter):
    """geopy's stdlib adapter, with `timeout` bounding the whole request.

    urllib's timeout bounds each socket operation, so a server sending its answer a
    few bytes at a time could hold one request for far longer. The request runs in a
    helper thread instead, and is given up on (left to end by itself: the thread is a
    daemon, and urllib's own timeout still ends it) once `timeout` has passed."""

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        outcome: dict[str, Any] = {}

        def fetch() -> None:
            try:
                outcome["text"] = URLLibAdapter.get_text(
                    self, url, timeout=timeout, headers=headers
                )
            except BaseException as error:  # re-raised in the caller's thread
                outcome["error"] = error

        worker = threading.Thread(target=fetch, name="geocode-request", daemon=True)
        worker.start()
        worker.join(timeout)
        if "error" in outcome:
            raise outcome["error"]
        if "text" in outcome:
            return outcome["text"]
        raise GeocoderTimedOut(f"no complete answer within {timeout:.1f} s")


def geocode_places(
    cache_path: Path,
    queries: list[str],
    settings: Settings,
    *,
    refresh: bool = False,
    log: Callable[[str], None] = print,
    started: float | None = None,
) -> Report:
    """Geocode each query not yet in the cache (all of them with `refresh`).

    The time budget counts from `started` (a `time.monotonic()` value; default: now)."""
    if not settings.budget > 0:
        raise ValueError(f"the time budget must be more than 0 s: {settings.budget!r}")
    if settings.budget < settings.timeout:
        raise ValueError(
            f"the time budget ({settings.budget:g} s) is shorter than one request's "
            f"timeout ({settings.timeout:g} s): no request could be sent"
        )
    budget = Budget(settings.budget, time.monotonic() if started is None else started)
    lock = FileLock(str(cache_path) + ".lock", timeout=settings.lock_timeout)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log(f"another geocode run holds {lock.lock_file}; waiting for it to finish")
        patience = min(settings.lock_timeout, budget.left())
        try:
            lock.acquire(timeout=max(patience, 0.0))
        except Timeout:
            if patience < settings.lock_timeout:
                raise Busy(
                    f"{lock.lock_file} was held by another run for the rest of "
                    f"the time budget of {budget}"
                ) from None
            raise Busy(
                f"{lock.lock_file} was held for over {settings.lock_timeout:.0f} s"
            ) from None
    try:
        return _run(cache_path, queries, settings, refresh, log, budget)
    finally:
        lock.release()


def _run(
    cache_path: Path,
    queries: list[str],
    settings: Settings,
    refresh: bool,
    log: Callable[[str], None],
    budget: Budget,
) -> Report:
    # Read under the lock, so entries another run has just written are kept.
    entries, problems = read_cache(cache_path)
    broken = [p for p in problems if p.severity == "error"]
    if broken:
        raise CacheUnusable("\n".join(str(p) for p in broken))
    remove_stale_temps(cache_path)

    report = Report()
    todo = []
    places = by_place(entries)  # a place is kept under any spelling of its country
    for query in dict.fromkeys(queries):
        if not refresh and (query in entries or place_or_none(query) in places):
            report.kept.append(query)
        else:
            todo.append(query)
    geocoder = make_geocoder(settings)
    pacer = Pacer(settings.min_delay)
    for number, query in enumerate(todo, start=1):
        prefix = f"[{number}/{len(todo)}] {query}"
        try:
            entry = _geocode_one(
                geocoder, query, settings, pacer, budget, lambda m, p=prefix: log(f"{p}: {m}")
            )
        except _OutOfTime as failure:
            # No time for this place, nor for the rest: each is listed, not tried.
            report.failed[query] = str(failure)
            log(f"{prefix}: FAILED: {failure}")
            for later, rest in enumerate(todo[number:], start=number + 1):
                report.failed[rest] = budget.used_up("not tried")
                log(f"[{later}/{len(todo)}] {rest}: FAILED: {report.failed[rest]}")
            break
        except _Failed as failure:
            report.failed[query] = str(failure)
            log(f"{prefix}: FAILED: {failure}")
            continue
        put(entries, entry)  # replacing an entry for the place under another spelling
        write_cache(cache_path, entries)
        report.geocoded.append(query)
        log(f"{prefix}: {entry.latitude:.4f}, {entry.longitude:.4f} ({entry.display_name})")
    # Keep the lock until the pause after the last request is over, so a run waiting
    # for it cannot send its first request too soon after ours; the budget comes first.
    budget.sleep(pacer.delay())
    return report


class _Failed(Exception):
    pass


class _OutOfTime(_Failed):
    """The time budget cannot cover the next try."""


def _geocode_one(
    geocoder: Nominatim,
    query: str,
    settings: Settings,
    pacer: Pacer,
    budget: Budget,
    log: Callable[[str], None],
) -> Entry:
    if not budget.fits(pacer.delay(), settings.timeout, log):
        raise _OutOfTime(budget.used_up("not tried"))
    wait = settings.backoff
    for attempt in range(settings.retries + 1):
        # The budget covered this wait and a whole request when the try was decided
        # on; cutting both to what is left keeps the run within it to the last moment.
        budget.sleep(pacer.delay())
        pacer.sending()
        timeout = min(settings.timeout, budget.left())
        if timeout <= 0:  # the budget covered this try; only a stalled process gets here
            raise _OutOfTime(
                budget.used_up(f"gave up after {_tries(attempt)}" if attempt else "not tried")
            )
        answer = _ask(geocoder, query, timeout, settings)
        if isinstance(answer, Entry):
            return answer
        reason, pause = answer.reason, answer.retry_after or wait
        tries = _tries(attempt + 1)
        if attempt == settings.retries:
            raise _Failed(f"{reason}; gave up after {tries}")
        pause = min(pause, settings.max_wait)
        if not budget.fits(max(pacer.delay(), pause), settings.timeout, log):
            raise _OutOfTime(budget.used_up(f"gave up after {tries}; last: {reason}"))
        pacer.hold_off(pause)
        log(f"{reason}; trying again in {pause:.1f} s")
        wait *= 2
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class _Retry:
    """A failure worth another try, and how long the server asked us to wait."""

    reason: str
    retry_after: float | None = None


def _ask(geocoder: Nominatim, query: str, timeout: float, settings: Settings) -> Entry | _Retry:
    """One request: the place, a failure worth retrying, or _Failed for one that is not."""
    try:
        location = geocoder.geocode(query, exactly_one=True, timeout=timeout)
    except GeocoderParseError:
        raise _Failed(
            "the server's answer was not JSON (an HTML error page? check --endpoint)"
        ) from None
    except GeocoderRateLimited as error:
        return _Retry("rate limited (429)", error.retry_after)
    except (GeocoderTimedOut, GeocoderUnavailable) as error:
        return _Retry(f"server unavailable or too slow ({_short(error)})")
    except GeocoderServiceError as error:
        if type(error) is not GeocoderServiceError:
            # A bad query, refused credentials or an answer that is not JSON:
            # asking again would get the same answer.
            raise _Failed(f"{type(error).__name__}: {_short(error)}") from None
        kind = f"no connection to {settings.endpoint}" if _caused_by_os_error(error) else None
        return _Retry(f"{kind or 'server error'} ({_short(error)})")
    if location is None:
        raise _Failed("no result: Nominatim does not know this place")
    return Entry(
        query=query,
        latitude=round(float(location.latitude), 6),
        longitude=round(float(location.longitude), 6),
        display_name=str(location.raw.get("display_name", location.address)),
        source=f"Nominatim at {settings.endpoint}",
        retrieved=datetime.now(UTC).isoformat(timespec="seconds"),
        licence=str(location.raw.get("licence", "")),
    )


def _tries(count: int) -> str:
    return "1 try" if count == 1 else f"{count} tries"


def _caused_by_os_error(error: BaseException) -> bool:
    """Whether the failure was the connection itself (refused, reset, unreachable)."""
    current: BaseException | None = error
    for _ in range(10):
        if current is None:
            return False
        if isinstance(current, OSError):
            return True
        current = current.__cause__ or current.__context__
    return False


def _short(error: BaseException) -> str:
    """One line on what went wrong: the OS's own words where the chain holds them."""
    chain, current = [], error
    while current is not None and len(chain) < 10:
        chain.append(str(current))
        current = current.__cause__ or current.__context__
    for text in chain:
        found = re.search(r"\[Errno -?\d+\] [^'\")\]]+", text)
        if found:
            return found[0].strip()
    lines = str(error).strip().splitlines()
    return lines[0][:200] if lines else type(error).__name__
