"""The page's skeleton: header, filters, summary, map, tour bar and tabs, with the
empty places that the callbacks fill. What goes in them is in components.py."""

from __future__ import annotations

from dash import dcc, html

from dashboard.atlas import Atlas
from dashboard.data.site import Site
from dashboard.network import Network
from dashboard.state import DEFAULT_PACE, EXPLORE, PACE_RANGE
from dashboard.views.options import country_options, partner_options, region_options
from dashboard.web import ids
from dashboard.web.components import table_skeleton
from dashboard.web.health import DataVersion


def page(
    network: Network, atlas: Atlas, site: Site, graph_config: dict, live: DataVersion
) -> html.Div:
    """The whole page, with empty outputs that the first callbacks fill from the URL."""
    return html.Div(
        id=ids.ROOT,
        className="app",
        children=[
            *stores(),
            html.A("Skip to the map", href="#map-section", className="skip-link"),
            header(site),
            html.Div(id=ids.NOTICE, className="notice", role="status"),
            html.Div(
                className="content",
                children=[
                    filters_toggle(),
                    filters(network, atlas),
                    map_section(graph_config),
                ],
            ),
            footer(live),
        ],
    )


def footer(live: DataVersion) -> html.Footer:
    """Which edit of the data is live, for staff who just changed it."""
    loaded = live.loaded.replace("T", " ").replace("+00:00", " UTC")
    return html.Footer(f"Data version {live.version}, loaded {loaded}", className="site-footer")


def stores() -> list:
    """What the browser keeps between callbacks, and the tour's clock."""
    return [
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        dcc.Store(id=ids.VIEW, data=EXPLORE.as_data()),
        dcc.Store(id=ids.TOUR, data={"active": False, "focus": None}),
        dcc.Store(id=ids.TABS, data="cards"),
        dcc.Store(id=ids.DRAWN, data=None),
        dcc.Store(id=ids.MAP_SHAPE, data=None),
        dcc.Store(id=ids.FOCUS, data=None),
        dcc.Store(id=ids.SORT, data={"column": None, "descending": False}),
        dcc.Interval(id=ids.TICK, interval=DEFAULT_PACE * 1000, disabled=True),
        dcc.Download(id=ids.DOWNLOAD),
    ]


def header(site: Site) -> html.Header:
    """The title and note of the data folder, and the page's tools."""
    note = html.P(site.note, className="note") if site.note else None
    present_only = "tool present-only"
    return html.Header(
        className="site-header",
        children=[
            html.Div([html.H1(site.title), note], className="titles"),
            html.Div(
                className="toolbar",
                children=[
                    html.Button("Copy link", id=ids.COPY_LINK, className="tool", n_clicks=0),
                    html.Span(id=ids.COPY_STATUS, className="copy-status", role="status"),
                    html.Button(
                        "Present",
                        id=ids.PRESENT,
                        className="tool",
                        n_clicks=0,
                        title="Presenter mode: full screen, large type",
                    ),
                    html.Button(
                        "Start tour", id=ids.TOUR_START, className=present_only, n_clicks=0
                    ),
                    html.Button(
                        "Leave presenter mode",
                        id=ids.PRESENT_EXIT,
                        className=present_only,
                        n_clicks=0,
                    ),
                ],
            ),
        ],
    )


def map_section(graph_config: dict) -> html.Main:
    """The summary, the tour bar, the map with the presenter's stage, and the tabs."""
    graph = dcc.Graph(id=ids.MAP, className="map", config=graph_config, responsive=True)
    stage = html.Section(id=ids.STAGE, className="stage", **{"aria-label": "Partner in focus"})
    return html.Main(
        className="main",
        id="map-section",
        children=[
            html.P(id=ids.SUMMARY, className="summary", role="status", **{"aria-live": "polite"}),
            tour_bar(),
            html.Div(
                className="stage-row",
                children=[
                    html.Div(className="map-frame", children=[still_map(), graph]),
                    stage,
                    html.Div(id=ids.LEGEND, className="legend"),
                ],
            ),
            html.Div(id=ids.DETAILS, className="details", **{"aria-live": "polite"}),
            html.Div(className="tabs-wrap", children=tabs()),
        ],
    )


def still_map() -> html.Img:
    """The map as a still picture until plotly.js has drawn it (first_view.py sets it;
    the style sheet hides it under the drawn map)."""
    return html.Img(id=ids.STILL, className="map-still", alt="")


TAB_NAMES = {"cards": "Partners", "table": "Table"}
TAB_PANELS = {"cards": ids.PANEL_CARDS, "table": ids.PANEL_TABLE}


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
                        "aria-controls": TAB_PANELS[name],
                    },
                )
                for name, label in TAB_NAMES.items()
            ],
        ),
        html.Div(
            id=ids.PANEL_CARDS,
            role="tabpanel",
            className="tabpanel",
            **{"aria-label": "Partners"},
            children=[
                html.H2("Partners", className="visually-hidden"),
                html.Section(id=ids.CARDS, className="cards"),
            ],
        ),
        html.Div(
            id=ids.PANEL_TABLE,
            role="tabpanel",
            className="tabpanel",
            hidden=True,
            **{"aria-label": "Table"},
            children=[
                html.H2("Table of the selection", className="visually-hidden"),
                html.Button("Download CSV", id=ids.DOWNLOAD_CSV, className="tool", n_clicks=0),
                html.Div(id=ids.TABLE, children=table_skeleton()),
            ],
        ),
    ]


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
                # Dash's default, "verbatim", is no value HTML allows; this is a number.
                inputMode="numeric",
                className="pace",
            ),
            html.Span(id=ids.TOUR_STATUS, className="tour-status", role="status"),
            html.Button("Leave tour", id=ids.TOUR_EXIT, className="tool", n_clicks=0),
            html.Span("Space: pause · ← →: step · Esc: leave", className="keys-hint"),
        ],
    )


def filters_toggle() -> html.Button:
    """On a phone and in an iframe the map comes first and the filters fold away
    behind this button (the style sheet shows it only there)."""
    return html.Button(
        "Filters",
        id=ids.FILTERS_TOGGLE,
        className="tool filters-toggle",
        n_clicks=0,
        **{"aria-expanded": "false", "aria-controls": ids.FILTERS},
    )


def filters(network: Network, atlas: Atlas) -> html.Aside:
    """Region, served country, partners, the region-links toggle and "clear all"."""
    return html.Aside(
        id=ids.FILTERS,
        className="filters",
        **{"aria-label": "Filters"},
        children=[
            html.H2("Filter", className="filters-title"),
            *_dropdown("World region", ids.REGION, region_options(network, atlas), "All regions"),
            *_dropdown(
                "Served country", ids.COUNTRY, country_options(network, atlas), "All countries"
            ),
            *_dropdown("Partners", ids.PARTNERS, partner_options(network), "All partners", True),
            html.Button(
                id=ids.COUNT_REGIONS_SWITCH,
                type="button",  # a switch, never a form's submit button
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


def _dropdown(label: str, control: str, options: list[dict], everything: str, multi=False) -> list:
    """A labelled, searchable dropdown; empty means `everything`."""
    return [
        html.Label(label, htmlFor=control),
        dcc.Dropdown(
            id=control,
            options=options,
            placeholder=everything,
            multi=multi,
            clearable=True,
            searchable=True,
        ),
    ]
