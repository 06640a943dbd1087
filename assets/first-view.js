/* The server sends the page with its view already written out (dashboard/web/
 * first_view.py). The app renders unseen in the same place (style.css) and takes over
 * once it has drawn the same view: its summary is filled. Then the server's copy
 * goes, in the same frame, so nothing moves and no id is on the page twice.
 *
 * It also points dcc.Graph's loader at the geo-only plotly.js bundle the page
 * preloads (dashboard/web/delivery.py): Dash would otherwise load its full plotly.js.
 */
(function () {
  "use strict";

  var dashsOwn;
  Object.defineProperty(window, "_dashPlotlyJSURL", {
    get: function () {
      var bundle = document.querySelector('link[rel="preload"][href*="plotly-geo"]');
      return bundle ? bundle.href : dashsOwn;
    },
    set: function (url) { dashsOwn = url; },
    configurable: true
  });

  function drawn() {
    var summary = document.querySelector("#react-entry-point #summary");
    return summary !== null && summary.textContent !== "";
  }

  var observer = new MutationObserver(takeOver);

  function takeOver() {
    if (!drawn()) { return; }
    observer.disconnect();
    var first = document.querySelector(".first-view");
    if (first) { first.remove(); }
    document.documentElement.classList.add("app-drawn");
  }

  observer.observe(document.documentElement, {subtree: true, childList: true, characterData: true});
})();
