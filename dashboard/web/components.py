"""The page's components for what the views say: cards, legend, details, table."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard.data.language import N_, Language
from dashboard.views.cards import Card
from dashboard.views.legend import NO_HQ_PUBLISHED, NO_HQ_RECORDED, NOT_GEOCODED, Legend
from dashboard.views.style import PLACE_COLOUR
from dashboard.views.table import COLUMNS, DATA_WORDS, PAGE_ROWS, SORTABLE
from dashboard.views.text import ENGLISH, capped_list, countries, partners
from dashboard.web import ids

# Why a partner in view has no marker, as the legend says it.
UNPLACED = {
    NO_HQ_PUBLISHED: N_("No headquarters published, so no marker: {names}."),
    NO_HQ_RECORDED: N_("No headquarters recorded, so no marker: {names}."),
    NOT_GEOCODED: N_("Headquarters not geocoded yet, so no marker: {names}."),
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


def render_legend(legend: Legend, lang: Language = ENGLISH, data_lang: str = "en") -> list:
    """The marker legend, and a note on partners the map cannot place."""
    parts: list = []
    if legend.items:
        parts.append(_marker_list(legend, lang, data_lang))
    elif legend.places:
        places = lang.n_(
            "Headquarters of {partners} in {count} place; "
            "a marker's size shows how many are there.",
            "Headquarters of {partners} in {count} places; "
            "a marker's size shows how many are there.",
            legend.places,
        ).format(partners=partners(legend.placed, lang), count=lang.number(legend.places))
        parts.append(_note([swatch("circle", PLACE_COLOUR), " ", places]))
    for why, labels in legend.unplaced:
        parts.append(_note(lang._(UNPLACED[why]).format(names=capped_list(labels, lang))))
    if legend.worldwide:
        worldwide = lang._("not drawn on any country: {names}.")
        names = capped_list(legend.worldwide, lang)
        parts.append(_note([_badge(lang), " ", worldwide.format(names=names)]))
    return parts


def _badge(lang: Language) -> dict:
    return element("Span", lang._("Worldwide reach"), className="badge")


def _marker_list(legend: Legend, lang: Language, data_lang: str) -> html.Ul:
    return html.Ul(
        className="legend-markers",
        **{"aria-label": lang._("Headquarters markers")},
        children=[
            html.Li(
                [
                    swatch(item.symbol, item.colour),
                    html.Abbr(item.label, title=item.name, lang=data_lang, dir="auto")
                    if item.label != item.name
                    else html.Span(item.label, lang=data_lang, dir="auto"),
                ]
            )
            for item in legend.items
        ],
    )


def _note(children) -> html.P:
    return html.P(children, className="legend-note")


def element(tag: str, children: Any = None, **props: Any) -> dict:
    """An HTML element as Dash writes out an html component (`tag` is its type, e.g.
    "Article"): what a Markup draws, static_html writes and Dash renders. The cards and
    the timeline are built so: constructing Dash components only to write them out
    took 0.8 ms a card, most of the first view of a region at N = 10,000."""
    written = {name: value for name, value in props.items() if value is not None}
    if children is not None:
        written["children"] = children
    return {"type": tag, "namespace": "dash_html_components", "props": written}


def render_cards(
    cards: list[Card], total: int, lang: Language = ENGLISH, data_lang: str = "en"
) -> list:
    """Card values to elements, and a note when not every partner has a card."""
    rendered: list = [render_card(card, lang, data_lang) for card in cards]
    if total > len(cards):
        rendered.append(shown_of(len(cards), total, lang))
    return rendered


def shown_of(shown: int, total: int, lang: Language) -> html.P:
    """The note under the cards and the timeline when they show the first partners."""
    note = lang._(
        "Showing {shown} of {total} partners. Narrow the filters, or see them all in "
        "the Table tab and its CSV."
    )
    words = note.format(shown=lang.number(shown), total=lang.number(total))
    return html.P(words, className="cards-note")


def render_stage(card: Card, lang: Language = ENGLISH, data_lang: str = "en") -> list:
    """The partner in focus, large, beside the map in presenter mode."""
    return [
        html.H2(lang._("In focus"), className="visually-hidden"),
        render_card(card, lang, data_lang, expanded=True),
    ]


@lru_cache(maxsize=4096)
def render_card(
    card: Card, lang: Language = ENGLISH, data_lang: str = "en", expanded: bool = False
) -> dict:
    """A partner card; `expanded` opens its served countries (the presenter's stage).
    The partner's own words keep their language (`data_lang`), marked for screen readers.
    The same in every view that shows it, so kept, per language."""
    source = lang._("Headquarters source: {source}")
    # The stage's copy of a card is neither picked by a click nor marked by the focus:
    # the list's card is (one mark, one element), and its title is not a button (the
    # partner is in focus already).
    return element(
        "Article",
        **({} if expanded else {"data-mark": card.id}),
        className="card focused" if card.focused else "card",
        children=[
            element("H3", _card_title(card, lang, card.name_lang or data_lang, not expanded)),
            _facts(card, lang),
            _description(card.paragraphs, lang, card.text_lang or data_lang),
            element("Div", _served(card, lang, data_lang, expanded), className="served"),
            element(
                "P", _split(source, "source", _cited(card.hq_source, data_lang)), className="source"
            )
            if card.hq_source
            else None,
        ],
    )


def _card_title(card: Card, lang: Language, data_lang: str, button: bool = True) -> dict:
    """The partner's symbol, name and acronym: a button that focuses it on the map."""
    acronym = element("Span", card.acronym, className="acronym") if card.acronym else None
    name = element("Span", card.name, className="name")
    children = [
        swatch(card.symbol, card.colour),
        element("Span", [name, " ", acronym], lang=data_lang, dir="auto"),
    ]
    if not button:
        return element("Span", children, className="card-title")
    pressed = "true" if card.focused else "false"
    return element(
        "Button",
        children,
        className="card-title",
        title=lang._("Show this partner on the map"),
        **{"aria-pressed": pressed, "data-pick": card.id},
    )


def swatch(symbol: str, colour: str) -> dict:
    """A marker's symbol in its colour, as text (screen readers skip it)."""
    return element(
        "Span",
        SYMBOL_GLYPHS.get(symbol, "●"),
        className="swatch",
        style={"color": colour},
        **{"aria-hidden": "true"},
    )


def _facts(card: Card, lang: Language) -> dict:
    headquarters = card.headquarters
    if card.hq_basis:
        headquarters = lang._("{place} ({basis})").format(place=headquarters, basis=card.hq_basis)
    facts = [
        (lang._("Headquarters"), headquarters, not card.known_hq),
        (lang._("Founded"), card.founded, "founded" in card.unknowns),
        (lang._("MoU signed"), card.mou, "mou" in card.unknowns),
    ]
    facts = [fact for fact in facts if fact[1] is not None]
    if card.website:
        # check accepts only http(s) addresses, so this can never be a javascript: link.
        link = element(
            "A", card.website, href=card.website, rel="noopener noreferrer", target="_blank"
        )
        facts.append((lang._("Website"), link, False))
    return element(
        "Dl",
        className="facts",
        children=[
            part
            for label, value, missing in facts
            for part in (
                element("Dt", label),
                element("Dd", value, className="unknown" if missing else None),
            )
        ],
    )


def _description(paragraphs: tuple[str, ...], lang: Language, data_lang: str) -> dict:
    """The first paragraph, and the rest behind "More" so cards stay scannable; in the
    source's own words and language, said so where the page speaks another."""
    if not paragraphs:
        missing = element("P", lang._("No description in the sources."), className="unknown")
        return element("Div", missing, className="description")
    first, rest = paragraphs[0], paragraphs[1:]
    more = element(
        "Details", [element("Summary", lang._("More"))] + [element("P", p) for p in rest]
    )
    return element(
        "Div",
        [
            source_language_note(lang, data_lang),
            element(
                "Div", [element("P", first), *([more] if rest else [])], lang=data_lang, dir="auto"
            ),
        ],
        className="description",
    )


def source_language_note(lang: Language, data_lang: str) -> dict | None:
    """ "In English, as the source writes it": where the page speaks another language
    than the data's, its words are shown as written, never machine-translated."""
    if lang.code == data_lang.split("-")[0]:
        return None
    note = lang._("In {language}, as the source writes it")
    return element(
        "P", note.format(language=lang.language_name(data_lang)), className="source-lang"
    )


def _quoted(words: str, data_lang: str) -> dict:
    """The source's own words, in their language."""
    return element("Q", words, lang=data_lang, dir="auto")


def _served(card: Card, lang: Language, data_lang: str, expanded: bool = False) -> list:
    parts: list = [element("H4", lang._("Serves"))]
    for group in card.served:
        summary = lang._("{basis}: {countries}").format(
            basis=group.heading, countries=countries(len(group.countries), lang)
        )
        source = _split(lang._("Source: {words}"), "words", _quoted(group.words, data_lang))
        parts.append(
            element(
                "Details",
                [
                    element("Summary", summary),
                    element("P", lang.and_list(list(group.countries)), className="countries"),
                    element("P", source, className="source"),
                ],
                open=expanded,
            )
        )
    for words in card.worldwide:
        reach = _split(lang._("no countries named: {words}"), "words", _quoted(words, data_lang))
        parts.append(element("P", [_badge(lang), " ", *reach], className="worldwide"))
    for words in card.other_words:
        also = _split(
            lang._("Also, in words that name no country: {words}"),
            "words",
            _quoted(words, data_lang),
        )
        parts.append(element("P", also, className="source"))
    if len(parts) == 1:
        parts.append(element("P", lang._("No served area in the sources."), className="unknown"))
    return parts


def _cited(citation: str, data_lang: str) -> dict:
    """A citation as the data writes it, in the data's language: in Arabic its English
    words and punctuation keep their own direction."""
    return element("Span", citation, lang=data_lang, dir="auto")


def _split(message: str, name: str, component) -> list:
    """A translated message with a component where its {name} placeholder stands."""
    before, _, after = message.partition("{" + name + "}")
    return [part for part in (before, component, after) if part != ""]


def render_details(lines: list[str]) -> list[html.P]:
    """What the last tap or click picked, in words."""
    return [html.P(line) for line in lines]


def table_skeleton(lang: Language = ENGLISH) -> html.Div:
    """The table with its caption, headers and body, drawn once with the page.

    The sort buttons are never redrawn: a redraw would replace a button between a
    visitor's click and its answer, and Dash drops the answer of the replaced one
    (a click that did nothing). The view fills in the caption and the rows; which
    column is sorted is shown by a clientside callback (web/table.py)."""
    headers = [
        html.Th(
            _sort_button(name, lang._(heading), lang),
            id={"type": ids.SORT_HEADER, "column": name},
            scope="col",
            className=f"col-{name}",
            **{"aria-sort": "none"},
        )
        if name in SORTABLE
        else html.Th(lang._(heading), scope="col", className=f"col-{name}")
        for name, heading in COLUMNS.items()
    ]
    scroll = html.Div(
        className="table-scroll",
        tabIndex=0,
        **{"role": "region", "aria-label": lang._("Table of links")},
        children=html.Table(
            className="links",
            children=[
                html.Caption(id=ids.TABLE_CAPTION),
                html.Thead(html.Tr(headers)),
                html.Tbody(id=ids.TABLE_BODY),
            ],
        ),
    )
    return html.Div([_wider_button(lang), scroll])


def _wider_button(lang: Language) -> html.Button:
    """Under a country filter the table lists that country's links; this opens the view
    of everything its partners serve (web/table.py). Shown by the view where it applies."""
    return html.Button(
        lang._("Show everything these partners serve"),
        id=ids.TABLE_WIDER,
        className="tool table-wider",
        n_clicks=0,
        hidden=True,
        title=lang._("Every country these partners serve, not only the one chosen"),
    )


def _sort_button(name: str, heading: str, lang: Language) -> html.Button:
    return html.Button(
        heading,
        id={"type": ids.SORT_BUTTON, "column": name},
        className="sort",
        n_clicks=0,
        title=lang._("Sort by this column"),
    )


def render_rows(table: pd.DataFrame, data_lang: str = "en") -> list:
    """The table's rows (the first PAGE_ROWS: the CSV holds them all); the partners'
    own words marked with their language, for screen readers on a page in another."""
    own = {"lang": data_lang, "dir": "auto"}
    return [
        html.Tr(
            [
                html.Td(row[name], className=f"col-{name}", **(own if name in DATA_WORDS else {}))
                for name in COLUMNS
            ]
        )
        for row in table.head(PAGE_ROWS).to_dict("records")
    ]


WRITTEN = {"type", "namespace", "props"}  # the keys of a component written out


def as_json(node: Any) -> Any:
    """Components as the JSON Dash sends for them (type, namespace, props), all the way
    down: what a memo keeps, so each answer does not write the components out again."""
    if isinstance(node, Component):
        written = node.to_plotly_json()
        return {**written, "props": {k: as_json(v) for k, v in written["props"].items()}}
    if isinstance(node, list | tuple):
        return [as_json(child) for child in node]
    if isinstance(node, dict):
        if node.keys() >= WRITTEN:
            return node  # written out already: a card or a timeline point, kept
        return {key: as_json(value) for key, value in node.items()}
    return node
