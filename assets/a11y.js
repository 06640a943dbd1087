/* Work around two faults of Dash 4's dcc.Dropdown (seen in dash 4.4.1).
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
    // The dropdown's "clear" is an <a> with no address: a link crawlers cannot follow
    // and screen readers call a link. It is a button.
    root.querySelectorAll("a.dash-dropdown-clear:not([href]):not([role])").forEach(function (clear) {
      clear.setAttribute("role", "button");
    });
    root.querySelectorAll(".dash-dropdown-focus-target").forEach(function (input) {
      if (input.tabIndex !== -1) { input.tabIndex = -1; }
      var wrapper = input.parentElement;
      var trigger = wrapper && wrapper.querySelector("button.dash-dropdown");
      if (trigger && trigger.tabIndex !== 0 && !trigger.disabled) { trigger.tabIndex = 0; }
    });
  }

  // Only the filter panel holds dropdowns: watch it alone once the app has drawn it.
  // Watching the whole page made this look through the page at each of the thousands
  // of changes plotly.js makes while it draws the map.
  var panel = null;
  var inPanel = new MutationObserver(function () { mend(panel); });
  var onPage = new MutationObserver(function () {
    var found = document.querySelector("#react-entry-point .filters");
    if (!found) { return; }
    onPage.disconnect();
    panel = found;
    mend(panel);
    inPanel.observe(panel, {subtree: true, childList: true, attributes: true,
                            attributeFilter: ["tabindex"]});
  });
  onPage.observe(document.documentElement, {subtree: true, childList: true});
})();
