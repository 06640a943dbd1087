"""What every response carries, and what a callback request must look like.

- Security headers on every response: a strict Content-Security-Policy (scripts
  only from the app itself, plus the hashes of Dash's own inline scripts; no
  'unsafe-eval'), nosniff, a referrer policy, and a Permissions-Policy that
  denies what the dashboard never uses.
- A 404 for unknown paths and unknown component files (not the dashboard, not a 500).
- A size limit on request bodies, and a check of the callback envelope
  (/_dash-update-component): a request that names no registered callback, or
  whose inputs do not match it, is refused with 400 before Dash sees it, so a
  malformed request is the client's error (4xx), never a server error.

See docs/SECURITY.md for the threat model.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from dash import Dash
from dash.exceptions import DependencyException
from flask import Flask, Response, jsonify, request

MAX_BODY = 256 * 1024  # bytes: a real callback request here is a few kilobytes
UPDATE_PATH = "_dash-update-component"
LOG = logging.getLogger("partner_map")

# Features the page never uses; fullscreen stays, for presenter mode.
PERMISSIONS = (
    ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "autoplay",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "usb",
            "xr-spatial-tracking",
        )
    )
    + ", fullscreen=(self)"
)


def content_security_policy(script_hashes: list[str], frame_ancestors: str) -> str:
    """The policy: everything from the app itself; inline scripts only by hash."""
    scripts = " ".join(["'self'", *script_hashes])  # Dash gives them quoted
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            # plotly.js and Dash set style attributes and inject style sheets at run time.
            "style-src 'self' 'unsafe-inline'",
            # plotly's PNG export draws through data: and blob: images.
            "img-src 'self' data: blob:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


def protect(app: Dash, frame_ancestors: str) -> None:
    """Add the headers, the body limit and the callback-envelope check to `app`.
    Call it after every callback is registered: the policy hashes their scripts."""
    server: Flask = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    policy = content_security_policy(app.csp_hashes(), frame_ancestors)
    callbacks = app.callback_map

    @server.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Permissions-Policy"] = PERMISSIONS
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        return response

    @server.before_request
    def check_callback_request():
        if request.method != "POST" or not request.path.endswith(UPDATE_PATH):
            return None
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # json nested thousands deep
            body = None
        problem = envelope_problem(body, callbacks)
        if problem:
            LOG.info("refused a callback request: %s", problem)
            return jsonify({"error": "bad callback request", "detail": problem}), 400
        return None

    @server.errorhandler(413)
    def too_large(_error):
        return jsonify({"error": f"request body over {MAX_BODY} bytes"}), 413

    answer_not_found(server)


NOT_FOUND_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p>This address is not a page of the dashboard.
<a href="/">Open the map</a>.</p></body></html>"""


def answer_not_found(server: Flask) -> None:
    """A 404 for what is not there, with nothing in the error log: Dash answers any
    path with the dashboard (a soft 404 that crawlers index and link checkers miss),
    and an unknown file of its component suites with a 500 and a traceback."""

    @server.before_request
    def only_the_dashboards_own_page():
        rule = request.url_rule.rule if request.url_rule else ""
        if rule == "/<path:path>":
            return NOT_FOUND_PAGE, 404, {"Content-Type": "text/html; charset=utf-8"}
        return None

    @server.errorhandler(DependencyException)
    def unknown_component_file(_error):
        return "Not found", 404, {"Content-Type": "text/plain; charset=utf-8"}


def envelope_problem(body: Any, callbacks: dict) -> str | None:
    """What is wrong with a callback request's envelope, or None if it fits a callback."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callbacks:
        return "no such callback"
    spec = callbacks[output]
    if "callback" not in spec:  # a clientside callback: it runs in the browser
        return "no such server callback"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(
        isinstance(c, str) and _is_input_of(c, spec) for c in changed
    ):
        return "changedPropIds must name inputs of the callback"
    for part in ("inputs", "state"):
        declared = spec.get(part, [])
        given = body.get(part, [] if part == "state" else None)
        if not isinstance(given, list) or len(given) != len(declared):
            return f"{part} do not match the callback"
        for want, got in zip(declared, given, strict=True):
            problem = _item_problem(want, got)
            if problem:
                return f"{part}: {problem}"
    return _outputs_problem(output, body.get("outputs"))


def _outputs_problem(output: str, outputs: Any) -> str | None:
    """A multi-output callback ("..a.b...c.d..") takes a list with an item per output;
    a single output, one object. A pattern-matching output ({...}.prop) takes a list."""
    names = output.strip(".").split("...") if output.startswith("..") else [output]
    items = outputs if output.startswith("..") else [outputs]
    if not isinstance(items, list) or len(items) != len(names):
        return "outputs do not match the callback"
    for name, item in zip(names, items, strict=True):
        component, prop = name.split("@")[0].rsplit(".", 1)
        if component.startswith("{"):
            pattern = json.loads(component)
            if not isinstance(item, list) or not all(
                isinstance(part, dict) and _fits(part.get("id"), pattern) for part in item
            ):
                return "a pattern-matching output takes a list of items with matching ids"
        elif not isinstance(item, dict) or (
            item.get("id"),
            str(item.get("property")).split("@")[0],  # allow_duplicate outputs: "data@hash"
        ) != (component, prop):
            return "outputs do not match the callback"
    return None


def _fits(item_id: Any, pattern: dict) -> bool:
    """A component id fits a pattern: the same keys, and the same value where the
    pattern names one (ALL matches any string)."""
    if not isinstance(item_id, dict) or set(item_id) != set(pattern):
        return False
    return all(
        isinstance(item_id[key], str) if isinstance(value, list) else item_id[key] == value
        for key, value in pattern.items()
    )


def _is_input_of(prop_id: str, spec: dict) -> bool:
    """Whether "id.property" names one of the callback's inputs (a pattern input's
    id comes as the matching component's id, in JSON)."""
    component, _, prop = prop_id.rpartition(".")
    for declared in spec.get("inputs", []):
        if declared.get("property") != prop:
            continue
        if declared["id"] == component:
            return True
        if declared["id"].startswith("{") and component.startswith("{"):
            try:
                if _fits(json.loads(component), json.loads(declared["id"])):
                    return True
            except ValueError:
                return False
    return False


def _item_problem(want: dict, got: Any) -> str | None:
    """An input or state item against its declaration: same id and property."""
    declared = want.get("id")
    if isinstance(declared, str) and declared.startswith("{"):
        # Pattern-matching (ALL): a list of items whose dict ids share the pattern's type.
        pattern = json.loads(declared)
        if not isinstance(got, list):
            return "a pattern-matching input takes a list"
        for item in got:
            if not isinstance(item, dict) or not _fits(item.get("id"), pattern):
                return "wrong id"
            if item.get("property") != want.get("property"):
                return "wrong property"
        return None
    if not isinstance(got, dict):
        return "each item must be an object"
    if got.get("id") != want.get("id") or got.get("property") != want.get("property"):
        return "unknown id or property"
    return None
