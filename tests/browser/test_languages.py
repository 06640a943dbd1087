"""The page in each of its six languages, right to left in Arabic, with names from CLDR;
the browser's Accept-Language chooses where the link does not."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from dashboard.atlas import load_atlas
from dashboard.data.language import language
from dashboard.network import load_network
from dashboard.state import FilterState
from dashboard.views.selection import select
from dashboard.views.summary import summary
from dashboard.views.text import tour_status
from dashboard.web import ids
from tests.support.chromium import APP_DRAWN, PHONE, TRANSFERRED
from tests.support.paths import BUNDLED_DATA

# Link code -> (catalog locale, html lang, dir, Kenya as CLDR names it)
LANGUAGES = {
    "ar": ("ar", "ar", "rtl", "كينيا"),
    "zh": ("zh_Hans", "zh-Hans", "ltr", "肯尼亚"),
    "en": ("en", "en", "ltr", "Kenya"),
    "fr": ("fr", "fr", "ltr", "Kenya"),
    "ru": ("ru", "ru", "ltr", "Кения"),
    "es": ("es", "es", "ltr", "Kenia"),
}
NETWORK, ATLAS = load_network(BUNDLED_DATA), load_atlas()


def expected_summary(code: str, state: FilterState) -> str:
    """The summary sentence as the views write it in that language."""
    selection = select(NETWORK, ATLAS, state)
    return summary(NETWORK, ATLAS, state, selection, lang=language(LANGUAGES[code][0]))


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_the_page_speaks_the_language_the_link_names(visit, code: str) -> None:
    _locale, tag, direction, kenya = LANGUAGES[code]
    page = visit(f"/?lang={code}")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", tag)
    expect(html).to_have_attribute("dir", direction)
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(expected_summary(code, FilterState()))

    page = visit(f"/?lang={code}&country=KEN")
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(
        expected_summary(code, FilterState(country="KEN"))
    )
    expect(page.locator(f"#{ids.COUNTRY}")).to_contain_text(kenya)
    expect(page.locator(f"#{ids.CARDS} .served").first).to_contain_text(kenya)
    assert page.evaluate("() => new URLSearchParams(location.search).get('lang')") == code


def test_the_chooser_lists_each_language_in_its_own_name_and_keeps_the_view(visit) -> None:
    page = visit("/?country=KEN")
    page.locator(".languages summary").click()
    links = page.locator(".languages a")
    expect(links).to_have_text(["العربية", "English", "Español", "Français", "Русский", "中文"])
    links.filter(has_text="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.wait_for_function(APP_DRAWN)  # the app has taken over from the first view
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(
        expected_summary("fr", FilterState(country="KEN"))
    )
    page.go_back()
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.parametrize(
    ("accept", "tag"), [("fr-CA,fr;q=0.9", "fr"), ("de-DE,de;q=0.9", "en"), ("zh-CN", "zh-Hans")]
)
def test_without_a_link_language_the_browsers_preference_chooses(
    visit, accept: str, tag: str
) -> None:
    page = visit("/", extra_http_headers={"Accept-Language": accept})
    expect(page.locator("html")).to_have_attribute("lang", tag)
    # The negotiated language stays out of the address: a shared link opens in the
    # language of whoever opens it.
    assert "lang=" not in page.url


def test_an_unknown_language_is_dropped_with_a_notice(visit) -> None:
    page = visit("/?lang=xx&country=KEN")
    expect(page.locator(f"#{ids.NOTICE}")).to_contain_text("lang=xx")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_only_the_page_languages_plotly_locale_is_loaded(visit, watch) -> None:
    page = visit("/?lang=fr")
    locales = [url for url in watch.requests if "plotly-locales/" in url]
    assert [url.split("plotly-locales/")[1].split("?")[0] for url in locales] == [
        "plotly-locale-fr.js"
    ]
    # The map's toolbar speaks French too (its words are in our catalog as well).
    english = "Download plot as a PNG"
    button = page.locator(f'.modebar-btn[data-title="{language("fr")._(english)}"]')
    expect(button).to_have_count(1)
    expect(page.locator(f'.modebar-btn[data-title="{english}"]')).to_have_count(0)


def axe_problems(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("code", ["ar", "zh"])
def test_arabic_and_chinese_pages_pass_the_accessibility_scan(visit, code: str) -> None:
    page = visit(f"/?lang={code}&country=KEN")
    assert axe_problems(page) == []


NO_OVERFLOW = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("viewport", [{"width": 1920, "height": 1080}, PHONE])
def test_arabic_mirrors_the_page_without_overflowing(visit, viewport: dict) -> None:
    page = visit("/?lang=ar", viewport)
    assert page.evaluate(NO_OVERFLOW)
    if viewport["width"] > 1000:
        filters = page.locator(f"#{ids.FILTERS}").bounding_box()
        map_box = page.locator(f"#{ids.MAP}").bounding_box()
        assert filters["x"] > map_box["x"] + map_box["width"] - 1, "filters on the map's right"
        summary_box = page.locator(f"#{ids.SUMMARY}").bounding_box()
        assert summary_box["x"] + summary_box["width"] > map_box["x"] + map_box["width"] - 20


@pytest.mark.parametrize("code", ["ar", "zh", "ru"])
def test_a_first_load_in_any_language_stays_under_a_megabyte(visit, code: str) -> None:
    page = visit(f"/?lang={code}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(TRANSFERRED) < 1_000_000


def test_the_tour_steps_in_arabic(visit) -> None:
    page = visit("/?lang=ar&mode=present&tour=1", {"width": 1024, "height": 768})
    status = page.locator(f"#{ids.TOUR_STATUS}")
    arabic = language("ar")
    expect(status).to_have_text(tour_status(1, 7, False, arabic), timeout=15_000)
    page.keyboard.press("Space")
    expect(status).to_have_text(tour_status(1, 7, True, arabic))
    page.keyboard.press("ArrowRight")
    expect(status).to_have_text(tour_status(2, 7, True, arabic))
    expect(page.locator(f"#{ids.STAGE} .card")).to_have_count(1)


def test_an_embedded_map_in_arabic_fits_its_frame(visit) -> None:
    page = visit("/?lang=ar&embed=1", {"width": 800, "height": 500})
    assert page.evaluate(NO_OVERFLOW)
    expect(page.locator(f"#{ids.FILTERS_TOGGLE}")).to_have_text(language("ar")._("Filters"))
