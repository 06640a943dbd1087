"""Shareable links, presenter mode and the tour, the table and its CSV, the PNG
export, accessibility, phones and embedding: in headless Chromium."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from dashboard.network import load_network
from dashboard.views.table import COLUMNS
from dashboard.views.text import ENGLISH
from dashboard.web import ids
from tests.support.chromium import PHONE, choose
from tests.support.paths import BUNDLED_DATA

SUMMARY = f"#{ids.SUMMARY}"
# Partners that state worldwide reach answer every place.
WIDE = " CPAFFC and WCSDA also state worldwide reach."


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def card_ids(page: Page) -> list[str]:
    return page.locator(f"#{ids.CARDS} .card-title").evaluate_all(
        "els => els.map(e => e.dataset.pick)"
    )


def test_a_link_opens_exactly_the_view_it_names(visit) -> None:
    page = visit("/?region=africa&country=KEN&partner=EASC,AGSCF&focus=EASC&regions=0")
    expect(page.locator(SUMMARY)).to_have_text("1 partner serves Kenya in Africa by name: EASC.")
    expect(page.locator(f"#{ids.REGION}")).to_contain_text("Africa")
    expect(page.locator(f"#{ids.COUNTRY}")).to_contain_text("Kenya")
    expect(page.locator(f"#{ids.PARTNERS}")).to_contain_text("EASC")
    expect(page.locator(f"#{ids.COUNT_REGIONS_SWITCH}")).to_have_attribute("aria-checked", "false")
    expect(page.locator(f"#{ids.CARDS} .card.focused")).to_contain_text("Eastern Africa Sister")
    assert card_ids(page) == ["EASC"]


def test_changing_filters_writes_them_into_the_link(visit) -> None:
    page = visit("/")
    choose(page, ids.COUNTRY, "Ethiopia")
    expect(page).to_have_url(re.compile(r"\?country=ETH$"))
    page.locator(f"#{ids.CARDS} .card-title", has_text="Eastern Africa").click()
    expect(page).to_have_url(re.compile(r"\?country=ETH&focus=EASC$"))
    page.click(f"#{ids.COUNT_REGIONS_SWITCH}")
    expect(page).to_have_url(re.compile(r"\?country=ETH&focus=EASC&regions=0$"))
    # The link reproduces the view in a fresh browser.
    copy = visit(urlsplit(page.url).path + "?" + urlsplit(page.url).query)
    expect(copy.locator(SUMMARY)).to_have_text(page.locator(SUMMARY).inner_text())


def test_back_and_forward_step_through_filter_changes(visit) -> None:
    page = visit("/")
    default = page.locator(SUMMARY).inner_text()
    choose(page, ids.REGION, "Northern Africa")
    expect(page).to_have_url(re.compile(r"\?region=northern-africa$"))
    choose(page, ids.COUNTRY, "Egypt")
    expect(page.locator(SUMMARY)).to_have_text(
        "2 partners serve Egypt in Northern Africa: AGSCF and Sister Cities Africa." + WIDE
    )
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?region=northern-africa$"))
    expect(page.locator(SUMMARY)).to_have_text(
        "2 partners serve 7 countries in Northern Africa: AGSCF and Sister Cities Africa." + WIDE
    )
    page.go_back()
    expect(page.locator(SUMMARY)).to_have_text(default)
    page.go_forward()
    expect(page.locator(SUMMARY)).to_contain_text("in Northern Africa")
    expect(page.locator(f"#{ids.REGION}")).to_contain_text("Northern Africa")


def test_hostile_link_values_are_dropped_with_a_notice_and_never_run(visit) -> None:
    dialogs: list[str] = []
    long_value = "A" * 2000
    page = visit(
        "/?country=XXX&region=%3Cscript%3Ealert(1)%3C/script%3E"
        f"&partner=EASC,%3Cimg%20src=x%20onerror=alert(2)%3E&focus={long_value}&pace=-5"
    )
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    notice = page.locator(f"#{ids.NOTICE}")
    expect(notice).to_contain_text("Not recognised in this link, so left out:")
    expect(notice).to_contain_text("country=XXX")
    expect(notice).to_contain_text("region=<script>alert(1)</script>")
    expect(notice).to_contain_text("pace=-5")
    assert "A" * 100 not in notice.inner_text()  # the long value is shortened
    assert page.locator(f"#{ids.NOTICE} script, #{ids.NOTICE} img").count() == 0
    expect(page.locator(SUMMARY)).to_contain_text("1 partner serves 20 countries: EASC.")
    page.wait_for_timeout(300)
    assert dialogs == []


def test_the_copy_link_button_copies_the_current_link(visit, app_server) -> None:
    page = visit("/?country=MEX", permissions=["clipboard-read", "clipboard-write"])
    page.click(f"#{ids.COPY_LINK}")
    expect(page.locator(f"#{ids.COPY_STATUS}")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{app_server.url}/?country=MEX"


def test_the_tour_advances_by_itself_and_obeys_the_keyboard(visit) -> None:
    page = visit("/?mode=present&tour=1&pace=3")
    status = page.locator(f"#{ids.TOUR_STATUS}")
    stage = page.locator(f"#{ids.STAGE}")
    expect(status).to_have_text("Partner 1 of 7")
    expect(stage).to_contain_text("African Global Sister Cities Foundation")
    expect(status).to_have_text("Partner 2 of 7", timeout=6000)  # moved on by itself
    expect(stage).to_contain_text("Eastern Africa Sister Cities")

    page.keyboard.press("Space")
    expect(status).to_have_text("Partner 2 of 7 (paused)")
    page.wait_for_timeout(4000)  # longer than the pace: a paused tour stays
    expect(status).to_have_text("Partner 2 of 7 (paused)")

    page.keyboard.press("ArrowRight")
    expect(status).to_have_text("Partner 3 of 7 (paused)")
    expect(stage).to_contain_text("Sister Cities Africa")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(status).to_have_text("Partner 1 of 7 (paused)")
    page.keyboard.press("ArrowLeft")
    expect(status).to_have_text("Partner 7 of 7 (paused)")  # wraps round
    expect(stage).to_contain_text("Asociacion de Ciudades Hermanas de America")

    page.keyboard.press("Space")
    expect(status).to_have_text("Partner 1 of 7", timeout=6000)  # resumed, and wrapped

    page.keyboard.press("Escape")  # leaves the tour, stays presenting
    expect(page.locator(f"#{ids.ROOT}")).not_to_have_class(re.compile(r"\btouring\b"))
    expect(page.locator(f"#{ids.ROOT}")).to_have_class(re.compile(r"\bpresent\b"))
    expect(page).to_have_url(re.compile(r"\?mode=present&pace=3$"))
    page.keyboard.press("Escape")  # leaves presenter mode
    expect(page.locator(f"#{ids.ROOT}")).not_to_have_class(re.compile(r"\bpresent\b"))


def test_presenter_mode_starts_from_its_button_and_needs_no_mouse(visit) -> None:
    page = visit("/")
    page.focus(f"#{ids.PRESENT}")
    page.keyboard.press("Enter")
    root = page.locator(f"#{ids.ROOT}")
    expect(root).to_have_class(re.compile(r"\bpresent\b"))
    expect(page).to_have_url(re.compile(r"\?mode=present$"))
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 20
    page.focus(f"#{ids.TOUR_START}")
    page.keyboard.press("Enter")
    expect(page.locator(f"#{ids.TOUR_STATUS}")).to_have_text("Partner 1 of 7")
    expect(page).to_have_url(re.compile(r"\?mode=present&tour=1$"))


def test_the_table_follows_the_filters_and_sorts(visit) -> None:
    page = visit("/?region=eastern-africa")
    page.get_by_role("tab", name="Table").click()
    table = page.locator(f"#{ids.TABLE} table")
    expect(table.locator("caption")).to_have_text(
        "43 rows: one per partner and served country,"
        " and one per partner stating worldwide reach (2)"
    )
    partners = table.locator("tbody tr td.col-partner")
    assert set(partners.all_inner_texts()) == {"AGSCF", "EASC", "AIILSG", "CPAFFC", "WCSDA"}
    country_header = table.locator("th", has_text="Country")
    country_header.locator("button").click()
    expect(country_header).to_have_attribute("aria-sort", "ascending")
    countries = table.locator("tbody tr td.col-country").all_inner_texts()
    # Alphabetical (Réunion before Rwanda), not in the order of code points.
    assert countries == sorted(countries, key=ENGLISH.sort_key)
    country_header.locator("button").click()
    expect(country_header).to_have_attribute("aria-sort", "descending")


def test_the_csv_download_holds_the_filtered_selection(visit, tmp_path) -> None:
    page = visit("/?country=KEN&regions=0")
    page.get_by_role("tab", name="Table").click()
    with page.expect_download() as download:
        page.click(f"#{ids.DOWNLOAD_CSV}")
    path = tmp_path / "download.csv"
    download.value.save_as(path)
    assert download.value.suggested_filename == "partner-map_country-KEN.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert list(rows[0]) == list(COLUMNS)
    # Named links only: EASC names Kenya; AGSCF reaches it only through a region.
    assert {r["partner_id"] for r in rows} == {"EASC", "CPAFFC", "WCSDA"}
    linked = [r for r in rows if r["country"]]
    assert [r["country"] for r in linked] == ["Kenya"]  # Kenya's links, not EASC's others
    worldwide = {r["partner_id"]: r for r in rows if not r["country"]}
    assert set(worldwide) == {"CPAFFC", "WCSDA"}
    assert worldwide["WCSDA"]["basis"] == "states worldwide reach"
    kenya = next(r for r in rows if r["country_iso3"] == "KEN")
    assert kenya["basis"] == "named in the source"
    assert kenya["source_words"] == "partnerships in Kenya, Tanzania, Ethiopia and Rwanda"


def test_the_map_downloads_as_png_with_no_network(page: Page) -> None:
    page.hover(f"#{ids.MAP}")
    with page.expect_download() as download:
        page.locator(f"#{ids.MAP} .modebar-btn[data-title='Download plot as a PNG']").click()
    data = Path(download.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a drawn map, not an empty canvas


def axe_problems(page: Page) -> list[str]:
    result = Axe().run(page)
    return [
        f"{v['impact']}: {v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_finds_no_serious_problem_in_the_default_view(page: Page) -> None:
    assert axe_problems(page) == []


def test_axe_finds_no_serious_problem_in_a_filtered_view_with_the_table(visit) -> None:
    page = visit("/?country=KEN&focus=EASC&regions=0")
    page.get_by_role("tab", name="Table").click()
    page.wait_for_selector(f"#{ids.TABLE} table")
    assert axe_problems(page) == []


def test_axe_finds_no_serious_problem_in_presenter_mode(visit) -> None:
    page = visit("/?mode=present&tour=1")
    expect(page.locator(f"#{ids.STAGE} .card")).to_be_visible()
    page.keyboard.press("Space")  # paused, so the scan sees one state
    assert axe_problems(page) == []


def test_every_control_is_reachable_by_keyboard_with_a_visible_focus_ring(page: Page) -> None:
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), reached[-1]
    for control in (
        ids.COPY_LINK,
        ids.PRESENT,
        ids.REGION,
        ids.COUNTRY,
        ids.PARTNERS,
        ids.COUNT_REGIONS_SWITCH,
        ids.CLEAR,
    ):
        assert control in reached
    page.focus(f"#{ids.COUNTRY}")
    page.keyboard.press("Enter")  # a dropdown opens from the keyboard, too
    expect(page.locator(".dash-dropdown-search")).to_be_focused()
    page.keyboard.type("Mexico")
    expect(page.get_by_role("option").first).to_contain_text("Mexico")
    page.keyboard.press("Enter")
    expect(page.locator(SUMMARY)).to_have_text("1 partner serves Mexico: ACHA." + WIDE)


def test_on_a_phone_the_page_stacks_and_nothing_overflows(visit) -> None:
    page = visit("/", PHONE, is_mobile=True, has_touch=True)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    page.locator(f"#{ids.FILTERS_TOGGLE}").tap()  # the filters fold away on a phone
    tops = [
        page.locator(selector).bounding_box()["y"]
        for selector in (".filters", f"#{ids.MAP}", f"#{ids.CARDS}")
    ]
    assert tops == sorted(tops)
    lefts = {round(page.locator(s).bounding_box()["x"]) for s in (".filters", ".map-frame")}
    assert len(lefts) == 1  # one column


def test_on_a_phone_tapping_a_marker_shows_its_details(visit) -> None:
    mumbai = load_network(BUNDLED_DATA).partner("AIILSG")
    where = f"{float(mumbai['longitude'])!r},{float(mumbai['latitude'])!r}"
    page = visit("/", PHONE, is_mobile=True, has_touch=True)
    page.locator(f"#{ids.MAP}").scroll_into_view_if_needed()
    box = page.evaluate(
        """where => {
            const el = [...document.querySelectorAll('#map .scattergeo path.point')]
                .find(e => e.__data__ && String(e.__data__.lonlat) === where);
            const r = el.getBoundingClientRect();
            return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        }""",
        where,
    )
    page.touchscreen.tap(box["x"], box["y"])
    expect(page.locator(f"#{ids.DETAILS}")).to_contain_text(
        "In focus: All India Institute of Local Self Government: headquarters Mumbai, India"
    )


def test_embed_shows_only_the_map_and_its_filters(visit) -> None:
    page = visit("/?embed=1&country=KEN")
    expect(page.locator(f"#{ids.MAP}")).to_be_visible()
    page.locator(f"#{ids.FILTERS_TOGGLE}").click()  # one click away, the map first
    expect(page.locator(".filters")).to_be_visible()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(f"#{ids.CARDS}")).to_be_hidden()


def test_only_the_dashboards_own_pages_may_frame_it_by_default(app_server) -> None:
    import urllib.request

    with urllib.request.urlopen(app_server.url + "/?embed=1") as response:
        policy = response.headers["Content-Security-Policy"]
        assert policy.endswith("frame-ancestors 'self'")


def test_the_tour_keeps_its_pace_setting_in_the_link(visit) -> None:
    page = visit("/?mode=present&tour=1&pace=30")
    expect(page.locator(f"#{ids.TOUR_PACE}")).to_have_value("30")
    expect(page.locator(f"#{ids.TOUR_STATUS}")).to_have_text("Partner 1 of 7")
    page.wait_for_timeout(4000)  # longer than the shortest pace (3 s), far short of 30 s
    expect(page.locator(f"#{ids.TOUR_STATUS}")).to_have_text("Partner 1 of 7")
