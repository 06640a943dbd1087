"""Partnerships over time on the page: the section under the map, and the timeline's
points as buttons (a click focuses the partner: web/focus.py), in date order."""

from __future__ import annotations

from functools import lru_cache

from dash import html

from dashboard.data.language import Language
from dashboard.data.schema import NOT_PUBLISHED
from dashboard.views.cards import MAX_CARDS
from dashboard.views.text import ENGLISH, capped_list
from dashboard.views.timeline import Event, Timeline, Undated
from dashboard.web import ids
from dashboard.web.components import element, shown_of, swatch
from dashboard.web.markup import Markup


def section(lang: Language) -> html.Section:
    """The timeline's place under the map; it hides while the timeline is empty."""
    return html.Section(
        id=ids.TIMELINE_SECTION,
        className="timeline-section",
        **{"aria-labelledby": "timeline-heading"},
        children=[
            html.H2(lang._("Partnerships over time"), id="timeline-heading"),
            Markup(id=ids.TIMELINE, className="timeline"),
            html.Button(lang._("Tour in date order"), id=ids.TOUR_DATES, className="tool"),
        ],
    )


def render_timeline(timeline: Timeline, lang: Language = ENGLISH, data_lang: str = "en") -> list:
    """The dated facts as a line of buttons, oldest first (right to left in Arabic),
    and the partners without a date beside it; nothing when no partner has a date."""
    if not timeline.events:
        return []
    points = [_point(event, lang, data_lang) for event in timeline.events]
    notes = [html.P(_undated(group, lang), className="undated") for group in timeline.undated]
    if timeline.partners > MAX_CARDS:
        notes.append(shown_of(MAX_CARDS, timeline.partners, lang))
    return [html.Ol(points, className="timeline-points"), *notes]


@lru_cache(maxsize=8192)
def _point(event: Event, lang: Language, data_lang: str) -> dict:
    """A point, the same in every view that shows it: built once per language."""
    button = element(
        "Button",
        className="timeline-point",
        title=lang._("Show this partner on the map"),
        **{"data-pick": event.partner},
        children=[
            element("Span", event.when, className="when"),
            swatch(event.symbol, event.colour),
            element("Span", event.label, className="who", lang=data_lang, dir="auto"),
            element("Span", event.words, className="what"),
        ],
    )
    return element("Li", button)


def _undated(group: Undated, lang: Language) -> str:
    """'4 partners: no date published (AGSCF, EASC, …)': the sources give none, or,
    where that is not known, nobody recorded one."""
    n = len(group.labels)
    if group.why == NOT_PUBLISHED:
        words = lang.n_(
            "{count} partner: no date published ({names})",
            "{count} partners: no date published ({names})",
            n,
        )
    else:
        words = lang.n_(
            "{count} partner: no date recorded ({names})",
            "{count} partners: no date recorded ({names})",
            n,
        )
    return words.format(count=lang.number(n), names=capped_list(group.labels, lang))
