"""Geocoding headquarters for `python -m dashboard geocode`: the client and its timing."""

from dashboard.geocode.client import (
    DEFAULT_ENDPOINT,
    DEFAULT_USER_AGENT,
    Busy,
    CacheUnusable,
    Report,
    Settings,
    geocode_places,
    make_geocoder,
)

__all__ = [
    "DEFAULT_ENDPOINT",
    "DEFAULT_USER_AGENT",
    "Busy",
    "CacheUnusable",
    "Report",
    "Settings",
    "geocode_places",
    "make_geocoder",
]
