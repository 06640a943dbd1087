"""For the room and for afterwards: the QR code of the view on screen, decoded from a
screenshot as a phone would; the printed handout, printed to PDF by Chromium and read
back with pypdf; and the timeline of dated facts, with the tour in date order."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from datetime import date

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from dashboard.atlas import load_atlas
from dashboard.data.language import language
from dashboard.network import load_network
from dashboard.state import FilterState
from dashboard.views.selection import select
from dashboard.views.share import short_link
from dashboard.views.text import tour_status
from dashboard.web import ids
from tests.browser.test_languages import LANGUAGES, axe_problems
from tests.support.chromium import PHONE, Watch, open_page
from tests.support.paths import BUNDLED_DATA
from tests.support.servers import Server, start_gunicorn, stop

PUBLIC = "https://partners.example.org"
PROJECTOR = {"width": 1024, "height": 768}
NETWORK, ATLAS = load_network(BUNDLED_DATA), load_atlas()
SHARE_IMG = f"#{ids.SHARE} img"


@pytest.fixture(scope="module")
def public_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app as deployed where the audience can reach it: its public address configured."""
    log = tmp_path_factory.mktemp("public") / "gunicorn.log"
    running = start_gunicorn(BUNDLED_DATA, log, env={"PARTNER_MAP_PUBLIC_URL": PUBLIC})
    yield running
    stop(running)


@pytest.fixture
def public_visit(browser: Browser, public_server: Server) -> Iterator:
    """Open a path of the public app, watched as the `visit` pages are."""
    watch = Watch(public_server.url)
    opened: list[Page] = []

    def open_path(path: str, viewport: dict = PROJECTOR) -> Page:
        opened.append(open_page(browser, public_server.url + path, viewport, watch))
        return opened[-1]

    yield open_path
    for page in opened:
        page.context.close()
    assert watch.errors == [], "the browser console showed errors"
    assert watch.foreign() == [], "the page asked another host for something"


def decoded(page: Page) -> list[str]:
    """What a phone reads from the screen: every QR code in a screenshot of it."""
    image = Image.open(io.BytesIO(page.screenshot()))
    return [code.text for code in zxingcpp.read_barcodes(image)]


def paused_on(page: Page, number: int, lang: str = "en") -> None:
    status = page.locator(f"#{ids.TOUR_STATUS}")
    words = language(LANGUAGES[lang][0])
    expect(status).to_have_text(tour_status(number, 7, True, words), timeout=20_000)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_presenter_mode_shows_the_code_of_the_view_and_it_follows_the_tour(
    public_visit, lang: str
) -> None:
    page = public_visit(f"/?lang={lang}&mode=present&tour=1")
    expect(page.locator(SHARE_IMG)).to_be_visible(timeout=20_000)
    page.keyboard.press("Space")
    paused_on(page, 1, lang)
    caption = page.locator(f"#{ids.SHARE} figcaption")
    expect(caption).to_have_text("partners.example.org/?focus=AGSCF")
    assert decoded(page) == [f"{PUBLIC}/?focus=AGSCF"]
    page.keyboard.press("ArrowRight")
    paused_on(page, 2, lang)
    expect(caption).to_have_text("partners.example.org/?focus=EASC")
    assert decoded(page) == [f"{PUBLIC}/?focus=EASC"]
    box = page.locator(SHARE_IMG).bounding_box()
    assert box["width"] >= 0.2 * PROJECTOR["height"], "too small to scan from the back"


def test_without_a_public_address_no_code_is_shown(visit) -> None:
    page = visit("/?mode=present&tour=1&focus=EASC", PROJECTOR)
    expect(page.locator(f"#{ids.STAGE} .card")).to_be_visible(timeout=20_000)
    expect(page.locator(f"#{ids.SHARE} img")).to_have_count(0)
    expect(page.locator(f"#{ids.SHARE}")).to_be_hidden()  # only the view's path, for paper
    expect(page.locator(f"#{ids.SHARE_TOGGLE}")).to_have_count(0)
    assert decoded(page) == []


def test_the_code_shows_on_demand_outside_presenter_mode(public_visit) -> None:
    page = public_visit("/?country=KEN", PHONE)
    expect(page.locator(SHARE_IMG)).to_be_hidden()
    toggle = page.locator(f"#{ids.SHARE_TOGGLE}")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(SHARE_IMG)).to_be_visible()
    page.locator(f"#{ids.SHARE}").scroll_into_view_if_needed()
    assert decoded(page) == [f"{PUBLIC}/?country=KEN"]


# Controls, which the handout leaves out; the card titles and the timeline's points are
# buttons on screen and plain names on paper, and an opened <summary> is a heading.
PRINTED_CONTROLS = """() => [...document.querySelectorAll(
    'button:not(.card-title):not(.timeline-point), input, select, [role=tab], '
    + '[role=switch], [role=combobox], .dash-dropdown, .modebar-container')]
    .filter(e => e.checkVisibility()).map(e => e.id || e.className || e.tagName)"""
