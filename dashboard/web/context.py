"""What every callback works from: the network, the atlas, the values a request may
name, and a memo of the views most recently built in this worker."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache

from dashboard.atlas import Atlas
from dashboard.data.language import Language
from dashboard.network import Network
from dashboard.state import DEFAULT_PACE, FilterState, Mode, Vocabulary
from dashboard.views.cards import cards, details
from dashboard.views.figure import map_figure
from dashboard.views.legend import legend
from dashboard.views.selection import Selection, select
from dashboard.views.summary import summary
from dashboard.views.timeline import timeline
from dashboard.web.components import as_json, render_cards, render_legend
from dashboard.web.timeline import render_timeline

# Views kept per worker ($PARTNER_MAP_VIEW_CACHE; 0 turns the memo off, which the
# benchmark uses to measure every view built afresh).
VIEW_CACHE = int(os.environ.get("PARTNER_MAP_VIEW_CACHE", "256"))


@dataclass(frozen=True)
class WholeView:
    """What a change of filters redraws."""

    figure: dict
    legend: list
    cards: list
    summary: str
    timeline: list


class Context:
    """The network never changes after start-up, so a view is a pure function of the
    state: each worker keeps the most recent ones (popular links, a tour's steps)
    instead of building them again."""

    def __init__(
        self,
        network: Network,
        atlas: Atlas,
        languages: dict[str, Language],
        default: str,
        data_lang: str = "en",
        public_url: str | None = None,
    ) -> None:
        self.network, self.atlas = network, atlas
        self.public_url = public_url  # where the audience reaches the app (config.py)
        self.languages, self.default, self.data_lang = languages, default, data_lang
        self.known = Vocabulary(
            regions=frozenset(r.slug for r in atlas.regions),
            countries=frozenset(atlas.countries.index),
            partners=tuple(network.ids),
            languages=frozenset(languages),
        )
        self._select = lru_cache(maxsize=VIEW_CACHE)(self._build_selection)
        self._whole = lru_cache(maxsize=VIEW_CACHE)(self._build_whole)
        self._details = lru_cache(maxsize=VIEW_CACHE)(self._build_details)

    def selected(self, state: FilterState) -> Selection:
        """The selection of a state: the focus selects nothing."""
        return self._select(state.filters())

    def language(self, code: object) -> Language:
        """The page's language (its LANG store), or the default for a value it cannot be."""
        return self.languages.get(
            code if isinstance(code, str) else "", self.languages[self.default]
        )

    def whole(self, state: FilterState, mode: Mode, lang: Language) -> WholeView:
        """The map, legend, cards and summary; the pace and embedding change none of them."""
        return self._whole(state, replace(mode, pace=DEFAULT_PACE, embed=False), lang)

    def details(self, state: FilterState, lang: Language) -> tuple[str, ...]:
        """The lines beside the map: what is selected and the partner in focus. Every
        answer but a table's carries them, so they are kept too."""
        return self._details(state, lang)

    def _build_details(self, state: FilterState, lang: Language) -> tuple[str, ...]:
        return tuple(details(self.network, self.atlas, state, self.selected(state), lang))

    def _build_selection(self, filters: FilterState) -> Selection:
        return select(self.network, self.atlas, filters)

    def _build_whole(self, state: FilterState, mode: Mode, lang: Language) -> WholeView:
        network, atlas, data_lang = self.network, self.atlas, self.data_lang
        selection = self.selected(state)
        shown = cards(network, atlas, state, selection, lang)
        # Components are kept as the JSON Dash sends: writing Dash components out took
        # most of a memoised answer's time (their to_plotly_json, per component, each
        # time); plain dicts and lists are written by json's C encoder.
        return WholeView(
            figure=map_figure(network, atlas, state, selection, mode, lang),
            legend=as_json(render_legend(legend(network, selection), lang, data_lang)),
            cards=as_json(render_cards(shown, len(selection.partners), lang, data_lang)),
            summary=summary(network, atlas, state, selection, mode.present, lang),
            timeline=as_json(
                render_timeline(timeline(network, selection.partners, lang), lang, data_lang)
            ),
        )
