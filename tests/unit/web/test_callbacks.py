"""Each feature's callbacks, called as the browser calls them (a POST to Dash), in-process."""

from __future__ import annotations

import base64
import json

import pytest

from dashboard.state import SCREEN_COOKIE
from dashboard.web import ids
from dashboard.web.app import create_app
from tests.support.paths import BUNDLED_DATA

CONTROL_VALUES = {
    f"{ids.URL}.search": "",
    f"{ids.ADDRESS}.data": "",  # the address as the page last saw it: in step
    f"{ids.REGION}.value": None,
    f"{ids.COUNTRY}.value": None,
    f"{ids.PARTNERS}.value": [],
    f"{ids.COUNT_REGIONS}.data": True,
    f"{ids.FOCUS}.data": None,
    f"{ids.VIEW}.data": {"present": False, "tour": False, "embed": False},
    f"{ids.TOUR_PACE}.value": 8,
}


class Browser:
    """Sends callback requests the way Dash's renderer does, from the declared callbacks."""

    def __init__(self) -> None:
        app = create_app(BUNDLED_DATA)
        self.client = app.server.test_client()
        self.specs = self.client.get("/_dash-dependencies").get_json()

    def call(self, output: str, values: dict, changed: list[str], by: str = "") -> dict:
        """The callback whose first output is `output` (else the first that has it; of
        those, the one with an input from component `by`, if given), with inputs and
        state from `values` (id.prop -> value); returns {id.prop: value} of what it sent
        back."""
        firsts = [s for s in self.specs if _names(s)[0] == output]
        specs = firsts or [s for s in self.specs if output in _names(s)]
        spec = next(s for s in specs if not by or any(i["id"] == by for i in s["inputs"]))
        body = {
            "output": spec["output"],
            "outputs": _outputs(spec),
            "inputs": [_with_value(i, values) for i in spec["inputs"]],
            "state": [_with_value(s, values) for s in spec["state"]],
            "changedPropIds": changed,
        }
        response = self.client.post("/_dash-update-component", json=body)
        if response.status_code == 204:
            return {}
        assert response.status_code == 200, response.get_data(as_text=True)
        sent = json.loads(response.get_data(as_text=True))["response"]
        return {f"{cid}.{prop}": v for cid, props in sent.items() for prop, v in props.items()}


def _names(spec: dict) -> list[str]:
    """A callback's outputs as id.prop (Dash adds @hash to duplicate outputs)."""
    return [name.split("@")[0] for name in spec["output"].strip(".").split("...")]


def _outputs(spec: dict) -> list[dict] | dict:
    """A list with an item per output; a single output's alone ("..a.b...c.d.." is many)."""
    items = [_item(name) for name in _names(spec)]
    return items if spec["output"].startswith("..") else items[0]


def _item(name: str) -> dict:
    component, prop = name.rsplit(".", 1)
    return {"id": component, "property": prop}


def _with_value(item: dict, values: dict) -> dict | list:
    if item["id"].startswith("{"):  # a pattern-matching input: no such component here
        return []
    return {**item, "value": values.get(f"{item['id']}.{item['property']}")}


@pytest.fixture(scope="module")
def browser() -> Browser:
    return Browser()


def view(browser: Browser, changed: list[str], **values) -> dict:
    sent_values = {**CONTROL_VALUES, f"{ids.TABS}.data": "cards", **values}
    return browser.call(f"{ids.MAP}.figure", sent_values, changed)


def test_a_filter_change_redraws_map_summary_cards_and_says_what_it_drew(browser) -> None:
    sent = view(browser, [f"{ids.COUNTRY}.value"], **{f"{ids.COUNTRY}.value": "KEN"})
    assert sent[f"{ids.SUMMARY}.children"].startswith("2 partners serve Kenya: AGSCF and EASC.")
    assert sent[f"{ids.MAP}.figure"]["data"][0]["type"] == "choropleth"
    assert sent[f"{ids.DRAWN}.data"]["for"] == "country=KEN"


