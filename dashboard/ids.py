"""Component ids, in one place, so the layout, the callbacks and the tests agree."""

REGION = "filter-region"
COUNTRY = "filter-country"
PARTNERS = "filter-partners"
COUNT_REGIONS = "filter-count-regions"
CLEAR = "filter-clear"
SUMMARY = "summary"
MAP = "map"
LEGEND = "legend"
CARDS = "cards"
FOCUS = "focus"
CARD = "card"  # pattern-matching: {"type": CARD, "id": partner id}
CARD_FOCUS = "card-focus"  # the button on each card: {"type": CARD_FOCUS, "id": partner id}
