/* Keyboard and full-screen behaviour for presenter mode and the guided tour.
 *
 * The keys press the tour's own buttons, so a key and a click always do the same:
 * Space pauses and resumes, the arrow keys step back and forward, Escape leaves
 * the tour and then presenter mode. The up and down arrows (and Page Up, Page Down:
 * a presenter's clicker sends those) page the card of the partner in focus, which
 * has no scroll bar a projector's audience could see used. Browsers allow full screen only in answer to
 * a click or a key, so it is asked for here, in the "Present" button's own click.
 */
(function () {
  "use strict";

  function press(id) {
    var button = document.getElementById(id);
    if (button) { button.click(); }
  }

  var PAGE_KEYS = {ArrowDown: 1, PageDown: 1, ArrowUp: -1, PageUp: -1};

  // A page of the card: what it shows, less a line, so the line at the edge is read
  // again at the other edge rather than lost.
  function pageCard(direction) {
    var card = document.querySelector("#stage .card");
    if (!card) { return false; }
    var line = parseFloat(getComputedStyle(card).lineHeight) || 24;
    card.scrollBy({top: direction * Math.max(card.clientHeight - 1.5 * line, line), behavior: "instant"});
    return true;
  }

  // A control with the focus that is no longer shown (the "Start tour" button hides as
  // the tour starts, and Chromium moves the focus off it only later) takes no key.
  function isInteractive(element) {
    if (element && element.checkVisibility && !element.checkVisibility()) { return false; }
    return element && element.closest && element.closest(
      "button, a, input, select, textarea, summary, [role=combobox], [role=listbox], .dash-dropdown"
    );
  }

  document.addEventListener("keydown", function (event) {
    var root = document.getElementById("app");
    if (!root || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var touring = root.classList.contains("touring");
    var presenting = root.classList.contains("present");
    var typing = event.target && event.target.closest &&
      event.target.closest("input, textarea, .dash-dropdown-search");
    if (typing) { return; }
    if (presenting && PAGE_KEYS[event.key] && !isInteractive(event.target)) {
      if (pageCard(PAGE_KEYS[event.key])) { event.preventDefault(); }
      return;
    }
    if (touring) {
      if (event.key === " " && !isInteractive(event.target)) {
        event.preventDefault();
        press("tour-pause");
      } else if (event.key === "ArrowRight") {
        event.preventDefault();
        press("tour-next");
      } else if (event.key === "ArrowLeft") {
        event.preventDefault();
        press("tour-prev");
      } else if (event.key === "Escape") {
        press("tour-exit");
      }
    } else if (presenting && event.key === "Escape") {
      press("present-exit");
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest && event.target.closest("button");
    if (!target) { return; }
    var root = document.getElementById("app");
    var presenting = root && root.classList.contains("present");
    var wantsFullScreen = (target.id === "present-toggle" && !presenting) || target.id === "tour-start" ||
      target.id === "tour-dates";
    var leaves = target.id === "present-exit" || (target.id === "present-toggle" && presenting);
    if (wantsFullScreen && !document.fullscreenElement && document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () { /* not allowed here */ });
    } else if (leaves && document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(function () { /* already left */ });
    }
  });
})();
