"""Staff asking "who serves Ethiopia?": the table and its CSV under a country filter,
the way to everything those partners serve, and a CSV that Excel opens right. Every
click and tap is real input at the element's place on screen."""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import Locator, Page, expect

from dashboard.views.table import COLUMNS
from dashboard.web import ids
from tests.support.chromium import PHONE
from tests.support.pointer import click_at, tap

WORLDWIDE = "states worldwide reach"
ETHIOPIA = ["AGSCF", "EASC", "AIILSG", "CPAFFC", "WCSDA"]  # in the data's order
BOM = b"\xef\xbb\xbf"


def centre(element: Locator) -> tuple[float, float]:
    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    assert box, "not on screen"
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def click(element: Locator) -> None:
    click_at(element.page, *centre(element))


def open_table(page: Page, touch: bool = False) -> Locator:
    tab = page.get_by_role("tab", name="Table")
    (tap if touch else click_at)(page, *centre(tab))
    expect(tab).to_have_attribute("aria-selected", "true")
    return page.locator(f"#{ids.TABLE} table")


def column(table: Locator, name: str) -> list[str]:
    return table.locator(f"tbody td.col-{name}").all_inner_texts()


def download(page: Page, tmp_path) -> tuple[str, bytes]:
    with page.expect_download() as started:
        click(page.locator(f"#{ids.DOWNLOAD_CSV}"))
    path = tmp_path / started.value.suggested_filename
    started.value.save_as(path)
    return started.value.suggested_filename, path.read_bytes()


def rows_of(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data[len(BOM) :].decode("utf-8"))))


def test_the_table_and_csv_of_ethiopia_are_about_ethiopia(visit, tmp_path) -> None:
    page = visit("/?country=ETH")
    table = open_table(page)
    expect(table.locator("caption")).to_have_text(
        "5 rows: one per partner serving Ethiopia, and one per partner stating worldwide reach (2)"
    )
    assert column(table, "partner") == ETHIOPIA
    countries, bases = column(table, "country"), column(table, "basis")
    assert all(c == "Ethiopia" or b == WORLDWIDE for c, b in zip(countries, bases, strict=True))
    assert bases[-2:] == [WORLDWIDE, WORLDWIDE]
    names = column(table, "partner_name")
    assert names[1] == "Eastern Africa Sister Cities"  # the name, beside the acronym
    assert table.locator("th.col-partner_name").is_visible()  # a wide screen shows it

    filename, data = download(page, tmp_path)
    assert filename == "partner-map_country-ETH.csv"
    rows = rows_of(data)
    assert list(rows[0]) == list(COLUMNS)
    assert [r["partner_id"] for r in rows] == ETHIOPIA
    for row in rows:
        assert row["country_iso3"] == "ETH" or row["basis"] == WORLDWIDE, row
    agscf = rows[0]
    assert agscf["partner_name"] == "African Global Sister Cities Foundation"
    assert agscf["basis"] == "in a region the source names" and agscf["area"] == "Africa"
    cpaffc = next(r for r in rows if r["partner_id"] == "CPAFFC")
    assert cpaffc["source_words"].startswith("relationship of friendly cooperation")


def test_the_csv_opens_in_excel_with_its_accents_and_names(visit, tmp_path) -> None:
    page = visit("/?country=CIV")
    open_table(page)
    _, data = download(page, tmp_path)
    assert data[:3] == BOM  # Excel reads the file as UTF-8 only after this mark
    assert "Côte d'Ivoire".encode() in data
    assert "The Chinese People’s Association for Friendship with Foreign Countries".encode() in data
    rows = rows_of(data)
    assert {r["country"] for r in rows} == {"Côte d'Ivoire", ""}


def test_show_everything_these_partners_serve_opens_their_whole_list(visit, tmp_path) -> None:
    page = visit("/?country=ETH")
    table = open_table(page)
    wider = page.locator(f"#{ids.TABLE_WIDER}")
    expect(wider).to_have_text("Show everything these partners serve")
    click(wider)
    expect(page).to_have_url(re.compile(r"\?partner=AGSCF,EASC,AIILSG,CPAFFC,WCSDA$"))
    expect(table.locator("caption")).to_have_text(
        "89 rows: one per partner and served country,"
        " and one per partner stating worldwide reach (2)"
    )
    expect(wider).to_be_hidden()  # no country chosen: nothing wider to show
    assert page.get_by_role("tab", name="Table").get_attribute("aria-selected") == "true"
    assert "Algeria" in column(table, "country") and "China" in column(table, "country")
    _, data = download(page, tmp_path)
    rows = rows_of(data)
    assert len(rows) == 89 and {r["partner_id"] for r in rows} == set(ETHIOPIA)

    page.go_back()  # the country's own view again
    expect(page).to_have_url(re.compile(r"\?country=ETH$"))
    expect(table.locator("caption")).to_contain_text("5 rows: one per partner serving Ethiopia")
    expect(wider).to_be_visible()


def test_a_phone_taps_its_way_to_everything_these_partners_serve(visit) -> None:
    page = visit("/?country=ETH&regions=0", PHONE, is_mobile=True, has_touch=True)
    table = open_table(page, touch=True)
    expect(table.locator("caption")).to_contain_text("4 rows: one per partner serving Ethiopia")
    shown = table.locator("thead th").evaluate_all(
        "ths => ths.filter(th => th.offsetParent !== null).map(th => th.className)"
    )
    assert shown == ["col-partner", "col-country", "col-region", "col-basis"]
    tap(page, *centre(page.locator(f"#{ids.TABLE_WIDER}")))
    expect(page).to_have_url(re.compile(r"\?partner=EASC,AIILSG,CPAFFC,WCSDA&regions=0$"))
    expect(table.locator("caption")).to_contain_text("rows: one per partner and served country")
    countries = column(table, "country")
    assert len(countries) == 4 + 9 + 2 and {"Kenya", "China", "Nepal"} <= set(countries)
