/* Tell the server what screen this is before the app asks for its first layout: a
 * cookie that every request of the page carries (SCREEN_COOKIE in dashboard/state.py),
 * so the map is drawn for a phone (markers sized for its small world map) and for a
 * touch screen (a finger drawn over the map scrolls the page) from its first draw,
 * with no second drawing once the browser has spoken. Written again when the window
 * changes class (a phone turned, a window narrowed); the next answer follows it.
 */
(function () {
  "use strict";

  // The page's own breakpoints: one column below 800 px (style.css), no hover on touch.
  var screens = {small: "(max-width: 800px)", touch: "(hover: none)"};

  function write() {
    var words = Object.keys(screens).filter(function (word) {
      return window.matchMedia(screens[word]).matches;
    });
    document.cookie = "partner-map-screen=" + (words.join(".") || "wide") +
      "; path=/; max-age=31536000; SameSite=Lax";
  }

  write();
  Object.keys(screens).forEach(function (word) {
    window.matchMedia(screens[word]).addEventListener("change", write);
  });
})();
