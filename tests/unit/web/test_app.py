"""The app as a server: start-up, /healthz, configuration, and refusing bad data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.data.problems import DataError
from dashboard.web.app import create_app
from tests.support.bad_data import replace_in
from tests.support.commands import run_dashboard, run_module, start_dashboard
from tests.support.datafolder import partner, tiny_network
from tests.support.servers import APP, free_port, wait_for


def test_healthz_answers_with_a_summary_once_the_data_is_loaded(data_dir: Path) -> None:
    client = create_app(data_dir).server.test_client()
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert {k: body[k] for k in ("status", "partners", "countries")} == {
        "status": "ok",
        "partners": 7,
        "countries": 82,
    }


def test_the_title_comes_from_the_data_folder_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "other-org"
    tiny_network(folder, [partner("A")], [("A", "Peru", "named", "Peru")])
    (folder / "dashboard.toml").write_text('title = "Friends of Lima"\n', encoding="utf-8")
    page = create_app(folder).server.test_client().get("/").get_data(as_text=True)
    assert "<title>Friends of Lima</title>" in page
    monkeypatch.setenv("PARTNER_MAP_TITLE", "Conference demo")
    page = create_app(folder).server.test_client().get("/").get_data(as_text=True)
    assert "<title>Conference demo</title>" in page


def test_the_page_references_no_other_host(data_dir: Path) -> None:
    page = create_app(data_dir).server.test_client().get("/").get_data(as_text=True)
    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", page)
    assert any(url.startswith("/assets/plotly-geo.min.js") for url in urls)
    # Same page ("?lang=ar", "#map-section") or same host ("/assets/...") only.
    assert [url for url in urls if not url.startswith(("/", "?", "#"))] == []


def test_invalid_data_stops_create_app_with_every_problem(data_dir: Path) -> None:
    replace_in(data_dir / "partners.csv", "2012-07", "July 2012")
    with pytest.raises(DataError) as caught:
        create_app(data_dir)
    assert "column 'mou': value 'July 2012'" in str(caught.value)


def test_python_m_dashboard_serves_the_data_folder_on_the_given_port(data_dir: Path) -> None:
    port = free_port()
    process = start_dashboard(data_dir, port)
    try:
        body = wait_for(f"http://127.0.0.1:{port}/healthz", process)
        assert b'"partners":7' in body
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_on_invalid_data_exits_1_with_the_check_messages(data_dir: Path) -> None:
    (data_dir / "areas.csv").unlink()
    result = run_dashboard("serve", "--data-dir", str(data_dir))
    assert result.returncode == 1
    assert "areas.csv: file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_gunicorn_refuses_to_start_on_invalid_data(data_dir: Path) -> None:
    (data_dir / "areas.csv").unlink()
    result = run_module(
        "gunicorn",
        *("--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{free_port()}", APP),
        env={"PATH": "/usr/bin:/bin", "PARTNER_MAP_DATA_DIR": str(data_dir)},
    )
    assert result.returncode != 0
    assert "areas.csv: file not found" in result.stderr
    assert "the data is invalid; not serving" in result.stderr
    assert "Traceback" not in result.stderr
