"""Every word the page writes itself goes through the catalogs: served in a test
language that marks each message ⟦like this⟧, the page shows nothing unmarked but data
(the partners' own words, CLDR's names) and numbers and punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, expect

from dashboard.atlas import load_atlas
from dashboard.data.site import read_site
from dashboard.network import load_network
from dashboard.views.text import ENGLISH
from dashboard.web import ids
from tests.support.chromium import DESKTOP, Watch, open_page
from tests.support.paths import BUNDLED_DATA
from tests.support.pseudo import unmarked
from tests.support.servers import Server, start_gunicorn, stop

# Every text node of the page (hidden tabs and closed details too: a click shows them),
# and the attributes a person reads or hears. plotly's own toolbar is its locale's.
TEXTS = """() => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest("script, style, .modebar-container")) { continue; }
        if (node.textContent.trim()) { texts.push(node.textContent); }
    }
    for (const element of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
        if (element.closest(".modebar-container")) { continue; }
        for (const name of ["aria-label", "title", "placeholder"]) {
            const value = element.getAttribute(name);
            if (value) { texts.push(value); }
        }
    }
    return texts;
}"""
# Numbers, punctuation, and the words CLDR itself writes in English lists ("A, B and C").
NEUTRAL = re.compile(r"^[\s\d.,;:()\[\]\-–—−·×…%/\"“”'’+▾◀▶▲▼●■◆★⬟✶✚✖⧗⋈]*(and[\s\d.,]*)*$")
ISO_CODE = re.compile(r"^[A-Z]{3}$")  # the table's ISO code column
VIEWS = [
    "/",
    "/?country=KEN&focus=EASC",
    "/?region=eastern-africa&regions=0",
    "/?mode=present&tour=1",
    "/?partner=ACHA&focus=ACHA",
    "/?country=XXX",
    "/?mode=present&tour=dates",  # the QR code in its corner
    "/?partner=EASC,WCSDA&focus=WCSDA",  # a timeline with a partner counted undated
]
# Links are the page's to write as they are: the QR code's, and the address on paper.
LINK = re.compile(r"(https?://|partners\.example\.org)\S*")


def data_words() -> list[str]:
    """What the page may show unmarked: the data's own words and CLDR's names."""
    network, atlas = load_network(BUNDLED_DATA), load_atlas()
    partners = network.partners
    words = [*partners["id"], *partners["name"], *partners["acronym"], *partners["label"]]
    words += [*partners["hq_city"]]
    words += [*partners["hq_source"], *partners["website"], *partners["headquarters"]]
    for text in partners["description"]:
        words += [p.strip() for p in text.split("\n\n")]
    words += [*network.statements["words"], *network.links["area"], *network.links["words"]]
    words += [*atlas.countries["name"], *(r.name for r in atlas.regions)]
    site, _ = read_site(BUNDLED_DATA)
    words += [site.title, site.note, "XXX"]  # XXX: the value the notice quotes back
    # CLDR's dates, as English writes them (the catalogs hold no month names).
    months = [m for m in partners["mou"] if isinstance(m, str) and re.fullmatch(r"\d{4}-\d\d", m)]
    words += [ENGLISH.month(date.fromisoformat(f"{m}-01")) for m in months]
    return sorted({w for w in words if isinstance(w, str) and w.strip()}, key=len, reverse=True)


def unexplained(text: str, allowed: list[str]) -> str:
    rest = LINK.sub(" ", unmarked(text))
    for word in allowed:
        rest = rest.replace(word, " ")
    return "" if NEUTRAL.match(rest) or ISO_CODE.match(rest.strip()) else rest


@pytest.fixture(scope="module")
def pseudo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("pseudo") / "gunicorn.log"
    public = {"PARTNER_MAP_PUBLIC_URL": "https://partners.example.org"}  # the QR code shows
    running = start_gunicorn(BUNDLED_DATA, log, env=public, app="tests.support.pseudo:server")
    yield running
    stop(running)


@pytest.mark.parametrize("path", VIEWS)
def test_no_text_of_the_page_escapes_the_catalogs(
    browser: Browser, pseudo_server: Server, path: str
) -> None:
    watch = Watch(pseudo_server.url)
    page = open_page(browser, pseudo_server.url + path, DESKTOP, watch)
    expect(page.locator(f"#{ids.SUMMARY}")).to_contain_text("⟦")
    table_tab = page.get_by_role("tab").last
    if table_tab.is_visible():  # not in presenter mode
        table_tab.click()
        expect(page.locator(f"#{ids.TABLE_CAPTION}")).to_contain_text("⟦", timeout=15_000)
    allowed = data_words()
    leftovers = {t for t in page.evaluate(TEXTS) if unexplained(t, allowed)}
    page.context.close()
    assert leftovers == set()
    assert watch.errors == []
