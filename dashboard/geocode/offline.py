"""Filling the geocode cache with no geocoding service: by hand, or from the gazetteer.

`geocode --set "City, Country" LAT LON --source "..."` records one correction;
`geocode --gazetteer` looks headquarters up in GeoNames' cities (gazetteer.py). Both
write as a Nominatim run does: holding the same lock file, through the atomic
writer, and never over a cache that does not read cleanly. An entry replaces any
entry for the same place, whichever spelling of the country that one's key uses.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from dashboard.data.geocache import (
    BadQuery,
    Entry,
    Place,
    by_place,
    hq_place,
    hq_query,
    put,
    read_cache,
    remove_stale_temps,
    split_query,
    write_cache,
)
from dashboard.data.schema import PARTNERS_CSV
from dashboard.geocode.client import Busy, CacheUnusable, Report
from dashboard.geocode.gazetteer import Ambiguous, Gazetteer, NotFound

LOCK_TIMEOUT = 600.0  # seconds to wait for another geocode run to finish, as Settings
EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


class Refused(ValueError):
    """A correction that is not written: the message says why."""


@dataclass(frozen=True)
class Written:
    """What a correction wrote, and the entries (by key) it replaced."""

    entry: Entry
    replaced: dict[str, Entry]


def today() -> str:
    """Today's date (UTC), as entries written offline record when they were made."""
    return datetime.now(UTC).date().isoformat()


def correction(
    place: str,
    latitude: str,
    longitude: str,
    source: str,
    headquarters: list[tuple[str, str]],
    retrieved: str | None = None,
) -> Entry:
    """The entry `--set PLACE LAT LON --source SOURCE` asks for, for one of the
    `headquarters` (city, ISO alpha-3); raises Refused saying what is wrong."""
    try:
        city, _, iso3 = split_query(place)
    except BadQuery as error:
        raise Refused(f"'{place}' {error}") from None
    known = {hq_place(c, i): hq_query(c, i) for c, i in headquarters}
    query = known.get(hq_place(city, iso3))
    if query is None:
        listed = "; ".join(sorted(set(known.values()))) or "none"
        raise Refused(
            f"'{place}' (read as '{city}' in {iso3}) is the headquarters of no partner "
            f"in {PARTNERS_CSV}, so it is not set. The headquarters are: {listed}"
        )
    lat = _degrees("latitude", latitude, 90, "north; south is negative")
    lon = _degrees("longitude", longitude, 180, "east; west is negative")
    if not source.strip():
        raise Refused(
            "the source (--source) must say where the coordinates come from (a map, a "
            "survey, a published record); it is empty"
        )
    return Entry(
        query=query,
        latitude=lat,
        longitude=lon,
        display_name=query,
        source=source.strip(),
        retrieved=retrieved or today(),
    )


def _degrees(name: str, text: str, limit: int, sense: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise Refused(
            f"{name} must be a number of degrees from -{limit} to {limit} ({sense}), not '{text}'"
        )
    return value


def set_place(
    cache_path: Path,
    entry: Entry,
    *,
    log: Callable[[str], None] = print,
    lock_timeout: float = LOCK_TIMEOUT,
) -> Written:
    """Write one entry (from `correction`) into the cache."""
    with locked_cache(cache_path, lock_timeout, log) as entries:
        old = dict(entries)
        replaced = [*put(entries, entry)]
        if entry.query in old:
            replaced.append(entry.query)
        write_cache(cache_path, entries)
    return Written(entry, {key: old[key] for key in replaced})


def gazetteer_places(
    cache_path: Path,
    headquarters: list[tuple[str, str]],
    gazetteer: Gazetteer,
    *,
    refresh: bool = False,
    log: Callable[[str], None] = print,
    lock_timeout: float = LOCK_TIMEOUT,
) -> Report:
    """Look up each headquarters (city, ISO alpha-3) not yet in the cache (all of them
    with `refresh`) in the gazetteer; what it finds is written in one atomic write."""
    retrieved = today()
    report = Report()
    with locked_cache(cache_path, lock_timeout, log) as entries:
        places = by_place(entries)
        todo: dict[Place, tuple[str, str]] = {}
        seen: set[Place] = set()
        for city, iso3 in headquarters:
            place = hq_place(city, iso3)
            if place in seen:
                continue
            seen.add(place)
            if place in places and not refresh:
                report.kept.append(hq_query(city, iso3))
            else:
                todo[place] = (city, iso3)
        for number, (place, (city, iso3)) in enumerate(todo.items(), start=1):
            prefix = f"[{number}/{len(todo)}] {hq_query(city, iso3)}"
            try:
                entry, found = gazetteer.entry(city, iso3, retrieved)
            except (NotFound, Ambiguous) as failure:
                report.failed[hq_query(city, iso3)] = str(failure)
                log(f"{prefix}: FAILED: {failure}")
                continue
            put(entries, entry)
            report.geocoded.append(entry.query)
            notes = [f"population {found.city.population:,}"]
            if found.passed_over:
                notes.append(f"taken over {len(found.passed_over)} smaller of that name")
            if place in places:
                notes.append(f"{distance_km(places[place], entry):.1f} km from the old entry")
            log(
                f"{prefix}: {entry.latitude:.4f}, {entry.longitude:.4f} "
                f"({entry.display_name}; {'; '.join(notes)})"
            )
        if report.geocoded:
            write_cache(cache_path, entries)
    return report


@contextmanager
def locked_cache(
    cache_path: Path, lock_timeout: float, log: Callable[[str], None]
) -> Iterator[dict[str, Entry]]:
    """The cache's entries, read with the geocode lock held until the block ends;
    raises Busy, or CacheUnusable when the cache has errors (it is left as it is)."""
    lock = FileLock(str(cache_path) + ".lock", timeout=lock_timeout)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log(f"another geocode run holds {lock.lock_file}; waiting for it to finish")
        try:
            lock.acquire(timeout=lock_timeout)
        except Timeout:
            raise Busy(f"{lock.lock_file} was held for over {lock_timeout:.0f} s") from None
    try:
        entries, problems = read_cache(cache_path)
        broken = [p for p in problems if p.severity == "error"]
        if broken:
            raise CacheUnusable("\n".join(str(p) for p in broken))
        remove_stale_temps(cache_path)
        yield entries
    finally:
        lock.release()


def distance_km(a: Entry, b: Entry) -> float:
    """The great-circle distance between two entries (haversine, on a sphere)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
