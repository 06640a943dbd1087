"""Another organisation's network: the example folder serves whole; and what the first
newcomer saw on the screen (the colour bar at one partner, worldwide partners in a
region) stays fixed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from dashboard.web import ids
from tests.support.chromium import DESKTOP, Watch, open_page
from tests.support.paths import REPO
from tests.support.servers import start_gunicorn, stop

EXAMPLE = REPO / "examples" / "small-network"

# The colour bar's title and its labels, as drawn.
COLOUR_BAR = """() => {
  const box = e => {
    const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {title: box(document.querySelector('#map .colorbar .cbtitle')),
          labels: [...document.querySelectorAll('#map .colorbar .cbaxis text')].map(box)};
}"""


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Iterator[str]:
    server = start_gunicorn(EXAMPLE, tmp_path_factory.mktemp("example") / "gunicorn.log")
    yield server.url
    stop(server)


@pytest.fixture
def open_example(browser: Browser, example: str) -> Iterator:
    watch, pages = Watch(example), []

    def open_path(path: str):
        pages.append(open_page(browser, example + path, DESKTOP, watch))
        return pages[-1]

    yield open_path
    for page in pages:
        page.context.close()
    assert watch.errors == [] and watch.foreign() == []


def test_the_example_folder_serves_map_markers_legend_and_cards(open_example) -> None:
    page = open_example("/")
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(
        "4 partners serve 30 countries between them: EASC, Sister Cities Africa, WCSDA and"
        " ACHA. WCSDA also states worldwide reach."
    )
    assert page.locator("#map .choroplethlocation").count() > 20
    markers = page.evaluate(
        "() => document.querySelector('#map .js-plotly-plot').data"
        ".filter(t => t.type === 'scattergeo' && t.customdata && t.lat.length).map(t => t.name)"
    )
    assert markers[-2:] == ["EASC", "Sister Cities Africa"]  # Nairobi and Casablanca
    legend = page.locator(f"#{ids.LEGEND}")
    expect(legend).to_contain_text("No headquarters recorded, so no marker: ACHA.")
    expect(legend).to_contain_text("No headquarters published, so no marker: WCSDA.")
    cards = page.locator(f"#{ids.CARDS} .card")
    expect(cards).to_have_count(4)
    facts = cards.first.locator(".facts").inner_text()
    assert "Founded" not in facts and "MoU" not in facts  # fields nobody recorded here


def test_the_example_folder_tours_every_partner(open_example) -> None:
    page = open_example("/?mode=present&tour=1&pace=120")
    status = page.locator(f"#{ids.TOUR_STATUS}")
    for step in range(1, 5):
        expect(status).to_have_text(f"Partner {step} of 4")
        expect(page.locator(f"#{ids.STAGE} .card")).to_be_visible()
        page.locator(f"#{ids.TOUR_NEXT}").click()
    expect(status).to_have_text("Partner 1 of 4")


def test_the_colour_bar_labels_clear_its_title_at_one_partner(visit) -> None:
    page = visit("/?partner=ACHA")
    page.wait_for_selector("#map .colorbar .cbaxis text")
    bar = page.evaluate(COLOUR_BAR)
    assert bar["labels"], "the colour bar has its labels"
    for label in bar["labels"]:
        assert label[1] >= bar["title"][3] or label[3] <= bar["title"][1], (label, bar["title"])


def test_a_region_view_keeps_the_worldwide_partners_and_their_markers(visit) -> None:
    page = visit("/?region=northern-america")
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(
        "1 partner serves 1 country in Northern America: ACHA."
        " CPAFFC and WCSDA also state worldwide reach."
    )
    cards = page.locator(f"#{ids.CARDS} .card-title .acronym")
    expect(cards).to_have_text(["CPAFFC", "WCSDA", "ACHA"])
    markers = page.evaluate(
        "() => document.querySelector('#map .js-plotly-plot').data"
        ".filter(t => t.type === 'scattergeo' && t.mode === 'markers').map(t => t.name)"
    )
    assert "CPAFFC" in markers  # its Beijing star stays on the map
