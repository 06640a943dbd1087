"""The map's colours: the count scale, land, borders, lines and grouped markers."""

from __future__ import annotations

# Each partner's own colour and symbol are facts of the network (dashboard/network.py),
# so the map, its legend and the cards cannot disagree on them.

# A sequential ColorBrewer scale (Blues), colour-blind safe and readable in greyscale.
# The lightest step is dark enough to tell from unserved land on a projector.
COUNT_COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")

LAND = "#f2f2ee"
BORDER = "#9a9a9a"
HIGHLIGHT = "#111111"
LINE = "#333333"
PLACE_COLOUR = "#D55E00"  # headquarters grouped by place, on large networks


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
