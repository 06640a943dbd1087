/* Tell the app the shape of the map's frame on this screen (width / height), so a
 * zoomed view is framed to fill it: a 4:3 projector, a 16:9 one, a phone held
 * upright and an 800x500 iframe all get a map without empty bands. It is sent
 * when the frame first appears and whenever its shape changes (a resize, presenter
 * mode), rounded to one decimal so small changes send nothing.
 */
(function () {
  "use strict";

  var sent = null;
  var observed = null;

  function send(frame) {
    var width = frame.clientWidth, height = frame.clientHeight;
    var dash = window.dash_clientside;
    if (!width || !height || !dash || !dash.set_props) { return; }
    var aspect = Math.round((width / height) * 10) / 10;
    if (aspect !== sent) {
      sent = aspect;
      dash.set_props("map-shape", {data: aspect});
    }
  }

  function watch() {
    // The app's frame, not the server's first view's (first-view.js): the app cannot
    // take a value before it has rendered its own.
    var frame = document.querySelector("#react-entry-point .map-frame");
    if (!frame || frame === observed || !window.ResizeObserver) { return; }
    observed = frame;
    var timer = null;
    new ResizeObserver(function () {
      clearTimeout(timer);
      timer = setTimeout(function () { send(frame); }, 120);
    }).observe(frame);
  }

  // Until the app has drawn its frame; then the frame's own ResizeObserver is enough.
  var onPage = new MutationObserver(function () {
    watch();
    if (observed) { onPage.disconnect(); }
  });
  onPage.observe(document.documentElement, {subtree: true, childList: true});
})();
