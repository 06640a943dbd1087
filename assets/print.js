/* The printed handout: the "Print" button opens the browser's own print dialog, and
 * whichever way printing starts (the button, Ctrl+P, the browser's menu), the page is
 * made ready for paper and put back afterwards:
 * - every closed <details> (a card's served countries, the rest of a description)
 *   opens, so the paper holds what a click would show;
 * - the map, as drawn on screen, is scaled to the paper's width (plotly draws it in
 *   pixels for the screen; a redraw would frame it differently), and cut to its own
 *   part of the drawing: beside the presenter's card it is drawn in the left part of
 *   the frame (views/camera.py, STAGE_SPLIT), and the card is not beside it on paper.
 * What shows and where is the print style sheet's (@media print in style.css).
 */
(function () {
  "use strict";

  var PAPER_WIDTH = 680;  // CSS pixels inside A4's and Letter's margins (style.css @page)
  var opened = [];

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("#print-view");
    if (button) { window.print(); }
  });

  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    opened.forEach(function (details) { details.open = true; });
    var frame = document.querySelector(".map-frame");
    var drawn = frame && frame.querySelector(".svg-container");
    if (drawn && drawn.offsetWidth) {
      // Its size as drawn, kept on paper (the graph's own is "100%" of a frame whose
      // height is the screen's), then scaled down as a whole, showing the map's part.
      var part = mapPart(drawn);
      var width = part[1] - part[0];
      var scale = Math.min(1, PAPER_WIDTH / width);
      frame.style.setProperty("--map-left", -part[0] + "px");
      frame.style.setProperty("--drawn-width", drawn.offsetWidth + "px");
      frame.style.setProperty("--drawn-height", drawn.offsetHeight + "px");
      frame.style.setProperty("--print-scale", scale);
      frame.style.setProperty("--map-width", Math.round(width * scale) + "px");
      frame.style.setProperty("--map-height", Math.round(drawn.offsetHeight * scale) + "px");
    }
  });

  // Where plotly's map (its geo's background box) stands in the drawing, [left,
  // right] in the drawing's own pixels: beside the card, and where the frame's shape
  // (rounded) leaves a few pixels either side.
  function mapPart(drawn) {
    var background = drawn.querySelector(".geo .bg rect");
    if (!background) { return [0, drawn.offsetWidth]; }
    var box = background.getBoundingClientRect(), origin = drawn.getBoundingClientRect().left;
    return [Math.max(0, Math.floor(box.left - origin)), Math.min(drawn.offsetWidth, Math.ceil(box.right - origin))];
  }

  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
