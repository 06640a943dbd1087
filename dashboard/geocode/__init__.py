"""Geocoding headquarters for `python -m dashboard geocode`: the Nominatim client and its
timing (client, timing), the offline GeoNames gazetteer (gazetteer) and --set (offline)."""

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
