"""Colours and symbols, chosen once so the map, its legend and the cards agree."""

from __future__ import annotations

# Okabe & Ito's colour-blind-safe qualitative palette, blues left out so markers stand
# apart from the blue choropleth; each partner also gets its own symbol, so no one
# has to tell partners apart by colour alone.
PARTNER_COLOURS = ("#D55E00", "#E69F00", "#CC79A7", "#009E73", "#000000", "#F0E442", "#882255")
PARTNER_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "star", "pentagon", "hexagram")

# A sequential ColorBrewer scale (Blues), colour-blind safe and readable in greyscale.
# The lightest step is dark enough to tell from unserved land on a projector.
COUNT_COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")

LAND = "#f2f2ee"
BORDER = "#9a9a9a"
HIGHLIGHT = "#111111"
LINE = "#333333"
PLACE_COLOUR = "#D55E00"  # headquarters grouped by place, on large networks


def partner_style(position: int) -> tuple[str, str]:
    """(colour, symbol) of the partner at this position in the data."""
    return (
        PARTNER_COLOURS[position % len(PARTNER_COLOURS)],
        PARTNER_SYMBOLS[position % len(PARTNER_SYMBOLS)],
    )


def count_colourscale(max_count: int) -> list[tuple[float, str]]:
    """A stepped scale: one flat colour per whole count from 1 to max_count."""
    steps = max(max_count, 1)
    colours = [
        COUNT_COLOURS[
            min(i * (len(COUNT_COLOURS) - 1) // max(steps - 1, 1), len(COUNT_COLOURS) - 1)
        ]
        for i in range(steps)
    ]
    if steps == 1:
        colours = [COUNT_COLOURS[3]]
    scale: list[tuple[float, str]] = []
    for i, colour in enumerate(colours):
        scale.append((i / steps, colour))
        scale.append(((i + 1) / steps, colour))
    return scale
