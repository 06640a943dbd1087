"""The page's skeleton: header, filters, summary, map, tour bar and tabs, with the
empty places that the callbacks fill (first_layout.py fills them for the first
layout). What goes in them is in components.py."""

from __future__ import annotations

from dash import dcc, html

from dashboard.atlas import Atlas
from dashboard.data.language import N_, Language
from dashboard.data.site import Site
from dashboard.network import Network
from dashboard.state import DEFAULT_PACE, EXPLORE, PACE_RANGE
from dashboard.views.options import country_options, partner_options, region_options
from dashboard.views.table import COLUMNS, SORTABLE
from dashboard.web import ids
from dashboard.web.components import table_skeleton
from dashboard.web.health import DataVersion
from dashboard.web.languages import dropdown_words, language_chooser, plotly_words
from dashboard.web.markup import Markup
from dashboard.web.sharing import printed_address, share_place
from dashboard.web.sharing import tools as sharing_tools
from dashboard.web.timeline import section as timeline_section


def page(
    network: Network,
    atlas: Atlas,
    site: Site,
    graph_config: dict,
    live: DataVersion,
    lang: Language,
    languages: dict[str, Language],
    sharing: bool = False,
) -> html.Div:
    """The whole page in a language, with empty outputs (first_layout.py fills them for
    an address)."""
    return html.Div(
        id=ids.ROOT,
        className="app",
        children=[
            *stores(lang),
            html.A(lang._("Skip to the map"), href="#map-section", className="skip-link"),
            header(site, lang, languages, sharing),
            html.Div(id=ids.NOTICE, className="notice", role="status"),
            html.Div(
                className="content",
                children=[
                    filters_toggle(lang),
                    filters(network, atlas, lang),
                    map_section({**graph_config, **plotly_words(lang)}, lang),
                ],
            ),
            footer(live, lang),
        ],
    )


def footer(live: DataVersion, lang: Language) -> html.Footer:
    """Which edit of the data is live, for staff who just changed it."""
    loaded = live.loaded.replace("T", " ").replace("+00:00", " UTC")
    words = lang._("Data version {version}, loaded {loaded}")
    return html.Footer(words.format(version=live.version, loaded=loaded), className="site-footer")


def stores(lang: Language) -> list:
    """What the browser keeps between callbacks, and the tour's clock."""
    return [
        dcc.Store(id=ids.LANG, data=lang.code),
        # Words the browser writes itself (clientside callbacks), in the page's language.
        dcc.Store(
            id=ids.WORDS,
            data={
                "copied": lang._("Link copied"),
                "copy_failed": lang._("Copy this page's address from the address bar"),
                "headings": {name: lang._(COLUMNS[name]) for name in SORTABLE},
            },
        ),
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        dcc.Store(id=ids.ADDRESS),
        dcc.Store(id=ids.VIEW, data=EXPLORE.as_data()),
        dcc.Store(id=ids.TOUR, data={"active": False, "focus": None}),
        dcc.Store(id=ids.TABS, data="cards"),
        # No data rather than None: dcc.Store reports None as a change when it mounts,
        # which would call the callbacks the first layout has already answered.
        dcc.Store(id=ids.DRAWN),
        dcc.Store(id=ids.MAP_SHAPE),
        dcc.Store(id=ids.FOCUS),
        dcc.Store(id=ids.SORT, data={"column": None, "descending": False}),
        dcc.Interval(id=ids.TICK, interval=DEFAULT_PACE * 1000, disabled=True),
        dcc.Download(id=ids.DOWNLOAD),
    ]