# Each card's first and last words as the paper has them (details open, as on paper).
CARD_ENDS = """() => [...document.querySelectorAll('#cards .card')].map(card => {
    let last = card.lastElementChild;
    while (last.lastElementChild) { last = last.lastElementChild; }
    return [card.querySelector('.name').textContent, last.textContent];
})"""
CONTROL_WORDS = ("Copy link", "Clear all", "Download CSV", "World region", "Tour in date order")


def squeezed(text: str) -> str:
    """Text as compared between the page and the PDF: no spaces or line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def printed(page: Page) -> list[str]:
    """The page printed to A4 by Chromium (as its print dialog would), a text per sheet."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [squeezed(sheet.extract_text()) for sheet in reader.pages]


@pytest.mark.parametrize(
    ("path", "link"), [("/?country=KEN", f"{PUBLIC}/?country=KEN"), ("/", f"{PUBLIC}/")]
)
def test_the_handout_holds_every_partner_whole_with_the_link_and_no_controls(
    public_visit, path: str, link: str
) -> None:
    page = public_visit(path, {"width": 1280, "height": 900})
    expect(page.locator(f"#{ids.TIMELINE} .timeline-point").first).to_be_visible()
    sheets = printed(page)
    state = FilterState(country="KEN") if "KEN" in path else FilterState()
    partners = select(NETWORK, ATLAS, state).partners
    ends = page.evaluate(CARD_ENDS)
    assert [name for name, _ in ends] == [NETWORK.partner(p)["name"] for p in partners]
    for name, last in ends:
        together = [s for s in sheets if squeezed(last)[-40:] in s and squeezed(name) in s]
        assert together, f"{name}: its name and its last line are not on one page"
    assert squeezed(short_link(link)) in sheets[0]
    assert not [word for word in CONTROL_WORDS if squeezed(word) in "".join(sheets)]
    page.emulate_media(media="print")
    page.evaluate("() => dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(PRINTED_CONTROLS) == []
    assert decoded(page) == [link]  # the code on paper, as a phone reads it


def test_without_a_public_address_the_handout_prints_the_views_own_link(visit, app_server) -> None:
    page = visit("/?country=KEN")
    expect(page.locator(f"#{ids.PRINT_LINK}")).to_have_text(f"{app_server.url}/?country=KEN")
    assert squeezed(f"{app_server.url}/?country=KEN") in printed(page)[0]


# The map's drawn box and its frame's inner box on paper, [left, right].
PRINTED_MAP = """() => {
    const frame = document.querySelector('#react-entry-point .map-frame');
    const drawn = frame.querySelector('.geo .bg rect').getBoundingClientRect();
    const outer = frame.getBoundingClientRect();
    return {drawn: [drawn.left, drawn.right], frame: [outer.left + frame.clientLeft,
            outer.left + frame.clientLeft + frame.clientWidth]};
}"""


def on_paper(page: Page) -> dict:
    """Where the map stands in its frame once the page is made ready for paper."""
    page.evaluate("() => dispatchEvent(new Event('beforeprint'))")  # as printing does: first
    page.emulate_media(media="print")
    return page.evaluate(PRINTED_MAP)


def presenting(visit_page, touring: bool) -> tuple[Page, str]:
    """Presenter mode with a partner in focus: CPAFFC by the link, or the tour's second
    partner (EASC), paused mid-tour."""
    if not touring:
        return visit_page("/?mode=present&focus=CPAFFC", PROJECTOR), "CPAFFC"
    page = visit_page("/?mode=present&tour=1", PROJECTOR)
    expect(page.locator(f"#{ids.TOUR_STATUS}")).to_have_text(
        tour_status(1, 7, False, language("en"))
    )
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    paused_on(page, 2)
    return page, "EASC"


@pytest.mark.parametrize("touring", [False, True], ids=["focus", "mid-tour"])
def test_a_handout_from_presenter_mode_names_the_focus_links_the_view_and_fills_the_map(
    visit, app_server, touring: bool
) -> None:
    page, pid = presenting(visit, touring)
    link = f"{app_server.url}/?focus={pid}"  # the view: no mode, no tour
    expect(page.locator(f"#{ids.PRINT_LINK}")).to_have_text(link)
    sheets = printed(page)
    name = NETWORK.partner(pid)["name"]
    assert squeezed(f"Partner in focus: {name} {pid}") in sheets[0]
    assert squeezed(f"This view online: {link}") in sheets[0]
    assert "mode=" not in "".join(sheets) and "tour=" not in "".join(sheets)
    paper = on_paper(page)
    (left, right), (frame_left, frame_right) = paper["drawn"], paper["frame"]
    assert abs(left - frame_left) < 3 and abs(right - frame_right) < 3, paper  # fills it


def test_a_handout_from_the_tour_carries_the_code_of_its_partner(public_visit) -> None:
    page, pid = presenting(public_visit, touring=True)
    sheets = printed(page)
    assert squeezed(f"partners.example.org/?focus={pid}") in sheets[0]
    assert "mode=" not in "".join(sheets)
    on_paper(page)
    page.locator(SHARE_IMG).scroll_into_view_if_needed()
    assert decoded(page) == [f"{PUBLIC}/?focus={pid}"]  # the code on paper, as a phone reads it


def test_print_opens_closed_details_and_puts_them_back(visit) -> None:
    page = visit("/?country=KEN")
    closed = page.locator(f"#{ids.CARDS} details:not([open])")
    expect(closed.first).to_be_attached()
    count = closed.count()
    page.evaluate("() => dispatchEvent(new Event('beforeprint'))")
    expect(closed).to_have_count(0)
    page.evaluate("() => dispatchEvent(new Event('afterprint'))")
    expect(closed).to_have_count(count)


TIMELINE_POINTS = f"#{ids.TIMELINE} .timeline-point"


def test_the_timeline_shows_the_dated_facts_and_counts_the_undated(visit) -> None:
    page = visit("/")
    points = page.locator(TIMELINE_POINTS)
    expect(points).to_have_text(
        [
            re.compile(r"^1926\W*AIILSG\s*Founded$"),
            re.compile(r"^2009\W*WCSDA\s*Founded$"),
            re.compile(r"^July 2012\W*AIILSG\s*MoU signed$"),
            re.compile(r"^October 2012\W*CPAFFC\s*MoU signed$"),
        ]
    )
    expect(page.locator(f"#{ids.TIMELINE} .undated")).to_have_text(
        "4 partners: no date published (AGSCF, EASC, Sister Cities Africa and ACHA)"
    )


def test_a_point_of_the_timeline_focuses_its_partner_by_click_or_key(visit) -> None:
    page = visit("/")
    page.locator(TIMELINE_POINTS, has_text="CPAFFC").click()
    expect(page).to_have_url(re.compile(r"\?focus=CPAFFC$"))
    expect(page.locator(f"#{ids.CARDS} .card.focused")).to_contain_text("Chinese People")
    page.locator(TIMELINE_POINTS, has_text="WCSDA").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?focus=WCSDA$"))


def test_the_timeline_hides_when_the_selection_has_no_dates(visit) -> None:
    page = visit("/?partner=EASC,ACHA")
    expect(page.locator(f"#{ids.TIMELINE_SECTION}")).to_be_hidden()
    page = visit("/?partner=EASC,WCSDA")
    expect(page.locator(TIMELINE_POINTS)).to_have_count(1)
    expect(page.locator(f"#{ids.TIMELINE} .undated")).to_have_text(
        "1 partner: no date published (EASC)"
    )


def test_the_tour_runs_in_date_order(visit) -> None:
    page = visit("/?tour=dates", PROJECTOR)
    page.keyboard.press("Space")
    for number, name in enumerate(["All India Institute", "World Cities", "Chinese People"], 1):
        paused_on(page, number)
        expect(page.locator(f"#{ids.STAGE} .card h3")).to_contain_text(name)
        page.keyboard.press("ArrowRight")
    paused_on(page, 4)
    expect(page.locator(f"#{ids.STAGE} .card h3")).to_contain_text("African Global")
    assert "tour=dates" in page.url


def test_the_timeline_button_starts_the_tour_in_date_order(visit) -> None:
    page = visit("/")
    page.locator(f"#{ids.TOUR_DATES}").click()
    expect(page.locator(f"#{ids.TOUR_STATUS}")).to_have_text("Partner 1 of 7", timeout=20_000)
    expect(page.locator(f"#{ids.STAGE} .card h3")).to_contain_text("All India Institute")
    expect(page).to_have_url(re.compile(r"mode=present&tour=dates"))


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_the_timeline_and_the_code_speak_every_language(public_visit, code: str) -> None:
    locale, _tag, direction, _kenya = LANGUAGES[code]
    words = language(locale)
    page = public_visit(f"/?lang={code}", {"width": 1920, "height": 1080})
    expect(page.locator("html")).to_have_attribute("dir", direction)
    points = page.locator(TIMELINE_POINTS)
    expect(points.nth(2)).to_contain_text(words.month(date(2012, 7, 1)))
    expect(points.nth(2)).to_contain_text(words._("MoU signed"))
    expect(page.locator(f"#{ids.SHARE_TOGGLE}")).to_have_text(words._("QR code"))
    expect(page.locator(f"#{ids.PRINT}")).to_have_text(words._("Print"))
    if direction == "rtl":  # the earliest date stands at the right
        first, last = points.first.bounding_box(), points.last.bounding_box()
        assert first["x"] > last["x"]


@pytest.mark.parametrize(
    "path", ["/?lang=ar&country=KEN", "/?country=KEN", "/?lang=ar&mode=present&tour=1"]
)
def test_the_code_and_the_timeline_pass_the_accessibility_scan(public_visit, path: str) -> None:
    page = public_visit(path)
    if "present" in path:
        expect(page.locator(SHARE_IMG)).to_be_visible(timeout=20_000)
    else:
        page.locator(f"#{ids.SHARE_TOGGLE}").click()
        expect(page.locator(SHARE_IMG)).to_be_visible()
        expect(page.locator(TIMELINE_POINTS).first).to_be_visible()
    assert axe_problems(page) == []
