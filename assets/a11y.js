/* Work around accessibility faults of Dash 4's dcc.Dropdown and dcc.Input (dash 4.4.1).
 *
 * Each dropdown puts a read-only <input aria-hidden="true" tabindex="0"> before its
 * trigger button (tabindex="-1") and forwards focus from one to the other. Screen
 * readers meet a focusable element they are told to ignore (axe: aria-hidden-focus).
 * Here the button itself takes the tab stop and the hidden input leaves the tab
 * order; the dropdown opens from the keyboard as before (Enter, Space, arrow down).
 */
(function () {
  "use strict";

  function mend(root) {
    root.querySelectorAll(".dash-dropdown-focus-target").forEach(function (input) {
      if (input.tabIndex !== -1) { input.tabIndex = -1; }
      var wrapper = input.parentElement;
      var trigger = wrapper && wrapper.querySelector("button.dash-dropdown");
      if (trigger && trigger.tabIndex !== 0 && !trigger.disabled) { trigger.tabIndex = 0; }
    });
    // A number box's stepper buttons carry English labels of Dash's own; the page
    // gives them in its language on the element around them (data-increase/-decrease).
    root.querySelectorAll(".dash-input-stepper").forEach(function (button) {
      var holder = button.closest("[data-increase]");
      if (!holder) { return; }
      var up = button.classList.contains("dash-stepper-increment");
      var label = up ? holder.dataset.increase : holder.dataset.decrease;
      if (label && button.getAttribute("aria-label") !== label) {
        button.setAttribute("aria-label", label);
      }
    });
  }

  // Only the filter panel (the dropdowns) and the tour bar (the pace box) need this:
  // watch them alone once the app has drawn them. Watching the whole page made this
  // look through the page at each of the thousands of changes plotly.js makes while
  // it draws the map.
  var PARTS = "#react-entry-point .filters, #react-entry-point .tour-bar";
  var inParts = new MutationObserver(function () { mend(document); });
  var onPage = new MutationObserver(function () {
    var found = document.querySelectorAll(PARTS);
    if (found.length < 2) { return; }
    onPage.disconnect();
    mend(document);
    found.forEach(function (part) {
      inParts.observe(part, {subtree: true, childList: true, attributes: true,
                             attributeFilter: ["tabindex", "aria-label"]});
    });
  });
  onPage.observe(document.documentElement, {subtree: true, childList: true});
})();