def test_a_focus_change_on_the_drawn_map_sends_only_a_patch(browser) -> None:
    focus = {f"{ids.FOCUS}.data": "EASC", f"{ids.DRAWN}.data": {"for": ""}}
    sent = view(browser, [f"{ids.FOCUS}.data"], **focus)
    assert f"{ids.SUMMARY}.children" not in sent
    assert f"{ids.CARDS}.content" not in sent
    patch = sent[f"{ids.MAP}.figure"]
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    assert "In focus: Eastern Africa Sister Cities" in json.dumps(sent[f"{ids.DETAILS}.children"])


def test_opening_the_table_sends_the_table_alone(browser) -> None:
    table = {f"{ids.TABS}.data": "table", f"{ids.DRAWN}.data": {"for": ""}}
    sent = view(browser, [f"{ids.TABS}.data"], **table)
    table_parts = {f"{ids.TABLE_BODY}.children", f"{ids.TABLE_CAPTION}.children"}
    assert set(sent) == {*table_parts, f"{ids.TABLE_WIDER}.hidden"}
    assert sent[f"{ids.TABLE_CAPTION}.children"].startswith("114 rows")
    assert sent[f"{ids.TABLE_WIDER}.hidden"] is True  # no country: nothing wider to show


def cells(sent: dict, column: str) -> list[str]:
    """One column of the rows sent, by its class (col-country, ...)."""
    rows = sent[f"{ids.TABLE_BODY}.children"]
    return [
        cell["props"]["children"]
        for row in rows
        for cell in row["props"]["children"]
        if cell["props"]["className"] == f"col-{column}"
    ]


def test_under_a_country_the_table_lists_its_links_and_offers_everything(browser) -> None:
    values = {f"{ids.TABS}.data": "table", f"{ids.COUNTRY}.value": "ETH"}
    sent = view(browser, [f"{ids.COUNTRY}.value"], **values)
    assert sent[f"{ids.TABLE_CAPTION}.children"] == (
        "5 rows: one per partner serving Ethiopia, and one per partner stating worldwide reach (2)"
    )
    assert cells(sent, "partner") == ["AGSCF", "EASC", "AIILSG", "CPAFFC", "WCSDA"]
    assert cells(sent, "country") == ["Ethiopia"] * 3 + [""] * 2
    assert cells(sent, "basis")[3:] == ["states worldwide reach"] * 2
    assert sent[f"{ids.TABLE_WIDER}.hidden"] is False
    first = {
        c["props"]["className"]: c["props"]
        for c in sent[f"{ids.TABLE_BODY}.children"][0]["props"]["children"]
    }
    assert first["col-partner_name"]["lang"] == "en"  # the partner's own words, marked
    assert "lang" not in first["col-country"]  # the page's own (CLDR's) names


def test_show_everything_keeps_the_country_s_partners_and_lets_the_place_go(browser) -> None:
    values = {
        **CONTROL_VALUES,
        f"{ids.TABLE_WIDER}.n_clicks": 1,
        f"{ids.COUNTRY}.value": "ETH",
        f"{ids.REGION}.value": "eastern-africa",
    }
    clicked = [f"{ids.TABLE_WIDER}.n_clicks"]
    sent = browser.call(f"{ids.REGION}.value", values, clicked, by=ids.TABLE_WIDER)
    assert sent == {
        f"{ids.REGION}.value": None,
        f"{ids.COUNTRY}.value": None,
        f"{ids.PARTNERS}.value": ["AGSCF", "EASC", "AIILSG", "CPAFFC", "WCSDA"],
    }
    # Without a country (a click that raced a change of filters) it changes nothing.
    values[f"{ids.COUNTRY}.value"] = None
    assert browser.call(f"{ids.REGION}.value", values, clicked, by=ids.TABLE_WIDER) == {}


def test_the_csv_is_utf8_with_a_bom_and_carries_the_partner_s_name(browser) -> None:
    values = {
        **CONTROL_VALUES,
        f"{ids.DOWNLOAD_CSV}.n_clicks": 1,
        f"{ids.COUNTRY}.value": "CIV",
        f"{ids.LANG}.data": "fr",
    }
    sent = browser.call(f"{ids.DOWNLOAD}.data", values, [f"{ids.DOWNLOAD_CSV}.n_clicks"])
    download = sent[f"{ids.DOWNLOAD}.data"]
    assert download["filename"] == "partner-map_country-CIV.csv"
    assert download["base64"] is True
    data = base64.b64decode(download["content"])
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("partner_id,partner,partner_name,country_iso3,")
    assert "African Global Sister Cities Foundation" in text
    assert "Côte d’Ivoire" in text  # CLDR's French name, accent and apostrophe intact


