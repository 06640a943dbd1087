"""`geocode` (Nominatim) knows a headquarters the cache holds under another spelling of
its country: it keeps it, and a refresh replaces it rather than adding a second entry."""

from __future__ import annotations

import json

from dashboard.data.geocache import read_cache
from tests.support.geocoding import HITS, NAIROBI, cache_entries, geocode, settings

RESPELT = "nairobi, KEN"  # Nairobi, Kenya, as a person might type it


def add_by_hand(cache_path, key: str) -> None:
    document = json.loads(cache_path.read_text(encoding="utf-8"))
    document["entries"][key] = {
        "query": key,
        "latitude": -1.28333,
        "longitude": 36.81667,
        "display_name": "Nairobi",
        "source": "typed in by hand",
        "retrieved": "2026-11-30",
    }
    cache_path.write_text(json.dumps(document, indent=2), encoding="utf-8")


def test_a_place_cached_under_another_spelling_is_kept_and_not_requested(nominatim, cache_path):
    nominatim.script(NAIROBI, HITS[NAIROBI])
    add_by_hand(cache_path, RESPELT)

    report, _ = geocode(cache_path, [NAIROBI], settings(nominatim.url))

    assert report.kept == [NAIROBI] and not report.geocoded
    assert nominatim.requests == []
    assert cache_entries(cache_path)[RESPELT]["source"] == "typed in by hand"


def test_a_refresh_replaces_the_other_spelling_with_one_entry(nominatim, cache_path):
    nominatim.script(NAIROBI, HITS[NAIROBI])
    add_by_hand(cache_path, RESPELT)

    report, _ = geocode(cache_path, [NAIROBI], settings(nominatim.url), refresh=True)

    assert report.geocoded == [NAIROBI]
    entries = cache_entries(cache_path)
    assert NAIROBI in entries and RESPELT not in entries
    assert "Nominatim" in entries[NAIROBI]["source"]
    assert read_cache(cache_path)[1] == []
