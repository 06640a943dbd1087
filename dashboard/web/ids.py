"""Component ids, in one place, so the layout, the callbacks, keys.js and the tests agree."""

ROOT = "app"
URL = "url"
ADDRESS = "address"  # store: the address the controls were last set from or wrote
VIEW = "view"  # store: presenter mode, tour and embed (from the URL)
NOTICE = "notice"
LANG = "lang"  # store: the code of the language the page is written in
WORDS = "words"  # store: words the browser writes itself, in that language

REGION = "filter-region"
COUNTRY = "filter-country"
PARTNERS = "filter-partners"
COUNT_REGIONS = "filter-count-regions"  # store: count region-derived links?
COUNT_REGIONS_SWITCH = "filter-count-regions-switch"
CLEAR = "filter-clear"
DROPDOWNS = (REGION, COUNTRY, PARTNERS)  # each with a clear button of its own: clear_of


def clear_of(dropdown: str) -> str:
    """The id of a filter dropdown's clear button."""
    return f"{dropdown}-clear"


FILTERS = "filters"  # the filter panel
FILTERS_TOGGLE = "filters-toggle"  # folds the panel away on phones and in iframes
FILTERS_DONE = "filters-done"  # folds it away and shows the map, where it folds

COPY_LINK = "copy-link"
COPY_STATUS = "copy-status"
PRESENT = "present-toggle"
PRESENT_EXIT = "present-exit"
PRINT = "print-view"  # assets/print.js prints the page (the handout: its print style sheet)
PRINT_LINK = "print-link"  # the view's address, on paper only, where no QR code is
SHARE = "share"  # the QR code of the view's public link, and the link
SHARE_TOGGLE = "share-toggle"  # shows the QR code outside presenter mode

TOUR = "tour"  # store: the tour's partner, and the counts it started from
TICK = "tour-tick"
TOUR_START = "tour-start"
TOUR_PREV = "tour-prev"
TOUR_PAUSE = "tour-pause"
TOUR_NEXT = "tour-next"
TOUR_EXIT = "tour-exit"
TOUR_PACE = "tour-pace"
TOUR_STATUS = "tour-status"
TOUR_DATES = "tour-dates"  # starts the tour in date order

SUMMARY = "summary"
MAP = "map"
STILL = "map-still"  # the map as a still picture, until plotly.js has drawn it
MAP_SHAPE = "map-shape"  # store: the map frame's width / height, from assets/frame.js
DRAWN = "map-drawn"  # store: what the figure on the page was drawn for and shows (view.shown)
DETAILS = "details"
TIMELINE_SECTION = "timeline-section"  # hidden while the timeline is empty
TIMELINE = "timeline"  # Markup: its points pick a partner (`picked`)
LEGEND = "legend"
STAGE = "stage"  # the focused partner's card, large, in presenter mode
TABS = "tabs"  # store: which tab shows ("cards" or "table")
TAB = "tab"  # pattern-matching: {"type": TAB, "tab": name}
CARDS = "cards"  # Markup: a title picks a partner (`picked`), `pressed` marks its card
TABLE = "table"
SORT = "table-sort"  # store: {"column": ..., "descending": ...}
SORT_BUTTON = "sort"  # pattern-matching: {"type": SORT_BUTTON, "column": name}
SORT_HEADER = "sort-header"  # pattern-matching: {"type": SORT_HEADER, "column": name}
TABLE_CAPTION = "table-caption"
TABLE_BODY = "table-body"
TABLE_WIDER = "table-wider"  # button: the view of everything the partners serve
DOWNLOAD_CSV = "download-csv"
DOWNLOAD = "download"
FOCUS = "focus"
PANEL_CARDS = "panel-cards"
PANEL_TABLE = "panel-table"