def test_a_focus_change_on_a_map_drawn_for_other_filters_redraws_it_whole(browser) -> None:
    focus = {f"{ids.FOCUS}.data": "EASC", f"{ids.DRAWN}.data": {"for": "country=MEX"}}
    sent = view(browser, [f"{ids.FOCUS}.data"], **focus)
    assert "data" in sent[f"{ids.MAP}.figure"]
    assert f"{ids.SUMMARY}.children" in sent


def test_presenter_mode_shows_the_focused_card_beside_the_map(browser) -> None:
    mode = {"present": True, "tour": False, "embed": True}
    sent = view(
        browser,
        [f"{ids.VIEW}.data"],
        **{f"{ids.VIEW}.data": mode, f"{ids.FOCUS}.data": "ACHA"},
    )
    stage = json.dumps(sent[f"{ids.STAGE}.children"])
    assert '"className": "card focused"' in stage and "Asociacion de Ciudades" in stage
    # The list's card is the one a click picks and the focus marks: the stage's copy
    # is neither.
    assert "data-pick" not in stage and "data-mark" not in stage


def test_a_link_sets_the_controls_and_names_what_it_dropped(browser) -> None:
    values = {**CONTROL_VALUES, f"{ids.URL}.search": "?country=ken&region=<b>&pace=12"}
    values[f"{ids.ADDRESS}.data"] = "?region=africa"  # the page was showing another link
    sent = browser.call(f"{ids.URL}.search", values, [f"{ids.URL}.search"])
    assert sent[f"{ids.COUNTRY}.value"] == "KEN"
    assert sent[f"{ids.TOUR_PACE}.value"] == 12
    assert f"{ids.REGION}.value" not in sent  # unchanged: not sent
    assert sent[f"{ids.NOTICE}.children"] == "Not recognised in this link, so left out: region=<b>."


def test_a_control_change_writes_the_address(browser) -> None:
    values = {**CONTROL_VALUES, f"{ids.URL}.search": "", f"{ids.COUNTRY}.value": "KEN"}
    sent = browser.call(f"{ids.URL}.search", values, [f"{ids.COUNTRY}.value"])
    assert sent[f"{ids.URL}.search"] == sent[f"{ids.ADDRESS}.data"] == "?country=KEN"


def test_the_tour_starts_on_the_first_partner_of_the_selection(browser) -> None:
    values = {
        **CONTROL_VALUES,
        f"{ids.VIEW}.data": {"present": True, "tour": True, "embed": False},
        f"{ids.REGION}.value": "northern-america",
        f"{ids.TOUR}.data": {"active": False, "focus": None},
    }
    sent = browser.call(f"{ids.TOUR}.data", values, [f"{ids.VIEW}.data"])
    assert sent[f"{ids.TOUR_STATUS}.children"] == "Partner 1 of 3"  # and the worldwide two
    assert sent[f"{ids.TOUR}.data"]["focus"] == "CPAFFC"


def test_clicking_a_country_on_the_map_selects_it(browser) -> None:
    click = {"points": [{"customdata": "MEX"}]}
    values = {f"{ids.MAP}.clickData": click, f"{ids.FOCUS}.data": None}
    sent = browser.call(f"{ids.FOCUS}.data", values, [f"{ids.MAP}.clickData"])
    assert sent == {f"{ids.COUNTRY}.value": "MEX"}


def test_the_tour_in_date_order_starts_on_the_oldest_dated_partner(browser) -> None:
    values = {
        **CONTROL_VALUES,
        f"{ids.VIEW}.data": {"present": True, "tour": True, "dates": True, "embed": False},
        f"{ids.TOUR}.data": {"active": False, "focus": None},
    }
    sent = browser.call(f"{ids.TOUR}.data", values, [f"{ids.VIEW}.data"])
    assert sent[f"{ids.TOUR}.data"]["focus"] == "AIILSG"  # founded 1926; the data's first is AGSCF


