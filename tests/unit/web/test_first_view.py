"""The page as the server first sends it: the view's content, its still map, what a
link preview reads, robots.txt, the scripts it loads and how long browsers keep them."""

from __future__ import annotations

import re
from html import unescape
from xml.etree import ElementTree

import pytest

from dashboard.atlas import ASSETS_DIR
from dashboard.state import FilterState
from dashboard.views.selection import select
from dashboard.views.still import country_paths, still_map
from dashboard.views.style import COUNT_COLOURS
from dashboard.views.summary import summary
from dashboard.web import ids
from dashboard.web.app import create_app

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def first_view(client, path: str) -> str:
    """The server's first view of a page, as HTML (the app's entry point is empty)."""
    html = client.get(path).get_data(as_text=True)
    return html.split('<div class="first-view">', 1)[1].split("<script", 1)[0]


def meta(html: str, name: str) -> str:
    found = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)"', html)
    assert found, name
    return unescape(found.group(1))


@pytest.mark.parametrize("query", ["", "?country=KEN", "?mode=present", "?region=eastern-africa"])
def test_the_first_response_holds_the_summary_every_partner_and_the_map(
    client, network, atlas, query
) -> None:
    view = first_view(client, "/" + query)
    state = FilterState(
        country="KEN" if "KEN" in query else None,
        region="eastern-africa" if "region" in query else None,
    )
    selection = select(network, atlas, state)
    said = summary(network, atlas, state, selection, short="present" in query)
    assert f'<p id="summary" class="summary" role="status" aria-live="polite">{said}</p>' in (
        unescape(view)
    )
    for name in network.partners.loc[list(selection.partners), "name"]:
        assert f'<span class="name">{name}</span>' in unescape(view)
    still = re.search(r'<img id="map-still" ([^>]+)>', view).group(1)
    assert f'alt="{said}"' in unescape(still)
    assert f'src="/still.svg{query}"' in unescape(still)


def test_presenter_mode_is_sent_as_presenter_mode(client) -> None:
    assert '<div id="app" class="app present">' in first_view(client, "/?mode=present")
    assert '<div id="app" class="app">' in first_view(client, "/")


def test_a_dropped_value_is_named_in_the_first_view_too(client) -> None:
    view = first_view(client, "/?country=XXX")
    assert "Not recognised in this link, so left out:" in view
    assert "/still.svg" in view and "XXX" not in view.split("Not recognised", 1)[0]


def test_each_view_has_its_own_description_title_and_preview_image(client) -> None:
    html = client.get("/?country=KEN").get_data(as_text=True)
    said = "2 partners serve Kenya: AGSCF and EASC. CPAFFC and WCSDA also state worldwide reach."
    assert meta(html, "description") == said
    assert meta(html, "og:description") == said
    assert meta(html, "og:title").startswith("Kenya")
    assert "<title>Kenya · " in html
    assert meta(html, "og:image") == "http://localhost/still.svg?country=KEN"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(client.get("/").get_data(as_text=True), "og:image") == "http://localhost/still.svg"


@pytest.mark.parametrize("path", ["/", "/?country=KEN&focus=EASC", "/?mode=present"])
def test_the_head_asks_first_for_the_still_map_the_page_shows(client, path: str) -> None:
    html = client.get(path).get_data(as_text=True)
    head, body = html.split("</head>", 1)
    asked = re.findall(r'<link rel="preload" as="image" href="([^"]+)" fetchpriority="high">', head)
    shown = re.findall(rf'<img id="{ids.STILL}"[^>]* src="([^"]+)"', body)
    assert len(asked) == 1 and asked == shown
    assert unescape(asked[0]).startswith("/still.svg")


def test_the_still_map_colours_the_served_countries_and_outlines_the_chosen_one(
    client, network, atlas
) -> None:
    response = client.get("/still.svg?country=KEN")
    assert response.mimetype == "image/svg+xml"
    svg = ElementTree.fromstring(response.get_data())
    filled = [p.get("fill") for p in svg.iter(f"{SVG}path") if p.get("fill") not in (None, "none")]
    counts = select(network, atlas, FilterState(country="KEN")).counts
    shaped = counts[counts["iso3"].isin(list(country_paths()))]
    assert len(filled) == len(shaped) > 0
    assert set(filled) <= set(COUNT_COLOURS)
    outlined = [p for p in svg.iter(f"{SVG}path") if p.get("stroke") == "#000000"]
    assert len(outlined) == 1
    assert svg.find(f"{SVG}title").text.startswith("2 partners serve Kenya")


def test_the_still_map_draws_a_marker_per_placed_partner(network, atlas) -> None:
    state = FilterState()
    selection = select(network, atlas, state)
    svg = ElementTree.fromstring(still_map(network, atlas, state, selection, label="map"))
    markers = [c.get("fill") for c in svg.iter(f"{SVG}circle") if c.get("stroke") == "#ffffff"]
    placed = network.partners[network.partners["latitude"].notna()]
    assert markers == list(placed["colour"]) and len(markers) == 5


def test_robots_txt_is_plain_text_that_allows_the_page(client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]


def test_the_page_leaves_out_the_polyfill_and_the_datatable(client) -> None:
    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert not [s for s in scripts if "polyfill" in s or "dash_table" in s]
    assert any(s.startswith("/assets/plotly-geo.min.js?m=") for s in scripts)
    assert any("/assets/regenerator-runtime.js" in s for s in scripts)
    # Everything the first view needs comes before the first script.
    assert html.index('<div class="first-view">') < html.index("<script")


def test_versioned_files_are_kept_a_year_and_plain_ones_are_not(client) -> None:
    html = client.get("/").get_data(as_text=True)
    versioned = re.findall(r'(?:src|href)="(/(?:_dash-component-suites|assets)/[^"]+)"', html)
    assert len(versioned) > 8
    for url in versioned:
        response = client.get(url)
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
        assert "Expires" not in response.headers, url
    outlines = client.get("/assets/topojson/world_110m.json").headers["Cache-Control"]
    assert "immutable" not in outlines
    chunk = client.get("/_dash-component-suites/dash/dcc/async-graph.js")
    assert chunk.headers["Cache-Control"] == "public, max-age=3600" and chunk.headers["ETag"]


def test_the_charset_comes_first_and_within_1024_bytes(client) -> None:
    head = client.get("/?country=KEN").get_data()[:1024]
    assert b'<head>\n<meta charset="utf-8">' in head


def test_the_region_switch_is_a_plain_button_and_the_pace_is_numeric(app) -> None:
    layout = app.layout()  # the page in the default language
    found = {}

    def walk(node):
        if getattr(node, "id", None) in (ids.COUNT_REGIONS_SWITCH, ids.TOUR_PACE):
            found[node.id] = node
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if hasattr(child, "to_plotly_json"):
                walk(child)

    walk(layout)
    assert found[ids.COUNT_REGIONS_SWITCH].type == "button"
    assert found[ids.TOUR_PACE].inputMode == "numeric"


def test_the_map_bundle_names_no_other_host_as_a_default() -> None:
    # plotly.js's config defaults (the base maps' address, Chart Studio's): a graph drawn
    # without the app's config must still ask nothing of the internet. Rewritten by
    # scripts/make_geo_assets.py.
    bundle = (ASSETS_DIR / "plotly-geo.min.js").read_text()
    assert re.findall(r'dflt:"(https?:[^"]*)"', bundle) == []
    assert 'topojsonURL:{valType:"string",noBlank:!0,dflt:"/assets/topojson/"}' in bundle
