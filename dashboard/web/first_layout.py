"""The layout as Dash first asks for it: the page in its language with the first
answers of its callbacks already in place, for the address of the page that asks.

Dash asks for the layout in a request of its own, without the page's query; the
page's address is read from the Referer, as its language is (languages.py). With
the view already in the layout, a page load asks the server nothing more: the app
shows the view without a round trip of callbacks, and a change of language costs a
page and a layout, each kept per language and address in the worker.

Where a request does not say which page asks (no Referer), the layout holds the
page's default view and leaves the address out; the browser then writes its address
in, and the page's change callback (changes.py) brings its view, as on back and forward.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache

from dash import Dash, Output, dcc, no_update
from dash._utils import to_json
from dash.development.base_component import Component
from flask import Response

from dashboard.data.language import Language
from dashboard.state import FilterState, Mode, parse_query, screen_flags, screen_words, to_query
from dashboard.tour import Counts
from dashboard.web import controls, ids
from dashboard.web.address import dropped_notice
from dashboard.web.context import Context
from dashboard.web.languages import asking_page_query
from dashboard.web.presenting import STOPPED, TOUR_OUTPUTS, tour_outputs
from dashboard.web.view import OUTPUTS, toured, whole_answer

LAYOUT_CACHE = 64  # layouts kept per worker, by language, address and screen (~100 kB each)

Answers = dict[str, dict]  # property values by component id


class FirstLayout:
    """The first layouts of a page: `skeleton(code)` builds the empty page in a
    language, afresh each time (the first answers are written into it)."""

    def __init__(
        self, context: Context, skeleton: Callable[[str], Component], still_path: str
    ) -> None:
        self.context, self.skeleton, self.still_path = context, skeleton, still_path
        self.answers = lru_cache(maxsize=LAYOUT_CACHE)(self._answers)
        self.layout = lru_cache(maxsize=LAYOUT_CACHE)(self._layout)
        self.json = lru_cache(maxsize=LAYOUT_CACHE)(self._json)

    def _answers(self, code: str, query: str | None, screen: str = "") -> Answers:
        """What the page's callbacks answer first for an address (None: not known), on
        a screen (state.screen_words)."""
        context, lang = self.context, self.context.language(code)
        parsed = parse_query(query or "", context.known)
        mode = replace(parsed.mode, **screen_flags(screen))
        values = controls.control_values(parsed.state, mode)
        tour = tour_outputs(context, parsed.state, mode, Counts(), None, lang)
        touring = STOPPED if tour["tour"] is no_update else tour["tour"]
        state = toured(parsed.state, mode, touring, context)
        view = whole_answer(context, state, mode, None, "cards", lang)
        return merged(
            by_id(controls.outputs(), values),
            {ids.NOTICE: {"children": dropped_notice(parsed.dropped, lang)}},
            address_seen(query),
            by_id(TOUR_OUTPUTS, tour),
            by_id(OUTPUTS, view),
            {ids.STILL: {"src": self.still(parsed.state, mode, lang), "alt": view["summary"]}},
            # What the page's clientside callbacks set from these at once.
            {ids.ROOT: {"className": root_class(mode)}},
            {ids.COUNT_REGIONS_SWITCH: {"aria-checked": str(parsed.state.count_regions).lower()}},
        )

    def still(self, state: FilterState, mode: Mode, lang: Language) -> str:
        """The address of the view's still picture, which the map frame shows until
        plotly.js has drawn the map; its words in the page's language."""
        still_lang = None if lang.code == self.context.default else lang.code
        query = to_query(state, mode, still_lang)
        return self.still_path + (f"?{query}" if query else "")

    def _layout(self, code: str, query: str | None, screen: str = "") -> Component:
        page, answers = self.skeleton(code), self.answers(code, query, screen)
        for component in _components(page):
            for prop, value in answers.get(component.id, {}).items():
                _set(component, prop, value)
        return page

    def _json(self, code: str, query: str | None, screen: str = "") -> bytes:
        return to_json(self.layout(code, query, screen)).encode()


def serve_first_layout(app: Dash, first: FirstLayout, language: Callable[[], Language]) -> None:
    """Answer Dash's layout request with the first layout of the page that asks."""
    app.layout = lambda: first.layout(language().code, asking_page_query(), screen())
    # Dash would write a whole layout into every page's config (76 kB) for the browser
    # to check callbacks against; the page's own layout has every id, so it checks
    # against that.
    app.validation_layout = None

    def layout() -> Response:
        body = first.json(language().code, asking_page_query(), screen())
        return Response(body, mimetype="application/json")

    app.server.view_functions[app.config.routes_pathname_prefix + "_dash-layout"] = layout


def screen() -> str:
    """The asking browser's screen, in the words that count (one cache entry each)."""
    return screen_words(controls.screen_cookie())


def address_seen(query: str | None) -> Answers:
    """The address as the browser has it, and as the page has seen it (address.py);
    nothing where it is not known, so the browser writes it in and its view follows."""
    if query is None:
        return {}
    search = f"?{query}" if query else ""
    return {ids.URL: {"search": search}, ids.ADDRESS: {"data": search}}


def by_id(outputs: dict[str, Output], answer: dict) -> Answers:
    """A callback's answer (by output name) as property values by component id."""
    found: Answers = {}
    for name, output in outputs.items():
        if name in answer and answer[name] is not no_update:
            found.setdefault(output.component_id, {})[output.component_property] = answer[name]
    return found


def merged(*parts: Answers) -> Answers:
    whole: Answers = {}
    for part in parts:
        for component_id, props in part.items():
            whole.setdefault(component_id, {}).update(props)
    return whole


def root_class(mode: Mode) -> str:
    """The page's classes for a mode, as presenting.py's clientside callback sets them."""
    flags = {"present": mode.present, "touring": mode.tour, "embed": mode.embed}
    return " ".join(["app", *(name for name, on in flags.items() if on)])


def _components(page: Component) -> Iterator[Component]:
    """The page and every component in it with a plain id."""
    for component in [page, *page._traverse()]:
        if isinstance(getattr(component, "id", None), str):
            yield component


def _set(component: Component, prop: str, value: object) -> None:
    if value is None and isinstance(component, dcc.Store):
        # A store mounting with None reports a change (its memory holds undefined),
        # which would call the callbacks this layout has already answered.
        if hasattr(component, prop):
            delattr(component, prop)
        return
    setattr(component, prop, value)
