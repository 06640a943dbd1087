"""Hostile data and the content security policy, in a real browser."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboard.web import ids
from tests.support.chromium import DESKTOP, Watch, choose, open_page
from tests.support.datafolder import partner, tiny_network
from tests.support.servers import start_gunicorn, stop

SCRIPT_NAME = "<script>window.__pwned = 1</script>Evil & Co"
IMG_ACRONYM = "<img src=x onerror=window.__pwned=2>"
TRICKY = (
    "Entities stay as written: &amp; &lt;b&gt; and <b>tags</b> too. "
    "A link that is only text: javascript:alert(3). "
    "Right-to-left override: \u202eevil.exe\u202c. Emoji: 🌍🤝🏽."
)
LONG = " ".join(f"word{i}" for i in range(2600))  # over 20,000 characters
UNBROKEN = "x" * 3000


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile") / "data"
    tiny_network(
        folder,
        [
            partner(
                "evil",
                name=SCRIPT_NAME,
                acronym=IMG_ACRONYM,
                description=TRICKY,
                hq_city="Nairobi",
                hq_country="Kenya",
                website="https://example.org/?q=<script>alert(4)</script>",
            ),
            partner("long", name="Long description", description=f"{LONG}\n\n{UNBROKEN}"),
            partner("empty", name="Empty optional fields", description=""),
        ],
        [
            ("evil", "<svg onload=window.__pwned=5>Kenya</svg>", "named", "Kenya"),
            ("long", "Peru", "named", "Peru"),
            ("empty", "\u202eworld\u202c", "worldwide", ""),
        ],
        cache={"Nairobi, Kenya": (-1.28, 36.82)},
    )
    log = folder.parent / "gunicorn.log"
    server = start_gunicorn(folder, log)
    yield server.url
    stop(server)


@pytest.fixture
def hostile_page(browser: Browser, hostile: str) -> Iterator[tuple[Page, Watch]]:
    watch = Watch(hostile)
    page = open_page(browser, hostile + "/", DESKTOP, watch)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield page, watch
    assert dialogs == []
    assert watch.errors == []
    assert watch.foreign() == []
    page.context.close()


def test_no_script_from_the_data_runs(hostile_page) -> None:
    page, _ = hostile_page
    page.locator(f"#{ids.CARDS} .card-title").first.click()  # focus: details, lines, stage
    page.get_by_role("tab", name="Table").click()
    page.wait_for_selector(f"#{ids.TABLE_BODY} tr")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.locator(f"#{ids.CARDS} script, #{ids.LEGEND} script").count() == 0


def test_the_text_reads_exactly_as_written(hostile_page) -> None:
    page, _ = hostile_page
    card = page.locator(f"#{ids.CARDS} .card").first
    expect(card.locator(".name")).to_have_text(SCRIPT_NAME)
    expect(card.locator(".acronym")).to_have_text(IMG_ACRONYM)
    expect(card.locator(".description")).to_contain_text(TRICKY)
    link = card.locator("a[href^='https://example.org']")
    assert link.get_attribute("rel") == "noopener noreferrer"
    expect(page.locator(f"#{ids.SUMMARY}")).to_contain_text(IMG_ACRONYM)


def test_the_layout_holds_with_long_and_empty_fields(hostile_page) -> None:
    page, _ = hostile_page
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    cards = page.locator(f"#{ids.CARDS} .card")
    expect(cards).to_have_count(3)
    frame = page.locator(".cards").bounding_box()
    for i in range(3):
        box = cards.nth(i).bounding_box()
        assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    empty = cards.nth(2)
    expect(empty).to_contain_text("Headquarters")
    expect(empty).to_contain_text("not published")
    expect(empty).to_contain_text("No description in the sources.")


def test_the_app_works_under_its_content_security_policy(page: Page, app_server) -> None:
    with urllib.request.urlopen(app_server.url + "/") as response:
        policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in policy and "unsafe-eval" not in policy
    page.evaluate(
        """() => { window.__violations = [];
        document.addEventListener('securitypolicyviolation',
            e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); }"""
    )
    choose(page, ids.COUNTRY, "Kenya")
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(
        "2 partners serve Kenya: AGSCF and EASC. CPAFFC and WCSDA also state worldwide reach."
    )
    page.locator(f"#{ids.CARDS} .card-title").first.click()
    page.get_by_role("tab", name="Table").click()
    page.wait_for_selector(f"#{ids.TABLE_BODY} tr")
    page.click(f"#{ids.PRESENT}")
    expect(page.locator(f"#{ids.ROOT}")).to_have_class("app present")
    assert page.evaluate("window.__violations") == []
    assert page.locator("#map .choroplethlocation").count() > 0


# The cards' component drawing links and markup it is handed: the data refuses such
# websites (dashboard/data/partners.py), and the component draws none either.
DRAW_HOSTILE = """() => {
    const el = (type, props) => ({type, namespace: "dash_html_components", props});
    const content = ["javascript:alert(1)", " JavaScript:alert(2)", "data:text/html,x",
                     "https://example.org/", "#map-section"]
        .map(href => el("A", {href, children: href}));
    content.push(el("P", {dangerouslySetInnerHTML: {__html: "<img src=x>"}}));
    const holder = document.createElement("div");
    const markup = React.createElement(window.partner_map.Markup,
                                       {id: "hostile", tag: "div", content, setProps: () => {}});
    ReactDOM.flushSync(() => ReactDOM.createRoot(holder).render(markup));
    return Array.from(holder.querySelectorAll("a"), a => a.getAttribute("href"))
        .concat(holder.querySelectorAll("img").length);
}"""


def test_the_cards_component_draws_no_script_address_and_no_markup(page: Page) -> None:
    assert page.evaluate(DRAW_HOSTILE) == [
        None,
        None,
        None,
        "https://example.org/",
        "#map-section",
        0,
    ]
