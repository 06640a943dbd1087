"""Dash components written out as plain HTML, for the page the server sends first
(first_view.py): the same skeleton and the same components the app renders, so the
app can take its place without anything moving.

`fills` replaces properties by component id (a summary's children, the map frame's
image); components that exist only for the app's scripts (stores, the address, the
tour's clock, the download) write nothing, and a dropdown writes a disabled native
select showing its choice, the same size as Dash's (style.css).
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from dash.development.base_component import Component

VOID = {"img", "br", "hr", "input", "meta", "link", "col", "wbr", "source", "track"}
TAGS = {"MapEl": "map", "ObjectEl": "object"}
ATTRIBUTES = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex"}
# Properties of Dash's own, never attributes of the element.
SKIPPED = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state"}
SCRIPT_ONLY = {"Store", "Location", "Interval", "Download"}
PAGE = "\0page"  # where fills keeps the page's address


def to_html(node: Any, fills: dict[str, dict] | None = None, page: str = "") -> str:
    """The HTML of a component tree (or a string, or a list of them); a link to a place
    on the page ("#map-section") is written after the page's own address, `page`."""
    fills = fills or {}
    if page:
        fills = {**fills, PAGE: {"href": page}}
    if node is None:
        return ""
    if isinstance(node, str | int | float):
        return escape(str(node), quote=False)
    if isinstance(node, list | tuple):
        return "".join(to_html(child, fills) for child in node)
    if isinstance(node, Component):
        node = node.to_plotly_json()
    if not (isinstance(node, dict) and {"type", "namespace", "props"} <= node.keys()):
        raise TypeError(f"cannot write {type(node).__name__} as HTML")
    # A component, or a component as Dash writes it out (a memoised view keeps those).
    kind, props = node["type"], node["props"]
    if isinstance(props.get("id"), str):
        props = {**props, **fills.get(props["id"], {})}
    if node["namespace"] == "dash_html_components":
        return _element(TAGS.get(kind, kind.lower()), props, fills)
    return _core(kind, props, fills)


def _element(tag: str, props: dict, fills: dict) -> str:
    page = fills.get(PAGE, {}).get("href", "")
    attributes = "".join(_attribute(name, value, page) for name, value in props.items())
    if tag in VOID:
        return f"<{tag}{attributes}>"
    return f"<{tag}{attributes}>{to_html(props.get('children'), fills)}</{tag}>"


def _attribute(name: str, value: Any, page: str = "") -> str:
    if name == "href" and isinstance(value, str) and value.startswith("#"):
        value = page + value
    if name in SKIPPED or value is None or value is False:
        return ""
    if name == "id" and not isinstance(value, str):
        return ""  # a pattern-matching id: only the app's callbacks use it
    if name == "style":
        value = "; ".join(f"{_kebab(key)}: {val}" for key, val in value.items())
    name = ATTRIBUTES.get(name, name)
    if value is True:
        return f" {name}"
    return f' {name}="{escape(str(value))}"'


def _kebab(name: str) -> str:
    return re.sub(r"[A-Z]", lambda m: "-" + m.group().lower(), name)


def _core(kind: str, props: dict, fills: dict) -> str:
    """dcc components: what stands in each one's place before the app's scripts run."""
    if kind in SCRIPT_ONLY:
        return ""
    if kind == "Markup":
        element = {"id": props["id"], "className": props.get("className")}
        return _element(props["tag"], {**element, "children": props.get("content")}, fills)
    if kind == "Graph":
        return _element("div", {"id": props.get("id"), "className": props.get("className")}, fills)
    if kind == "Dropdown":
        return _dropdown(props)
    if kind == "Input":
        keep = ("id", "type", "min", "max", "step", "value", "inputMode")
        attributes = {name: props[name] for name in keep if name in props}
        attributes["disabled"] = True
        return _element("input", {**attributes, "className": props.get("className")}, fills)
    raise TypeError(f"no HTML for dcc.{kind}")


def _dropdown(props: dict) -> str:
    """A disabled select showing the dropdown's choice, or its placeholder."""
    chosen = props.get("value")
    chosen = chosen if isinstance(chosen, list) else [chosen]
    labels = {option["value"]: option["label"] for option in props.get("options", [])}
    shown = ", ".join(str(labels[value]) for value in chosen if value in labels)
    return (
        f'<div class="dash-dropdown-wrapper"><select id="{escape(props["id"])}"'
        f' class="static-dropdown" disabled><option>{escape(shown or props.get("placeholder", ""))}'
        "</option></select></div>"
    )
