"""/healthz names the live data; what is not there answers 404, never 500."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from dashboard.web.app import create_app
from dashboard.web.health import clear_refusal, data_version, record_refusal


@pytest.fixture
def client(data_dir: Path):
    return create_app(data_dir).server.test_client()


def test_the_data_version_follows_the_files(data_dir: Path) -> None:
    first = data_version(data_dir)
    assert data_version(data_dir).version == first.version
    with (data_dir / "served.csv").open("a", encoding="utf-8") as served:
        served.write("ACHA,the U.S.,named,United States\n")
    assert data_version(data_dir).version != first.version
    assert len(first.version) == 12 and first.loaded.endswith("+00:00")


def test_healthz_names_the_live_data_and_a_refused_reload(client, data_dir: Path) -> None:
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["partners"] == 7
    assert body["data"]["version"] == data_version(data_dir).version
    record_refusal(data_dir, ["served.csv:2: column 'partner_id': ..."])
    try:
        body = client.get("/healthz").get_json()
        assert body["status"] == "reload-refused"
        assert body["last_reload_refused"]["problems"] == ["served.csv:2: column 'partner_id': ..."]
    finally:
        clear_refusal()


def test_the_footer_shows_the_data_version(client, data_dir: Path) -> None:
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert f"Data version {data_version(data_dir).version}" in layout


def test_an_unknown_page_is_a_404_that_links_home(client) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert '<a href="/">Open the map</a>' in response.get_data(as_text=True)
    assert client.get("/").status_code == 200


def test_an_unknown_component_file_is_a_404_with_nothing_logged(client, caplog) -> None:
    with caplog.at_level(logging.ERROR):
        response = client.get("/_dash-component-suites/dash/deps/zzz.html")
    assert response.status_code == 404
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
