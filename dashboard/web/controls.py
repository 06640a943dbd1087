"""Which component property holds each part of the state, and reading them back.

The callbacks name their inputs and outputs from these tables, so no callback depends
on the order of another's arguments, and a new control is added in one place.
"""

from __future__ import annotations

from collections.abc import Iterable

from dash import Input, Output, State
from flask import has_request_context, request

from dashboard.state import (
    SCREEN_COOKIE,
    FilterState,
    Mode,
    Vocabulary,
    mode_from_controls,
    state_from_controls,
)
from dashboard.web import ids

# What is selected: the arguments of dashboard.state.state_from_controls.
FILTERS = {
    "region": (ids.REGION, "value"),
    "country": (ids.COUNTRY, "value"),
    "partners": (ids.PARTNERS, "value"),
    "count_regions": (ids.COUNT_REGIONS, "data"),
    "focus": (ids.FOCUS, "data"),
}
# How it is shown: the arguments of dashboard.state.mode_from_controls.
MODE = {
    "view": (ids.VIEW, "data"),
    "pace": (ids.TOUR_PACE, "value"),
}
CONTROLS = {**FILTERS, **MODE}  # what a link holds
# The map frame's shape on this screen: an input of what is drawn, never in a link.
SCREEN = {"aspect": (ids.MAP_SHAPE, "data")}
SELECTING = ("region", "country", "partners", "count_regions")  # what picks partners


def inputs(names: Iterable[str] = CONTROLS) -> dict[str, Input]:
    return {name: Input(*{**CONTROLS, **SCREEN}[name]) for name in names}


def states(names: Iterable[str] = CONTROLS) -> dict[str, State]:
    return {name: State(*CONTROLS[name]) for name in names}


def outputs(names: Iterable[str] = CONTROLS, duplicate: bool = False) -> dict[str, Output]:
    return {name: Output(*CONTROLS[name], allow_duplicate=duplicate) for name in names}


def read_state(values: dict, known: Vocabulary) -> FilterState:
    """The filter controls' values (by name) as a FilterState; what is missing is empty."""
    return state_from_controls(*(values.get(name) for name in FILTERS), known=known)


def read_mode(values: dict) -> Mode:
    """The mode controls' values (by name), and the screen's if given, as a Mode."""
    names = ("view", "pace", "aspect", "screen")
    return mode_from_controls(*(values.get(name) for name in names))


def screen_cookie() -> str | None:
    """What the browser says of its screen (assets/screen.js), with every request the
    page makes, its first layout's too: so the map is drawn for a phone from the start."""
    return request.cookies.get(SCREEN_COOKIE) if has_request_context() else None


def control_values(state: FilterState, mode: Mode) -> dict:
    """The value each control holds for a state and mode: read_state's inverse."""
    return {
        "region": state.region,
        "country": state.country,
        "partners": list(state.partners),
        "count_regions": state.count_regions,
        "focus": state.focus,
        "view": mode.as_data(),
        "pace": mode.pace,
    }
