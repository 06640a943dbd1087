"""Headers, the body limit, and hostile requests: a fuzz of the callback endpoint and
of the page's query string. Nothing may end in a 500, a traceback or a debugger page."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from dashboard.web.app import create_app
from dashboard.web.security import MAX_BODY
from tests.support.commands import start_dashboard
from tests.support.paths import REPO
from tests.support.servers import free_port, start_gunicorn, stop, wait_for

UPDATE = "/_dash-update-component"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app()


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def callbacks(client):
    return client.get("/_dash-dependencies").get_json()


def test_every_response_carries_the_security_headers(client) -> None:
    for path in ("/", "/healthz", "/assets/style.css", "/_dash-layout", "/no-such-page"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self' 'sha256-" in policy, path
        assert "unsafe-eval" not in policy
        assert "object-src 'none'" in policy
        assert "frame-ancestors 'self'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        assert "fullscreen=(self)" in headers["Permissions-Policy"]


def test_the_policy_hashes_every_inline_script_of_the_page(client) -> None:
    import base64
    import hashlib
    import re

    page = client.get("/")
    policy = page.headers["Content-Security-Policy"]
    html = re.sub(r"<!--.*?-->", "", page.get_data(as_text=True), flags=re.S)  # not run
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S)
    executable = [body for attributes, body in scripts if "application/json" not in attributes]
    assert executable, "the page has inline scripts to check"
    for body in executable:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_frame_ancestors_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("PARTNER_MAP_FRAME_ANCESTORS", "'self' https://partner.example.org")
    policy = create_app().server.test_client().get("/").headers["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://partner.example.org" in policy


def test_a_request_body_over_the_limit_is_refused(client) -> None:
    response = client.post(UPDATE, data=b"x" * (MAX_BODY + 1), content_type="application/json")
    assert response.status_code == 413


def fuzz_cases(callbacks: list[dict], count: int, seed: int = 6) -> list[tuple[str, bytes]]:
    """Malformed callback requests: broken JSON, wrong types, unknown ids and
    properties, missing fields, huge values, each mutation of a real request."""
    rng = random.Random(seed)
    real = []
    for spec in callbacks:
        inputs = [
            {"id": _id(i["id"]), "property": i["property"], "value": None} for i in spec["inputs"]
        ]
        state = [
            {"id": _id(i["id"]), "property": i["property"], "value": None} for i in spec["state"]
        ]
        outputs = [_output(name) for name in spec["output"].strip(".").split("...")]
        real.append(
            {
                "output": spec["output"],
                "outputs": outputs if spec["output"].startswith("..") else outputs[0],
                "inputs": inputs,
                "state": state,
                "changedPropIds": [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"],
            }
        )
    junk = [
        None,
        True,
        0,
        -1,
        1e308,
        "",
        "x" * 5000,
        "<script>alert(1)</script>",
        [],
        {},
        [1, 2, 3],
        {"a": {"b": {"c": []}}},
        "KEN",
        ["EASC", 7, None],
        {"present": "yes"},
        "../../etc/passwd",
        "\u202e\u0000",
        2**70,
    ]
    cases: list[tuple[str, bytes]] = [
        ("not json", b"{this is not json"),
        ("empty body", b""),
        ("a list", b"[]"),
        ("a string", b'"hello"'),
        ("null", b"null"),
        ("deep nesting", b"[" * 5000 + b"]" * 5000),
        ("non-utf8", b"\xff\xfe\xfd"),
    ]
    while len(cases) < count:
        body = json.loads(json.dumps(rng.choice(real)))
        kind = rng.randrange(11)
        if kind == 0:
            body.pop(rng.choice(["output", "inputs", "state", "changedPropIds", "outputs"]), None)
        elif kind == 1:
            body["output"] = rng.choice(["", "nope.children", body["output"] + "x", 5, None])
        elif kind == 2 and body["inputs"]:
            item = rng.choice(body["inputs"])
            item["id"] = rng.choice(["no-such-id", {"type": "evil", "id": "x"}, 3, None])
        elif kind == 3 and body["inputs"]:
            rng.choice(body["inputs"])["property"] = rng.choice(["constructor", "__proto__", "x"])
        elif kind == 4:
            body[rng.choice(["inputs", "state", "changedPropIds"])] = rng.choice(junk)
        elif kind == 5 and body["inputs"]:
            body["inputs"].append({"id": "extra", "property": "value", "value": 1})
        elif kind == 8:
            body["changedPropIds"] = [rng.choice(["{x.n_clicks", "nope.value", '{"type":1}.x', ""])]
        elif kind == 9:
            # Pattern-matching items and outputs of the wrong shape.
            for item in body["inputs"]:
                if isinstance(item.get("id"), dict):
                    item["id"] = rng.choice([{"type": item["id"]["type"]}, {"x": 1}, "str"])
            body["outputs"] = rng.choice([{"id": {"type": "tab"}, "property": "x"}, [[{}]], 7])
        elif kind == 10:
            body["inputs"] = [
                {**item, "value": rng.choice([1e308, float("inf"), -(2**70), "Infinity"])}
                if isinstance(item, dict)
                else item
                for item in body["inputs"]
            ]
        else:
            for item in body["inputs"] + body["state"]:
                if isinstance(item, dict):
                    item["value"] = rng.choice(junk)
        cases.append((f"mutation {kind}", json.dumps(body).encode()))
    return cases


def _output(name: str):
    """The "outputs" item a browser sends for an output named like 'map.figure'."""
    if name.startswith("{"):
        return []  # pattern-matching ALL: one item per matching component; none here
    component, prop = name.split("@")[0].rsplit(".", 1)
    return {"id": component, "property": prop}


def _id(value: str):
    return json.loads(value) if value.startswith("{") else value


def test_500_malformed_callback_requests_get_no_server_error(client, callbacks) -> None:
    statuses = {}
    for name, body in fuzz_cases(callbacks, 600):
        response = client.post(UPDATE, data=body, content_type="application/json")
        text = response.get_data(as_text=True)
        assert response.status_code < 500, (name, body[:300], text[:500])
        assert "Traceback" not in text and "Werkzeug Debugger" not in text
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    assert statuses.get(400, 0) > 300  # most are refused as bad requests
    # And the server still answers a normal request correctly.
    assert client.get("/healthz").get_json()["partners"] == 7


@pytest.mark.parametrize(
    "query",
    [
        "?country=%3Cscript%3Ealert(1)%3C/script%3E",
        "?region=" + "A" * 5000,
        "?partner=" + ",".join(["EASC"] * 500),
        "?focus=%00%FF%FE",
        "?mode=present&tour=1&pace=-1&embed=%22%3E%3Csvg/onload=alert(1)%3E",
        "?%E2%80%AE=%E2%80%AE",
        "?" + "&".join(f"k{i}=v" for i in range(2000)),
    ],
)
def test_hostile_query_strings_still_serve_the_page(client, query) -> None:
    response = client.get("/" + query)
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.get_data(as_text=True)


SCANNED = [
    "/_dash-component-suites/dash/deps/zzz.html",
    "/_dash-component-suites/dash/dcc/../../../etc/passwd",
    "/_dash-component-suites/nosuchpackage/x.js",
    "/no/such/page",
    "/wp-login.php",
    "/.env",
]


def test_fuzz_against_gunicorn_ends_with_a_correct_answer(tmp_path, callbacks) -> None:
    """The same malformed requests over real HTTP to the Procfile's server."""
    import http.client

    server = start_gunicorn(REPO / "data", tmp_path / "gunicorn.log")
    try:
        port = int(server.url.rsplit(":", 1)[1])
        cases = [*fuzz_cases(callbacks, 120, seed=11), ("huge", b"[" + b"1," * MAX_BODY + b"1]")]
        for name, body in cases:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("POST", UPDATE, body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            connection.close()
            assert response.status < 500, (name, text[:300])
            assert "Traceback" not in text
        for path in SCANNED:  # what a vulnerability scanner's crawl asks for
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            connection.close()
            assert response.status == 404, (path, response.status)
            assert "Traceback" not in text
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/healthz")
        assert json.loads(connection.getresponse().read())["partners"] == 7
    finally:
        stop(server)
    assert "Traceback" not in (tmp_path / "gunicorn.log").read_text()


def test_debug_mode_cannot_be_switched_on_under_gunicorn(tmp_path) -> None:
    server = start_gunicorn(
        REPO / "data",
        tmp_path / "gunicorn.log",
        env={"DASH_DEBUG": "true", "FLASK_DEBUG": "1", "DASH_DEV_TOOLS_UI": "true"},
    )
    try:
        import urllib.error
        import urllib.request

        page = urllib.request.urlopen(server.url + "/").read().decode()
        config = json.loads(
            page.split('id="_dash-config" type="application/json">')[1].split("<")[0]
        )
        assert config["ui"] is False and config["props_check"] is False
        for path in ("/console", "/?__debugger__=yes&cmd=resource&f=style.css"):
            try:
                body = urllib.request.urlopen(server.url + path).read().decode()
            except urllib.error.HTTPError as error:  # /console: not a page of ours
                body = error.read().decode()
            assert "Werkzeug" not in body and "debugger" not in body.lower(), path
    finally:
        stop(server)


def test_gunicorn_serves_without_a_geocache_and_says_so(tmp_path, data_dir) -> None:
    (data_dir / "geocache.json").write_text("{ broken", encoding="utf-8")
    log = tmp_path / "gunicorn.log"
    server = start_gunicorn(data_dir, log)
    try:
        import urllib.request

        assert json.loads(urllib.request.urlopen(server.url + "/healthz").read())["partners"] == 7
    finally:
        stop(server)
    assert "geocache.json:1: warning: is not valid JSON" in log.read_text()
    assert "serving without coordinates" in log.read_text()


def test_serve_prints_the_warning_for_an_unreadable_geocache(data_dir) -> None:
    cache = data_dir / "geocache.json"
    cache.chmod(0)
    port = free_port()
    process = start_dashboard(data_dir, port)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", process)
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
        cache.chmod(0o644)
    if Path("/proc/self/status").read_text().count("Uid:\t0\t") and "cannot be read" not in err:
        # root reads any file whatever its mode: then the cache was simply read.
        assert "warning" not in err
    else:
        assert "cannot be read" in err and "serving without coordinates" in err
