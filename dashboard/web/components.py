"""The page's components for what the views say: cards, legend, details, table."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from dash import html

from dashboard.views.cards import Card
from dashboard.views.legend import Legend
from dashboard.views.style import PLACE_COLOUR
from dashboard.views.table import COLUMNS, PAGE_ROWS, SORTABLE
from dashboard.views.text import UNKNOWN, capped_list, countries
from dashboard.web import ids

# Why a partner in view has no marker, as the legend says it.
UNPLACED = {
    "not published": "No headquarters published",
    "not recorded": "No headquarters recorded",
    "not geocoded": "Headquarters not geocoded yet",
}
SYMBOL_GLYPHS = {
    "circle": "●",
    "square": "■",
    "diamond": "◆",
    "triangle-up": "▲",
    "star": "★",
    "pentagon": "⬟",
    "hexagram": "✶",
    "triangle-down": "▼",
    "cross": "✚",
    "x": "✖",
    "hourglass": "⧗",
    "bowtie": "⋈",
}


def render_legend(legend: Legend) -> list:
    """The marker legend, and a note on partners the map cannot place."""
    parts: list = []
    if legend.items:
        parts.append(_marker_list(legend))
    elif legend.places:
        places = f" Headquarters of {legend.placed:,} partners in {legend.places:,} places;"
        sized = " a marker's size shows how many are there."
        parts.append(_note([_swatch("circle", PLACE_COLOUR), places + sized]))
    for why, labels in legend.unplaced:
        parts.append(_note(f"{UNPLACED[why]}, so no marker: {capped_list(labels)}."))
    if legend.worldwide:
        worldwide = f" reach, not drawn on any country: {capped_list(legend.worldwide)}."
        parts.append(_note([html.Span("Worldwide", className="badge"), worldwide]))
    return parts


def _marker_list(legend: Legend) -> html.Ul:
    return html.Ul(
        className="legend-markers",
        **{"aria-label": "Headquarters markers"},
        children=[
            html.Li(
                [
                    _swatch(item.symbol, item.colour),
                    html.Abbr(item.label, title=item.name)
                    if item.label != item.name
                    else item.label,
                ]
            )
            for item in legend.items
        ],
    )


def _note(children) -> html.P:
    return html.P(children, className="legend-note")


def render_cards(cards: list[Card], total: int) -> list:
    """Card values to components, and a note when not every partner has a card."""
    rendered: list = [render_card(card) for card in cards]
    if total > len(cards):
        rendered.append(
            html.P(
                f"Showing {len(cards):,} of {total:,} partners. Narrow the filters, or see "
                "them all in the Table tab and its CSV.",
                className="cards-note",
            )
        )
    return rendered


def render_stage(card: Card) -> list:
    """The partner in focus, large, beside the map in presenter mode."""
    return [html.H2("In focus", className="visually-hidden"), render_card(card, expanded=True)]


@lru_cache(maxsize=4096)
def render_card(card: Card, expanded: bool = False) -> html.Article:
    """A partner card; `expanded` opens its served countries (the presenter's stage)."""
    return html.Article(
        id={"type": ids.CARD, "id": card.id},
        className="card focused" if card.focused else "card",
        children=[
            html.H3(_card_title(card)),
            _facts(card),
            _description(card.paragraphs),
            html.Div(className="served", children=_served(card, expanded)),
            html.P(f"Headquarters source: {card.hq_source}", className="source")
            if card.hq_source
            else None,
        ],
    )


def _card_title(card: Card) -> html.Button:
    """The partner's symbol, name and acronym: a button that focuses it on the map."""
    acronym = html.Span(card.acronym, className="acronym") if card.acronym else None
    return html.Button(
        id={"type": ids.CARD_FOCUS, "id": card.id},
        className="card-title",
        n_clicks=0,
        title="Show this partner on the map",
        **{"aria-pressed": "true" if card.focused else "false"},
        children=[
            _swatch(card.symbol, card.colour),
            html.Span([html.Span(card.name, className="name"), " ", acronym]),
        ],
    )


def _swatch(symbol: str, colour: str) -> html.Span:
    """A marker's symbol in its colour, as text (screen readers skip it)."""
    return html.Span(
        SYMBOL_GLYPHS.get(symbol, "●"),
        className="swatch",
        style={"color": colour},
        **{"aria-hidden": "true"},
    )


def _facts(card: Card) -> html.Dl:
    facts = [
        ("Headquarters", card.headquarters + (f" ({card.hq_basis})" if card.hq_basis else "")),
        ("Founded", card.founded),
        ("MoU signed", card.mou),
    ]
    facts = [(label, value) for label, value in facts if value is not None]
    if card.website:
        # check accepts only http(s) addresses, so this can never be a javascript: link.
        link = html.A(card.website, href=card.website, rel="noopener noreferrer", target="_blank")
        facts.append(("Website", link))
    return html.Dl(
        className="facts",
        children=[
            part
            for label, value in facts
            for part in (
                html.Dt(label),
                html.Dd(value, className="unknown" if value in UNKNOWN.values() else None),
            )
        ],
    )


def _description(paragraphs: tuple[str, ...]) -> html.Div:
    """The first paragraph, and the rest behind "More" so cards stay scannable."""
    if not paragraphs:
        return html.Div(
            html.P("No description in the sources.", className="unknown"), className="description"
        )
    first, rest = paragraphs[0], paragraphs[1:]
    more = [html.Details([html.Summary("More"), *[html.P(p) for p in rest]])] if rest else []
    return html.Div([html.P(first), *more], className="description")


def _served(card: Card, expanded: bool = False) -> list:
    parts: list = [html.H4("Serves")]
    for group in card.served:
        parts.append(
            html.Details(
                [
                    html.Summary(f"{group.heading}: {countries(len(group.countries))}"),
                    html.P(", ".join(group.countries), className="countries"),
                    html.P(["Source: ", html.Q(group.words)], className="source"),
                ],
                open=expanded,
            )
        )
    for words in card.worldwide:
        parts.append(
            html.P(
                [
                    html.Span("Worldwide", className="badge"),
                    " reach, no countries named: ",
                    html.Q(words),
                ],
                className="worldwide",
            )
        )
    for words in card.other_words:
        parts.append(
            html.P(["Also, in words that name no country: ", html.Q(words)], className="source")
        )
    if len(parts) == 1:
        parts.append(html.P("No served area in the sources.", className="unknown"))
    return parts


def render_details(lines: list[str]) -> list[html.P]:
    """What the last tap or click picked, in words."""
    return [html.P(line) for line in lines]


def table_skeleton() -> html.Div:
    """The table with its caption, headers and body, drawn once with the page.

    The sort buttons are never redrawn: a redraw would replace a button between a
    visitor's click and its answer, and Dash drops the answer of the replaced one
    (a click that did nothing). The view fills in the caption and the rows; which
    column is sorted is shown by a clientside callback (web/table.py)."""
    headers = [
        html.Th(
            _sort_button(name, heading),
            id={"type": ids.SORT_HEADER, "column": name},
            scope="col",
            className=f"col-{name}",
            **{"aria-sort": "none"},
        )
        if name in SORTABLE
        else html.Th(heading, scope="col", className=f"col-{name}")
        for name, heading in COLUMNS.items()
    ]
    return html.Div(
        className="table-scroll",
        tabIndex=0,
        **{"role": "region", "aria-label": "Table of links"},
        children=html.Table(
            className="links",
            children=[
                html.Caption(id=ids.TABLE_CAPTION),
                html.Thead(html.Tr(headers)),
                html.Tbody(id=ids.TABLE_BODY),
            ],
        ),
    )


def _sort_button(name: str, heading: str) -> html.Button:
    return html.Button(
        heading,
        id={"type": ids.SORT_BUTTON, "column": name},
        className="sort",
        n_clicks=0,
        title=f"Sort by {heading.lower()}",
    )


def render_rows(table: pd.DataFrame) -> list:
    """The table's rows (the first PAGE_ROWS: the CSV holds them all)."""
    return [
        html.Tr([html.Td(row[name], className=f"col-{name}") for name in COLUMNS])
        for row in table.head(PAGE_ROWS).to_dict("records")
    ]


def table_caption(table: pd.DataFrame) -> str:
    caption = f"{len(table)} rows: one per partner and served country"
    worldwide = int((table["country_iso3"] == "").sum())
    if worldwide:
        caption += f", and one per partner stating worldwide reach ({worldwide})"
    if len(table) > PAGE_ROWS:
        caption += f"; the first {PAGE_ROWS} are shown, the CSV holds all"
    return caption
