"""Fill the geocode cache with geopy's Nominatim client, politely and safely.

Nominatim's usage policy: an identifying User-Agent, at most one request a
second, and results cached. A run holds a lock file for its whole length, so two
runs are serialised (and together still send one request a second); every
success is written to the cache at once, so a failure or a kill loses nothing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
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

from dashboard.geocache import Entry, read_cache, remove_stale_temps, write_cache

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
        adapter_factory=URLLibAdapter,
    )


def geocode_places(
    cache_path: Path,
    queries: list[str],
    settings: Settings,
    *,
    refresh: bool = False,
    log: Callable[[str], None] = print,
) -> Report:
    """Geocode each query not yet in the cache (all of them with `refresh`)."""
    lock = FileLock(str(cache_path) + ".lock", timeout=settings.lock_timeout)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log(f"another geocode run holds {lock.lock_file}; waiting for it to finish")
        try:
            lock.acquire()
        except Timeout:
            raise Busy(
                f"{lock.lock_file} was held for over {settings.lock_timeout:.0f} s"
            ) from None
    try:
        return _run(cache_path, queries, settings, refresh, log)
    finally:
        lock.release()


def _run(
    cache_path: Path,
    queries: list[str],
    settings: Settings,
    refresh: bool,
    log: Callable[[str], None],
) -> Report:
    # Read under the lock, so entries another run has just written are kept.
    entries, problems = read_cache(cache_path)
    broken = [p for p in problems if p.severity == "error"]
    if broken:
        raise CacheUnusable("\n".join(str(p) for p in broken))
    remove_stale_temps(cache_path)

    report = Report()
    todo = []
    for query in dict.fromkeys(queries):
        if query in entries and not refresh:
            report.kept.append(query)
        else:
            todo.append(query)
    geocoder = make_geocoder(settings)
    pacer = _Pacer(settings.min_delay)
    for number, query in enumerate(todo, start=1):
        prefix = f"[{number}/{len(todo)}] {query}"
        try:
            entry = _geocode_one(
                geocoder, query, settings, pacer, lambda m, p=prefix: log(f"{p}: {m}")
            )
        except _Failed as failure:
            report.failed[query] = str(failure)
            log(f"{prefix}: FAILED: {failure}")
            continue
        entries[query] = entry
        write_cache(cache_path, entries)
        report.geocoded.append(query)
        log(f"{prefix}: {entry.latitude:.4f}, {entry.longitude:.4f} ({entry.display_name})")
    # Keep the lock until the pause after the last request is over, so a run waiting
    # for it cannot send its first request too soon after ours.
    pacer.wait_out()
    return report


class _Failed(Exception):
    pass


class _Pacer:
    """Keeps requests at least `min_delay` seconds apart, and waits out Retry-After."""

    def __init__(self, min_delay: float) -> None:
        self.min_delay = min_delay
        self.next_at = 0.0

    def wait(self) -> None:
        delay = self.next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self.next_at = time.monotonic() + self.min_delay

    def wait_out(self) -> None:
        delay = self.next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)

    def hold_off(self, seconds: float) -> None:
        self.next_at = max(self.next_at, time.monotonic() + seconds)


def _geocode_one(
    geocoder: Nominatim,
    query: str,
    settings: Settings,
    pacer: _Pacer,
    log: Callable[[str], None],
) -> Entry:
    wait = settings.backoff
    for attempt in range(settings.retries + 1):
        pacer.wait()
        try:
            location = geocoder.geocode(query, exactly_one=True)
        except GeocoderParseError:
            raise _Failed(
                "the server's answer was not JSON (an HTML error page? check --endpoint)"
            ) from None
        except GeocoderRateLimited as error:
            reason, pause = "rate limited (429)", error.retry_after or wait
        except (GeocoderTimedOut, GeocoderUnavailable) as error:
            reason, pause = f"server unavailable or too slow ({_short(error)})", wait
        except GeocoderServiceError as error:
            if type(error) is not GeocoderServiceError:
                # A bad query, refused credentials or an answer that is not JSON:
                # asking again would get the same answer.
                raise _Failed(f"{type(error).__name__}: {_short(error)}") from None
            if _caused_by_os_error(error):
                kind = f"no connection to {settings.endpoint}"
            else:
                kind = "server error"
            reason, pause = f"{kind} ({_short(error)})", wait
        else:
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
        if attempt == settings.retries:
            tries = "1 try" if attempt == 0 else f"{attempt + 1} tries"
            raise _Failed(f"{reason}; gave up after {tries}")
        pause = min(pause, settings.max_wait)
        log(f"{reason}; trying again in {pause:.1f} s")
        pacer.hold_off(pause)
        wait *= 2
    raise AssertionError("unreachable")


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