def header(
    site: Site, lang: Language, languages: dict[str, Language], sharing: bool = False
) -> html.Header:
    """The title and note of the data folder, and the page's tools."""
    title, note = site.words(lang.code)
    data_lang = site.words_language(lang.code)
    present_only = "tool present-only"
    return html.Header(
        className="site-header",
        children=[
            html.Div(
                [
                    html.H1(title, lang=data_lang, dir="auto"),
                    html.P(note, className="note", lang=data_lang, dir="auto") if note else None,
                ],
                className="titles",
            ),
            html.Div(
                className="toolbar",
                children=[
                    language_chooser(lang, languages),
                    html.Button(
                        lang._("Copy link"), id=ids.COPY_LINK, className="tool", n_clicks=0
                    ),
                    html.Span(id=ids.COPY_STATUS, className="copy-status", role="status"),
                    *sharing_tools(lang, sharing),
                    html.Button(
                        lang._("Present"),
                        id=ids.PRESENT,
                        className="tool",
                        n_clicks=0,
                        title=lang._("Presenter mode: full screen, large type"),
                    ),
                    html.Button(
                        lang._("Start tour"), id=ids.TOUR_START, className=present_only, n_clicks=0
                    ),
                    html.Button(
                        lang._("Leave presenter mode"),
                        id=ids.PRESENT_EXIT,
                        className=present_only,
                        n_clicks=0,
                    ),
                ],
            ),
        ],
    )


def map_section(graph_config: dict, lang: Language) -> html.Main:
    """The summary, the tour bar, the map with the presenter's stage, and the tabs."""
    graph = dcc.Graph(id=ids.MAP, className="map", config=graph_config, responsive=True)
    stage = html.Section(
        id=ids.STAGE, className="stage", **{"aria-label": lang._("Partner in focus")}
    )
    return html.Main(
        className="main",
        id="map-section",
        children=[
            html.P(id=ids.SUMMARY, className="summary", role="status", **{"aria-live": "polite"}),
            printed_address(lang),
            tour_bar(lang),
            html.Div(
                className="stage-row",
                children=[
                    html.Div(className="map-frame", children=[still_map(), graph]),
                    stage,
                    html.Div(id=ids.LEGEND, className="legend"),
                    share_place(),
                ],
            ),
            html.Div(id=ids.DETAILS, className="details", **{"aria-live": "polite"}),
            timeline_section(lang),
            html.Div(className="tabs-wrap", children=tabs(lang)),
        ],
    )


def still_map() -> html.Img:
    """The map as a still picture until plotly.js has drawn it (first_view.py sets it;
    the style sheet hides it under the drawn map)."""
    return html.Img(id=ids.STILL, className="map-still", alt="")


TAB_NAMES = {"cards": N_("Partners"), "table": N_("Table")}
TAB_PANELS = {"cards": ids.PANEL_CARDS, "table": ids.PANEL_TABLE}


