// Moves the focus to a form's error summary after a failed submit, so keyboard and screen
// reader users hear at once what needs fixing. Runs on page load and after htmx swaps.
(function () {
  "use strict";

  function focusFoutoverzicht(root) {
    var overzicht = (root || document).querySelector("[data-foutoverzicht]");
    if (overzicht) {
      overzicht.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusFoutoverzicht(document);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    focusFoutoverzicht(event.target);
  });
})();
