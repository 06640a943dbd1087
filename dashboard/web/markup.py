"""A part of the page drawn from written-out components as plain elements: the cards
and the timeline.

Each Dash component on the page costs the browser on every answer (its wrapper's
store selectors, the callback graph's crawl of the layout), and the cards and the
timeline were about 650 of them, redrawn by every filter: half a repaint. Their
elements carry no callbacks of their own, so one component draws them all
(assets/markup.js): a click on an element marked `data-pick` sets `picked`, and
`pressed` marks the element whose pick is in focus.
"""

from __future__ import annotations

from typing import ClassVar

from dash.development.base_component import Component


class Markup(Component):
    """An element (`tag`, `id`, `className`) holding `content`: elements as Dash writes
    html components out (components.element, as_json), drawn as plain elements.

    - `picked`: {"value", "n"} of the last click on a `data-pick` element.
    - `pressed`: the pick in focus. Its `data-pick` element is aria-pressed, its
      `data-mark` element has the class "focused"; unset, the content's own stand.
    """

    _namespace = "partner_map"
    _children_props: ClassVar[list[str]] = []  # `content` is not Dash's to walk
    _type = "Markup"
    _prop_names: ClassVar[list[str]] = ["id", "tag", "className", "content", "picked", "pressed"]
    _valid_wildcard_attributes: ClassVar[list[str]] = []
    available_properties = _prop_names
    available_wildcard_properties: ClassVar[list[str]] = []

    def __init__(self, id: str, tag: str = "div", **props):
        # The one home of the default: the layout always says which element to draw.
        super().__init__(id=id, tag=tag, **props)
