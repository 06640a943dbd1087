/* The server sends the page with its view already written out (dashboard/web/
 * first_view.py). The app renders unseen in the same place (style.css) and takes over
 * once it has drawn the same view: its summary is filled. Then the server's copy
 * goes, in the same frame, so nothing moves and no id is on the page twice. The
 * app's own still picture stays under the map until plotly.js has drawn it.
 */
(function () {
  "use strict";

  function drawn() {
    var summary = document.querySelector("#react-entry-point #summary");
    return summary !== null && summary.textContent !== "";
  }

  function takeOver() {
    var root = document.documentElement;
    if (!root.classList.contains("app-drawn") && drawn()) {
      var first = document.querySelector(".first-view");
      if (first) { first.remove(); }
      // The app's own root carries presenter mode from here (style.css).
      root.classList.remove("present-first");
      root.classList.add("app-drawn");
    }
    // The still picture under the map goes once plotly.js has drawn the map (its geo
    // layer: an empty graph is drawn, with no map, before the figure arrives).
    if (root.classList.contains("app-drawn") && document.querySelector("#react-entry-point #map .geolayer")) {
      root.classList.add("map-drawn");
      observer.disconnect();
    }
  }

  var observer = new MutationObserver(takeOver);

  observer.observe(document.documentElement, {subtree: true, childList: true, characterData: true});
})();
