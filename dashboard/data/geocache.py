"""The geocode cache, data/geocache.json: read strictly, written atomically.

Entries are keyed by a query "City, Country", but what a key names is a place: the
city (folded for case and spacing) and the country's ISO alpha-3 code, the country
resolved by `countries.resolve` after a comma (see `split_query`). So "Kazan, Russia",
"Kazan, RUS" and "Kazan, Russian Federation" are one headquarters, whichever of them
the cache or partners.csv uses; new entries are written under `hq_query`.

The app only ever reads it; `python -m dashboard geocode` writes it. A write goes
to a temporary file in the same folder, is fsynced, then replaces the cache in
one `os.replace`, so a crash at any point leaves either the old file or the new
one, never a mix.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from dashboard.data.commands import dashboard_command
from dashboard.data.countries import UnknownCountry, country_name, resolve, suggest
from dashboard.data.problems import Problem

CACHE_VERSION = 1
ABOUT = (
    "Coordinates of partner headquarters, keyed by the query 'City, Country'. "
    "Written by the dashboard's geocode command (README: Geocoding); each entry says where "
    "it came from."
)
ENTRY_FIELDS = ("query", "latitude", "longitude", "display_name", "source", "retrieved")

Place = tuple[str, str]  # a headquarters: (city folded for case and spacing, ISO alpha-3)


@dataclass(frozen=True)
class Entry:
    """Where one headquarters is, and how we know."""

    query: str
    latitude: float
    longitude: float
    display_name: str
    source: str
    retrieved: str
    licence: str = field(default="")


def hq_query(city: str, iso3: str) -> str:
    """The cache key and geocoder query for a headquarters."""
    return f"{city}, {country_name(iso3)}"


def fold_city(city: str) -> str:
    """A city's name as it is compared: case and spacing do not matter."""
    return " ".join(unicodedata.normalize("NFKC", city).casefold().split())


def hq_place(city: str, iso3: str) -> Place:
    """The place a headquarters (a city and an ISO alpha-3 code) is."""
    return fold_city(city), iso3


class BadQuery(ValueError):
    """A query that names no place: no 'City, Country', or a country we cannot resolve."""


def split_query(query: str) -> tuple[str, str, str]:
    """A query 'City, Country' as (city, country as written, ISO alpha-3); raises
    BadQuery saying what is wrong.

    The country is what follows a comma: the longest such tail that resolves, so that
    names with a comma of their own stay whole ('Road Town, Virgin Islands, British',
    'Kinshasa, Congo, The Democratic Republic of the', as `hq_query` writes them),
    while a city may hold commas too ('Washington, D.C., United States')."""
    parts = query.split(",")
    if len(parts) < 2 or not parts[0].strip() or not parts[-1].strip():
        raise BadQuery("is not 'City, Country' (the city, a comma, then the country)")
    for cut in range(1, len(parts)):
        city, country = ",".join(parts[:cut]).strip(), ",".join(parts[cut:]).strip()
        iso3 = _iso3(country)
        if iso3:
            return city, country, iso3
    last = parts[-1].strip()
    error = UnknownCountry(last, suggest(last))
    raise BadQuery(f"names a country, '{last}', that cannot be resolved: {error}")


def query_place(query: str) -> Place:
    """The place a query 'City, Country' names; raises BadQuery."""
    city, _, iso3 = split_query(query)
    return hq_place(city, iso3)


@lru_cache(maxsize=4096)
def _iso3(country: str) -> str:
    """The country's ISO alpha-3, or "" when it does not resolve. A large cache repeats
    a few hundred countries at most: each is resolved once."""
    try:
        return resolve(country)
    except UnknownCountry:
        return ""


def by_place(entries: Mapping[str, Entry]) -> dict[Place, Entry]:
    """The entries by the place their key names. Keys naming no place, and a second key
    for the same place, are skipped: `read_cache` reports both."""
    found: dict[Place, Entry] = {}
    for key, entry in entries.items():
        try:
            place = query_place(key)
        except BadQuery:
            continue
        found.setdefault(place, entry)
    return found


def put(entries: dict[str, Entry], entry: Entry) -> list[str]:
    """Add `entry` under its query, removing any other key for the same place (say, a
    hand-written 'Kazan, Russia' when 'Kazan, Russian Federation' is written); returns
    the keys it replaced."""
    place = place_or_none(entry.query)
    replaced = [
        key
        for key in entries
        if key != entry.query and place is not None and place_or_none(key) == place
    ]
    for key in replaced:
        del entries[key]
    entries[entry.query] = entry
    return replaced


def place_or_none(query: str) -> Place | None:
    """The place a query names, or None when it names none."""
    try:
        return query_place(query)
    except BadQuery:
        return None


