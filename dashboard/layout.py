"""The page: header, filters, summary, map and cards, as Dash components.

Only rendering lives here; what to show comes from the pure views.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.atlas import Atlas
from dashboard.data.site import Site
from dashboard.network import Network
from dashboard.state import DEFAULT_PACE, PACE_RANGE, FilterState
from dashboard.views.cards import Card, Legend, capped_list
from dashboard.views.figure import partner_label
from dashboard.views.style import PLACE_COLOUR
from dashboard.views.table import COLUMNS, PAGE_ROWS, SORTABLE
from dashboard.views.text import countries

SYMBOL_GLYPHS = {
    "circle": "●",
    "square": "■",
    "diamond": "◆",
    "triangle-up": "▲",
    "star": "★",
    "pentagon": "⬟",
    "hexagram": "✶",
}


def page(network: Network, atlas: Atlas, site: Site, graph_config: dict) -> html.Div:
    """The whole page, with empty outputs that the first callbacks fill from the URL."""
    return html.Div(
        id=ids.ROOT,
        className="app",
        children=[
            dcc.Location(id=ids.URL, refresh="callback-nav"),
            dcc.Store(id=ids.VIEW, data=view_data(FilterState())),
            dcc.Store(id=ids.TOUR, data={"active": False, "focus": None}),
            dcc.Store(id=ids.TABS, data="cards"),
            dcc.Store(id=ids.DRAWN, data=None),
            dcc.Store(id=ids.FOCUS, data=None),
            dcc.Store(id=ids.SORT, data={"column": None, "descending": False}),
            dcc.Interval(id=ids.TICK, interval=DEFAULT_PACE * 1000, disabled=True),
            dcc.Download(id=ids.DOWNLOAD),
            html.A("Skip to the map", href="#map-section", className="skip-link"),
            html.Header(
                className="site-header",
                children=[
                    html.Div(
                        [
                            html.H1(site.title),
                            html.P(site.note, className="note") if site.note else None,
                        ],
                        className="titles",
                    ),
                    html.Div(
                        className="toolbar",
                        children=[
                            html.Button(
                                "Copy link", id=ids.COPY_LINK, className="tool", n_clicks=0
                            ),
                            html.Span(id=ids.COPY_STATUS, className="copy-status", role="status"),
                            html.Button(
                                "Present",
                                id=ids.PRESENT,
                                className="tool",
                                n_clicks=0,
                                title="Presenter mode: full screen, large type",
                            ),
                            html.Button(
                                "Start tour",
                                id=ids.TOUR_START,
                                className="tool present-only",
                                n_clicks=0,
                            ),
                            html.Button(
                                "Leave presenter mode",
                                id=ids.PRESENT_EXIT,
                                className="tool present-only",
                                n_clicks=0,
                            ),
                        ],
                    ),
                ],
            ),
            html.Div(id=ids.NOTICE, className="notice", role="status"),
            html.Div(
                className="content",
                children=[
                    filters(network, atlas),
                    html.Main(
                        className="main",
                        id="map-section",
                        children=[
                            html.P(
                                id=ids.SUMMARY,
                                className="summary",
                                role="status",
                                **{"aria-live": "polite"},
                            ),
                            tour_bar(),
                            html.Div(
                                className="stage-row",
                                children=[
                                    html.Div(
                                        className="map-frame",
                                        children=dcc.Graph(
                                            id=ids.MAP,
                                            className="map",
                                            config=graph_config,
                                            responsive=True,
                                        ),
                                    ),
                                    html.Section(
                                        id=ids.STAGE,
                                        className="stage",
                                        **{"aria-label": "Partner in focus"},
                                    ),
                                ],
                            ),
                            html.Div(
                                id=ids.DETAILS, className="details", **{"aria-live": "polite"}
                            ),
                            html.Div(id=ids.LEGEND, className="legend"),
                            html.Div(className="tabs-wrap", children=tabs()),
                        ],
                    ),
                ],
            ),
        ],
    )


TAB_NAMES = {"cards": "Partners", "table": "Table"}


def tabs() -> list:
    """Partners and Table, as WAI-ARIA tabs (Dash 4's dcc.Tabs are divs a keyboard
    cannot reach). The tabs callback sets aria-selected and which panel shows."""
    return [
        html.Div(
            role="tablist",
            className="tablist",
            **{"aria-label": "Show the selection as"},
            children=[
                html.Button(
                    label,
                    id={"type": ids.TAB, "tab": name},
                    role="tab",
                    className="tab",
                    n_clicks=0,
                    **{
                        "aria-selected": "true" if name == "cards" else "false",
                        "aria-controls": f"panel-{name}",
                    },
                )
                for name, label in TAB_NAMES.items()
            ],
        ),
        html.Div(
            id="panel-cards",
            role="tabpanel",
            className="tabpanel",
            **{"aria-label": "Partners"},
            children=[
                html.H2("Partners", className="visually-hidden"),
                html.Section(id=ids.CARDS, className="cards"),
            ],
        ),
        html.Div(
            id="panel-table",
            role="tabpanel",
            className="tabpanel",
            hidden=True,
            **{"aria-label": "Table"},
            children=[
                html.H2("Table of the selection", className="visually-hidden"),
                html.Button("Download CSV", id=ids.DOWNLOAD_CSV, className="tool", n_clicks=0),
                html.Div(id=ids.TABLE),
            ],
        ),
    ]


def view_data(state: FilterState) -> dict:
    """The page-mode part of a state, as the VIEW store holds it."""
    return {"present": state.present, "tour": state.tour, "embed": state.embed}


def tour_bar() -> html.Div:
    """Controls of the guided tour; keys.js maps space, arrows and Escape onto them."""
    return html.Div(
        className="tour-bar",
        role="group",
        **{"aria-label": "Guided tour"},
        children=[
            html.Button("◀ Previous", id=ids.TOUR_PREV, className="tool", n_clicks=0),
            html.Button("Pause", id=ids.TOUR_PAUSE, className="tool", n_clicks=0),
            html.Button("Next ▶", id=ids.TOUR_NEXT, className="tool", n_clicks=0),
            html.Label("Seconds per partner", htmlFor=ids.TOUR_PACE, className="pace-label"),
            dcc.Input(
                id=ids.TOUR_PACE,
                type="number",
                min=PACE_RANGE[0],
                max=PACE_RANGE[1],
                step=1,
                value=DEFAULT_PACE,
                debounce=True,
                className="pace",
            ),
            html.Span(id=ids.TOUR_STATUS, className="tour-status", role="status"),
            html.Button("Leave tour", id=ids.TOUR_EXIT, className="tool", n_clicks=0),
            html.Span("Space: pause · ← →: step · Esc: leave", className="keys-hint"),
        ],
    )


def filters(network: Network, atlas: Atlas) -> html.Aside:
    """Region, served country, partners, the region-links toggle and "clear all"."""
    return html.Aside(
        className="filters",
        **{"aria-label": "Filters"},
        children=[
            html.H2("Filter", className="filters-title"),
            html.Label("World region", htmlFor=ids.REGION),
            dcc.Dropdown(
                id=ids.REGION,
                options=region_options(network, atlas),
                placeholder="All regions",
                clearable=True,
                searchable=True,
            ),
            html.Label("Served country", htmlFor=ids.COUNTRY),
            dcc.Dropdown(
                id=ids.COUNTRY,
                options=country_options(network, atlas),
                placeholder="All countries",
                clearable=True,
                searchable=True,
            ),
            html.Label("Partners", htmlFor=ids.PARTNERS),
            dcc.Dropdown(
                id=ids.PARTNERS,
                options=[
                    {"label": partner_label(p), "value": p["id"], "title": p["name"]}
                    for _, p in network.partners.iterrows()
                ],
                placeholder="All partners",
                multi=True,
            ),
            html.Button(
                id=ids.COUNT_REGIONS_SWITCH,
                className="switch",
                role="switch",
                n_clicks=0,
                **{"aria-checked": "true"},
                children=[
                    html.Span(className="switch-track", **{"aria-hidden": "true"}),
                    html.Span("Count countries inside regions the source names"),
                ],
            ),
            dcc.Store(id=ids.COUNT_REGIONS, data=True),
            html.P(
                "On by default. Off: only countries the source names outright.",
                className="hint",
            ),
            html.Button("Clear all", id=ids.CLEAR, className="tool clear", n_clicks=0),
        ],
    )


def region_options(network: Network, atlas: Atlas) -> list[dict]:
    """M49 regions with at least one served country, nested by indentation."""
    served = set(network.links["iso3"])
    options = []
    for region in atlas.regions:
        partners = network.links.loc[network.links["iso3"].isin(region.members), "partner_id"]
        if not served & region.members:
            continue
        n = partners.nunique()
        indent = "\u2003" * region.level
        options.append(
            {"label": f"{indent}{region.name} ({n})", "value": region.slug, "search": region.name}
        )
    return options


def country_options(network: Network, atlas: Atlas) -> list[dict]:
    """Every served country, with how many partners serve it."""
    counts = network.links.groupby("iso3")["partner_id"].nunique()
    names = atlas.countries.loc[counts.index, "name"]
    return [
        {
            "label": f"{names[iso3]} ({counts[iso3]})",
            "value": iso3,
            "search": f"{names[iso3]} {iso3}",
        }
        for iso3 in sorted(counts.index, key=lambda c: names[c])
    ]


def render_legend(legend: Legend) -> list:
    """The marker legend, and a note on partners the map cannot place."""
    parts: list = []
    if legend.items:
        parts.append(
            html.Ul(
                className="legend-markers",
                **{"aria-label": "Headquarters markers"},
                children=[
                    html.Li(
                        [
                            html.Span(
                                SYMBOL_GLYPHS.get(i.symbol, "●"),
                                className="swatch",
                                style={"color": i.colour},
                                **{"aria-hidden": "true"},
                            ),
                            html.Abbr(i.label, title=i.name) if i.label != i.name else i.label,
                        ]
                    )
                    for i in legend.items
                ],
            )
        )
    elif legend.places:
        parts.append(
            html.P(
                [
                    html.Span(
                        "●",
                        className="swatch",
                        style={"color": PLACE_COLOUR},
                        **{"aria-hidden": "true"},
                    ),
                    f" Headquarters of {legend.placed:,} partners in {legend.places:,} places;"
                    " a marker's size shows how many are there.",
                ],
                className="legend-note",
            )
        )
    if legend.unplaced:
        parts.append(
            html.P(
                f"No headquarters published, so no marker: {capped_list(legend.unplaced)}.",
                className="legend-note",
            )
        )
    if legend.worldwide:
        parts.append(
            html.P(
                [
                    html.Span("Worldwide", className="badge"),
                    f" reach, not drawn on any country: {capped_list(legend.worldwide)}.",
                ],
                className="legend-note",
            )
        )
    return parts


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
    facts = [
        ("Headquarters", card.headquarters + (f" ({card.hq_basis})" if card.hq_basis else "")),
        ("Founded", card.founded),
        ("MoU signed", card.mou),
    ]
    if card.website:
        # check accepts only http(s) addresses, so this can never be a javascript: link.
        link = html.A(card.website, href=card.website, rel="noopener noreferrer", target="_blank")
        facts.append(("Website", link))
    return html.Article(
        id={"type": ids.CARD, "id": card.id},
        className="card focused" if card.focused else "card",
        children=[
            html.H3(
                html.Button(
                    id={"type": ids.CARD_FOCUS, "id": card.id},
                    className="card-title",
                    n_clicks=0,
                    title="Show this partner on the map",
                    **{"aria-pressed": "true" if card.focused else "false"},
                    children=[
                        html.Span(
                            SYMBOL_GLYPHS.get(card.symbol, "●"),
                            className="swatch",
                            style={"color": card.colour},
                            **{"aria-hidden": "true"},
                        ),
                        html.Span(
                            [
                                html.Span(card.name, className="name"),
                                " ",
                                html.Span(card.acronym, className="acronym")
                                if card.acronym
                                else None,
                            ]
                        ),
                    ],
                )
            ),
            html.Dl(
                className="facts",
                children=[
                    part
                    for label, value in facts
                    for part in (
                        html.Dt(label),
                        html.Dd(value, className="unknown" if value == "not published" else None),
                    )
                ],
            ),
            _description(card.paragraphs),
            html.Div(className="served", children=_served(card, expanded)),
            html.P(f"Headquarters source: {card.hq_source}", className="source")
            if card.hq_source
            else None,
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


def render_table(table: pd.DataFrame, column: str | None, descending: bool) -> list:
    """An accessible table: a caption, sortable column headers, a row per link."""
    shown = table.head(PAGE_ROWS)
    headers = []
    for name, heading in COLUMNS.items():
        if name in SORTABLE:
            sort = ("descending" if descending else "ascending") if name == column else "none"
            arrow = {"ascending": " ▲", "descending": " ▼"}.get(sort, "")
            content = html.Button(
                heading + arrow,
                id={"type": ids.SORT_BUTTON, "column": name},
                className="sort",
                n_clicks=0,
                title=f"Sort by {heading.lower()}",
            )
            headers.append(html.Th(content, scope="col", **{"aria-sort": sort}))
        else:
            headers.append(html.Th(heading, scope="col"))
    caption = f"{len(table)} links: one row per partner and served country"
    if len(table) > len(shown):
        caption += f"; the first {len(shown)} are shown, the CSV holds all"
    return [
        html.Div(
            className="table-scroll",
            tabIndex=0,
            **{"role": "region", "aria-label": "Table of links"},
            children=html.Table(
                className="links",
                children=[
                    html.Caption(caption),
                    html.Thead(html.Tr(headers)),
                    html.Tbody(
                        [
                            html.Tr([html.Td(row[name]) for name in COLUMNS])
                            for row in shown.to_dict("records")
                        ]
                    ),
                ],
            ),
        )
    ]