def test_the_view_draws_the_timeline_and_no_code_without_a_public_address(browser) -> None:
    sent = view(browser, [f"{ids.COUNTRY}.value"], **{f"{ids.COUNTRY}.value": "KEN"})
    timeline = json.dumps(sent[f"{ids.TIMELINE}.content"])
    assert "2009" in timeline and "October 2012" in timeline
    # No code: only the view's path, unseen, for the link on paper (sharing.py).
    (path,) = sent[f"{ids.SHARE}.children"]
    assert (path["type"], path["props"]["children"]) == ("Span", "/?country=KEN")
    assert path["props"]["hidden"] is True


def test_a_filter_change_is_answered_in_one_request_with_its_address_and_its_view(browser) -> None:
    sent = view(browser, [f"{ids.COUNTRY}.value"], **{f"{ids.COUNTRY}.value": "KEN"})
    assert sent[f"{ids.URL}.search"] == "?country=KEN"
    assert sent[f"{ids.SUMMARY}.children"].startswith("2 partners serve Kenya")


def test_a_filter_change_whose_answer_dash_dropped_still_reaches_the_address(browser) -> None:
    # The country's answer was dropped when the tour's clock asked again: the next
    # request says only that the clock ticked, but the controls say Kenya.
    values = {f"{ids.COUNTRY}.value": "KEN", f"{ids.DRAWN}.data": {"for": ""}}
    sent = view(browser, [f"{ids.TICK}.n_intervals"], **values)
    assert sent[f"{ids.URL}.search"] == "?country=KEN"
    assert sent[f"{ids.DRAWN}.data"]["for"] == "country=KEN"  # the whole view: the map was not


def test_back_wins_over_the_controls_whatever_else_the_request_carried(browser) -> None:
    values = {
        f"{ids.URL}.search": "?country=MEX",  # the page had written KEN, then: back
        f"{ids.ADDRESS}.data": "?country=KEN",
        f"{ids.COUNTRY}.value": "KEN",
    }
    sent = view(browser, [f"{ids.MAP_SHAPE}.data"], **values)
    assert sent[f"{ids.COUNTRY}.value"] == "MEX"
    assert sent[f"{ids.ADDRESS}.data"] == "?country=MEX"
    assert f"{ids.URL}.search" not in sent  # the address is left as the browser has it
    assert sent[f"{ids.DRAWN}.data"]["for"] == "country=MEX"


def test_a_change_that_leaves_the_controls_as_the_address_says_writes_no_address(browser) -> None:
    values = {f"{ids.URL}.search": "?country=ken", f"{ids.ADDRESS}.data": "?country=ken"}
    values[f"{ids.COUNTRY}.value"] = "KEN"  # the link, typed in lower case, as read
    sent = view(
        browser,
        [f"{ids.MAP_SHAPE}.data"],
        **{**values, f"{ids.DRAWN}.data": {"for": "country=KEN"}},
    )
    assert f"{ids.URL}.search" not in sent  # no history entry for the map's shape
    assert sent[f"{ids.MAP}.figure"]["__dash_patch_update"] == "__dash_patch_update"


def _drawn_page(browser, values: dict) -> dict:
    """The page's values once a filter change to `values` has drawn the map: its
    address written, and the store as the browser sends it back (through JSON)."""
    first = view(browser, [f"{ids.COUNTRY}.value"], **values)
    return {
        **values,
        f"{ids.URL}.search": first[f"{ids.ADDRESS}.data"],
        f"{ids.ADDRESS}.data": first[f"{ids.ADDRESS}.data"],
        f"{ids.DRAWN}.data": json.loads(json.dumps(first[f"{ids.DRAWN}.data"])),
    }


def _shaped(browser, values: dict, aspect: float) -> dict:
    """The answer to the map frame's shape becoming `aspect` on that page."""
    page = {**_drawn_page(browser, values), f"{ids.MAP_SHAPE}.data": aspect}
    return view(browser, [f"{ids.MAP_SHAPE}.data"], **page)


