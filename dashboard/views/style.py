"""The map's colours: the count scale, land, borders, lines and markers, chosen so
everything needed to read the map stands at least 3:1 against what it sits on
(WCAG 1.4.11), on a laptop and on a washed-out projector."""

from __future__ import annotations

# Each partner's own colour and symbol are facts of the network (dashboard/network.py),
# so the map, its legend and the cards cannot disagree on them.

# A sequential ColorBrewer scale (Blues), colour-blind safe and readable in greyscale.
COUNT_COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")

LAND = "#f2f2ee"  # unserved land
BORDER = "#9a9a9a"  # borders between unserved countries
# Served countries are edged in dark grey: the lightest class alone is too close to
# unserved land (1.3:1), so the edge is what sets a served country apart (7:1).
SERVED_EDGE = "#44515b"
# Lines and outlines are drawn twice, a light casing under a dark line, so one of the
# two stands out on every fill from unserved land to the darkest class.
LINE = "#111111"
CASING = "#ffffff"
HALO = "#000000"  # the outer ring of a headquarters marker, outside a white one
HIGHLIGHT = "#000000"  # the outline of the focused partner's and the chosen countries
PLACE_COLOUR = "#D55E00"  # headquarters grouped by place, on large networks
DIMMED = 0.3  # opacity of the other partners' markers while one is in focus
# A headquarters marker's diameter in pixels (its rings add HALO_WIDTH): on a phone's
# world map a desktop's 15 px covered Kenya, Uganda and Rwanda.
MARKER_SIZE = {"present": 24, "small": 10, "default": 15}
HALO_WIDTH = 5
DOT_SIZE = {"small": 7, "default": 9}  # a country too small for its outline


def count_colourscale(max_count: int) -> list[tuple[float, str]]:
    """A stepped scale: a flat colour for each whole count from 1 to max_count, each
    colour one step (a country served by 1,000 partners made a scale of 2,000 stops,
    a seventh of a filter's answer at N = 10,000)."""
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
        if scale and scale[-1][1] == colour:
            scale[-1] = ((i + 1) / steps, colour)  # the same colour: its step goes on
        else:
            scale += [(i / steps, colour), ((i + 1) / steps, colour)]
    return scale


def map_fills() -> tuple[str, ...]:
    """Every colour a mark on the map can sit on."""
    return (LAND, *COUNT_COLOURS)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two '#rrggbb' colours, from 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