def tabs(lang: Language) -> list:
    """Partners and Table, as WAI-ARIA tabs (Dash 4's dcc.Tabs are divs a keyboard
    cannot reach). The tabs callback sets aria-selected and which panel shows."""
    return [
        html.Div(
            role="tablist",
            className="tablist",
            **{"aria-label": lang._("Show the selection as")},
            children=[
                html.Button(
                    lang._(label),
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
            **{"aria-label": lang._("Partners")},
            children=[
                html.H2(lang._("Partners"), className="visually-hidden"),
                Markup(id=ids.CARDS, tag="section", className="cards"),
            ],
        ),
        html.Div(
            id=ids.PANEL_TABLE,
            role="tabpanel",
            className="tabpanel",
            hidden=True,
            **{"aria-label": lang._("Table")},
            children=[
                html.H2(lang._("Table of the selection"), className="visually-hidden"),
                html.Button(
                    lang._("Download CSV"), id=ids.DOWNLOAD_CSV, className="tool", n_clicks=0
                ),
                html.Div(id=ids.TABLE, children=table_skeleton(lang)),
            ],
        ),
    ]


def tour_bar(lang: Language) -> html.Div:
    """Controls of the guided tour; keys.js maps space, arrows and Escape onto them
    (the up and down arrows page the card).
    The arrows are CSS, so they point the way the page reads (right to left in Arabic)."""
    return html.Div(
        className="tour-bar",
        role="group",
        **{
            "aria-label": lang._("Guided tour"),
            # The pace box's + and − buttons (assets/a11y.js labels them from these).
            "data-increase": lang._("Increase value"),
            "data-decrease": lang._("Decrease value"),
        },
        children=[
            html.Button(lang._("Previous"), id=ids.TOUR_PREV, className="tool prev", n_clicks=0),
            html.Button(lang._("Pause"), id=ids.TOUR_PAUSE, className="tool", n_clicks=0),
            html.Button(lang._("Next"), id=ids.TOUR_NEXT, className="tool next", n_clicks=0),
            html.Label(
                lang._("Seconds per partner"), htmlFor=ids.TOUR_PACE, className="pace-label"
            ),
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
            html.Button(lang._("Leave tour"), id=ids.TOUR_EXIT, className="tool", n_clicks=0),
            html.Span(
                lang._("Space: pause · ← →: step · ↑ ↓: card · Esc: leave"), className="keys-hint"
            ),
        ],
    )


def filters_toggle(lang: Language) -> html.Button:
    """On a phone and in an iframe the map comes first and the filters fold away
    behind this button (the style sheet shows it only there)."""
    return html.Button(
        lang._("Filters"),
        id=ids.FILTERS_TOGGLE,
        className="tool filters-toggle",
        n_clicks=0,
        **{"aria-expanded": "false", "aria-controls": ids.FILTERS},
    )


def filters(network: Network, atlas: Atlas, lang: Language) -> html.Aside:
    """Region, served country, partners, the region-links toggle and "clear all"."""
    _ = lang._
    return html.Aside(
        id=ids.FILTERS,
        className="filters",
        **{"aria-label": _("Filters")},
        children=[
            html.H2(_("Filter"), className="filters-title"),
            *_dropdown(
                _("World region"),
                ids.REGION,
                region_options(network, atlas, lang),
                _("All regions"),
                lang,
            ),
            *_dropdown(
                _("Served country"),
                ids.COUNTRY,
                country_options(network, atlas, lang),
                _("All countries"),
                lang,
            ),
            *_dropdown(
                _("Partners"), ids.PARTNERS, partner_options(network), _("All partners"), lang, True
            ),
            html.Button(
                id=ids.COUNT_REGIONS_SWITCH,
                type="button",  # a switch, never a form's submit button
                className="switch",
                role="switch",
                n_clicks=0,
                **{"aria-checked": "true"},
                children=[
                    html.Span(className="switch-track", **{"aria-hidden": "true"}),
                    html.Span(_("Count countries inside regions the source names")),
                ],
            ),
            dcc.Store(id=ids.COUNT_REGIONS, data=True),
            html.P(
                _("On by default. Off: only countries the source names outright."), className="hint"
            ),
            html.Button(_("Clear all"), id=ids.CLEAR, className="tool clear", n_clicks=0),
            # Where the panel folds away (phones, iframes): it folds it and shows the map
            # (web/filters.py), as a region or a country chosen there does.
            html.Button(
                _("Show the map"), id=ids.FILTERS_DONE, className="tool filters-done", n_clicks=0
            ),
        ],
    )


def _dropdown(
    label: str, control: str, options: list[dict], everything: str, lang: Language, multi=False
) -> list:
    """A labelled, searchable dropdown; empty means `everything`. Its clear button is
    ours, beside Dash's: Dash 4 puts its own clear link inside the dropdown's button (an
    <a> in a <button>, invalid HTML that screen readers announce as a link)."""
    return [
        html.Label(label, htmlFor=control, id=f"{control}-label"),
        html.Div(
            className="dropdown-with-clear",
            children=[
                dcc.Dropdown(
                    id=control,
                    options=options,
                    placeholder=everything,
                    multi=multi,
                    clearable=False,
                    searchable=True,
                    **dropdown_words(lang),
                ),
                html.Button(
                    id=ids.clear_of(control),
                    type="button",
                    className="dropdown-clear",
                    n_clicks=0,
                    # Named "Clear selection, World region": three of them on the page.
                    **{"aria-labelledby": f"{ids.clear_of(control)} {control}-label"},
                    children=[
                        html.Span("×", **{"aria-hidden": "true"}),
                        html.Span(lang._("Clear selection"), className="visually-hidden"),
                    ],
                ),
            ],
        ),
    ]