def test_the_frame_s_shape_on_the_world_map_sends_nothing_to_redraw(browser) -> None:
    # Every page load sends the frame's shape; the world is framed the same on every
    # screen, so the map is not redrawn (plotly.js redraws it for any new figure).
    assert _shaped(browser, {f"{ids.COUNTRY}.value": "KEN"}, 0.6) == {}
    focused = {f"{ids.COUNTRY}.value": "KEN", f"{ids.FOCUS}.data": "EASC"}
    assert _shaped(browser, focused, 2.4) == {}


def test_the_frame_s_shape_on_a_zoomed_map_sends_its_new_view_alone(browser) -> None:
    region = {f"{ids.REGION}.value": "eastern-africa"}
    sent = _shaped(browser, region, 0.6)
    patch = sent[f"{ids.MAP}.figure"]
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    assert (
        sent[f"{ids.DRAWN}.data"]["view"]["lonaxis"]
        != _shaped(browser, region, 2.4)[f"{ids.DRAWN}.data"]["view"]["lonaxis"]
    )
    assert f"{ids.SUMMARY}.children" not in sent
    # The same shape again, with the store as the browser sends it back: nothing.
    page = {**_drawn_page(browser, region), f"{ids.MAP_SHAPE}.data": 0.6}
    page[f"{ids.DRAWN}.data"] = json.loads(json.dumps(sent[f"{ids.DRAWN}.data"]))
    assert view(browser, [f"{ids.MAP_SHAPE}.data"], **page) == {}


def test_a_focus_the_map_already_shows_sends_nothing_and_a_new_one_a_patch(browser) -> None:
    focused = {f"{ids.COUNTRY}.value": "KEN", f"{ids.FOCUS}.data": "EASC"}
    page = _drawn_page(browser, focused)
    assert view(browser, [f"{ids.FOCUS}.data"], **page) == {}
    other = {**page, f"{ids.FOCUS}.data": "AGSCF"}
    sent = view(browser, [f"{ids.FOCUS}.data"], **other)
    assert sent[f"{ids.MAP}.figure"]["__dash_patch_update"] == "__dash_patch_update"
    assert sent[f"{ids.DRAWN}.data"]["focus"] == "AGSCF"


def test_a_tour_step_moves_the_focus_in_the_same_answer(browser) -> None:
    tour_mode = {"present": True, "tour": True, "embed": False}
    started = {"active": True, "start": {"tick": 0, "prev": 0, "pause": 0, "next": 0}}
    values = {
        f"{ids.VIEW}.data": tour_mode,
        f"{ids.TOUR}.data": {**started, "focus": "AGSCF"},
        f"{ids.TOUR_NEXT}.n_clicks": 1,
        f"{ids.DRAWN}.data": {"for": "mode=present&tour=1"},
    }
    sent = view(browser, [f"{ids.TOUR_NEXT}.n_clicks"], **values)
    assert sent[f"{ids.TOUR_STATUS}.children"] == "Partner 2 of 7"
    assert sent[f"{ids.MAP}.figure"]["__dash_patch_update"] == "__dash_patch_update"
    assert sent[f"{ids.TOUR}.data"]["focus"] in json.dumps(sent[f"{ids.STAGE}.children"])


def test_a_filter_change_on_a_phone_draws_the_map_for_its_screen(browser) -> None:
    """The change callback reads the screen cookie as the first layout does, so a
    phone's next map keeps its small markers and its page scroll."""
    browser.client.set_cookie(SCREEN_COOKIE, "small.touch")
    try:
        phone = view(browser, [f"{ids.COUNTRY}.value"], **{f"{ids.COUNTRY}.value": "KEN"})
    finally:
        browser.client.delete_cookie(SCREEN_COOKIE)
    wide = view(browser, [f"{ids.COUNTRY}.value"], **{f"{ids.COUNTRY}.value": "KEN"})
    phone_map, wide_map = phone[f"{ids.MAP}.figure"], wide[f"{ids.MAP}.figure"]
    assert phone_map["layout"]["dragmode"] is False
    assert "dragmode" not in wide_map["layout"]
    sizes = [
        next(t["marker"]["size"] for t in m["data"] if t["name"] == "EASC")
        for m in (phone_map, wide_map)
    ]
    assert max(sizes[0]) < max(sizes[1])