def read_cache(path: Path) -> tuple[dict[str, Entry], list[Problem]]:
    """The cache's entries, and every problem with it. A missing file is an empty cache."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, [
            Problem(
                name,
                None,
                "no geocode cache yet: headquarters are not on the map until "
                f"`{dashboard_command(path.parent, 'geocode', '--gazetteer')}` (offline) or "
                f"`{dashboard_command(path.parent, 'geocode')}` (asks Nominatim) writes it",
                severity="warning",
            )
        ]
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(name, None, f"cannot be read: {error}")]
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        return {}, [
            Problem(name, error.lineno, f"is not valid JSON: {error.msg} (column {error.colno})")
        ]
    if not isinstance(document, dict) or not isinstance(document.get("entries"), dict):
        return {}, [Problem(name, 1, 'must be a JSON object with an "entries" object')]
    if document.get("version") != CACHE_VERSION:
        return {}, [
            Problem(
                name,
                _line_of(text, "version"),
                f"version must be {CACHE_VERSION}",
                column="version",
                value=str(document.get("version")),
            )
        ]
    return _entries(name, text, document["entries"])


def _entries(name: str, text: str, raw_entries: dict) -> tuple[dict[str, Entry], list[Problem]]:
    """The valid entries, one per headquarters, and the problems of the others."""
    entries, problems = {}, []
    places: dict[Place, str] = {}
    for key, raw in raw_entries.items():
        entry, entry_problems = _parse_entry(name, text, key, raw)
        problems.extend(entry_problems)
        try:
            place = query_place(key)
        except BadQuery as error:
            problems.append(Problem(name, _line_of(text, key), f"entry '{key}' {error}"))
            continue
        if place in places:
            first = places[place]
            problems.append(
                Problem(
                    name,
                    _line_of(text, key),
                    f"entry '{key}' is the same headquarters as entry '{first}' "
                    f"(line {_line_of(text, first)}): keep one of them",
                )
            )
            continue
        places[place] = key
        if entry is not None:
            entries[key] = entry
    return entries, problems


def _parse_entry(name: str, text: str, key: str, raw: object) -> tuple[Entry | None, list[Problem]]:
    line = _line_of(text, key)
    if not isinstance(raw, dict):
        return None, [Problem(name, line, f"entry '{key}' must be a JSON object")]
    problems = []
    for column in ENTRY_FIELDS:
        if column not in raw:
            problems.append(Problem(name, line, f"entry '{key}' lacks this field", column=column))

    def bad(column: str, message: str) -> None:
        problems.append(
            Problem(
                name,
                _line_of(text, column, after=line),
                f"entry '{key}': {message}",
                column=column,
                value=str(raw.get(column)),
            )
        )

    for column, limit in (("latitude", 90), ("longitude", 180)):
        value = raw.get(column)
        if column not in raw:
            continue
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
        ):
            bad(column, "must be a number")
        elif not -limit <= value <= limit:
            bad(column, f"must be between -{limit} and {limit}")
    for column in ("query", "display_name", "source", "retrieved"):
        if column in raw and (not isinstance(raw[column], str) or not raw[column].strip()):
            bad(column, "must be a non-empty string")
    if isinstance(raw.get("query"), str) and raw["query"] != key:
        bad("query", f"must equal the entry's key '{key}'")
    if isinstance(raw.get("retrieved"), str) and raw["retrieved"].strip():
        try:
            datetime.fromisoformat(raw["retrieved"])
        except ValueError:
            bad("retrieved", "must be an ISO 8601 date or time, e.g. 2026-11-28T10:00:00+00:00")
    if problems:
        return None, problems
    return Entry(**{k: raw[k] for k in ENTRY_FIELDS}, licence=str(raw.get("licence", ""))), []


def _line_of(text: str, key: str, after: int | None = None) -> int | None:
    """The line on which `"key":` first appears (after line `after`), for messages."""
    needle = json.dumps(key, ensure_ascii=False) + ":"
    lines = text.splitlines()
    for number, line in enumerate(lines[after or 0 :], start=(after or 0) + 1):
        if needle in line:
            return number
    return after


def write_cache(path: Path, entries: dict[str, Entry]) -> None:
    """Replace the cache with `entries` atomically (temp file, fsync, os.replace)."""
    document = {
        "about": ABOUT,
        "version": CACHE_VERSION,
        "entries": {
            key: {k: v for k, v in asdict(entries[key]).items() if v != "" or k != "licence"}
            for key in sorted(entries)
        },
    }
    payload = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); keep the cache as readable as it was,
        # or as the umask allows, so a server running as another user can still read it.
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise
    _fsync_dir(path.parent)
    remove_stale_temps(path)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files a killed writer left behind (call with the lock held)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()


def _fsync_dir(folder: Path) -> None:
    # The rename itself is only durable once the folder's entry is on disk.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
