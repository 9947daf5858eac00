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

// A form marked data-eenmalig is sent once: a second click while the first request runs
// does nothing (the server refuses a double submission as well).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var formulier = event.target;
    if (!formulier.hasAttribute || !formulier.hasAttribute("data-eenmalig")) {
      return;
    }
    if (formulier.dataset.verzonden === "ja") {
      event.preventDefault();
      return;
    }
    formulier.dataset.verzonden = "ja";
    formulier.querySelectorAll("button[type=submit]").forEach(function (knop) {
      knop.setAttribute("aria-disabled", "true");
    });
  });
})();
