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

// Before an idle login ends (ecosysteem/middleware.py), a warning with a button to stay
// logged in (WCAG 2.2.1): the body of a page for someone logged in carries the idle timeout
// in seconds. Any page load or htmx request of the person counts as activity and starts
// the count again; the page's own polling does not, as on the server.
(function () {
  "use strict";
  var VOORAF = 120; // seconds of warning before the end

  document.addEventListener("DOMContentLoaded", function () {
    var lichaam = document.body;
    var termijn = parseInt(lichaam.dataset.sessieInactief || "", 10);
    if (!termijn) {
      return;
    }
    var vooraf = Math.min(VOORAF, Math.floor(termijn / 2));
    var klok = null;
    var melding = null;

    function verberg() {
      if (melding) {
        melding.remove();
        melding = null;
      }
    }

    function waarschuw() {
      verberg();
      melding = document.createElement("div");
      melding.className = "utrecht-alert utrecht-alert--warning portaal-sessie-melding";
      melding.setAttribute("role", "alert");
      melding.id = "sessie-melding";
      var inhoud = document.createElement("div");
      inhoud.className = "utrecht-alert__content";
      var tekst = document.createElement("p");
      tekst.className = "nl-paragraph";
      tekst.textContent = lichaam.dataset.sessieTekst;
      var knop = document.createElement("button");
      knop.type = "button";
      knop.className = "utrecht-button utrecht-button--primary-action";
      knop.textContent = lichaam.dataset.sessieKnop;
      knop.addEventListener("click", function () {
        fetch(lichaam.dataset.sessieVerlengen, { credentials: "same-origin" }).then(
          function (antwoord) {
            if (antwoord.redirected && antwoord.url.indexOf("next=") !== -1) {
              window.location.reload(); // already ended: the login page says why
              return;
            }
            verberg();
            start();
          }
        );
      });
      inhoud.appendChild(tekst);
      inhoud.appendChild(knop);
      melding.appendChild(inhoud);
      var hoofd = document.getElementById("inhoud") || lichaam;
      hoofd.insertBefore(melding, hoofd.firstChild);
    }

    function start() {
      window.clearTimeout(klok);
      klok = window.setTimeout(waarschuw, (termijn - vooraf) * 1000);
    }

    document.addEventListener("htmx:afterRequest", function (event) {
      var kop = event.detail && event.detail.requestConfig && event.detail.requestConfig.headers;
      if (kop && kop["X-Portaal-Achtergrond"]) {
        return;
      }
      verberg();
      start();
    });
    start();
  });
})();

// On a phone the main menu and the dossier's parts fold away behind a button (the CSS shows
// the button only on narrow screens). The button starts hidden and the menu open, so without
// JavaScript everything stays reachable; here the button appears and the menu folds.
(function () {
  "use strict";

  function zet(knop, doel, open) {
    knop.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      doel.removeAttribute("data-dicht");
    } else {
      doel.setAttribute("data-dicht", "");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button[data-uitklap]").forEach(function (knop) {
      var doel = document.getElementById(knop.getAttribute("aria-controls"));
      if (!doel) {
        return;
      }
      knop.hidden = false;
      zet(knop, doel, false);
      knop.addEventListener("click", function () {
        zet(knop, doel, knop.getAttribute("aria-expanded") !== "true");
      });
    });
  });
})();

// At phone width a table becomes one block per row: each cell is labelled with its
// column's heading (data-label, read by the CSS). Only tables with one simple header row;
// cells that already carry a label keep it.
(function () {
  "use strict";

  function label(root) {
    root.querySelectorAll("table.utrecht-table").forEach(function (tabel) {
      var kop = tabel.tHead;
      if (!kop || kop.rows.length !== 1) {
        return;
      }
      // The visible heading only: hints for screen readers (a sort link's state) stay out.
      var koppen = Array.prototype.map.call(kop.rows[0].cells, function (cel) {
        if (cel.colSpan !== 1) {
          return null;
        }
        var kopie = cel.cloneNode(true);
        var verborgen = ".rhc-visually-hidden, .utrecht-visually-hidden, [aria-hidden=true]";
        kopie.querySelectorAll(verborgen).forEach(function (element) {
          element.remove();
        });
        return kopie.textContent.replace(/\s+/g, " ").trim();
      });
      if (koppen.indexOf(null) !== -1) {
        return;
      }
      Array.prototype.forEach.call(tabel.tBodies, function (romp) {
        Array.prototype.forEach.call(romp.rows, function (rij) {
          Array.prototype.forEach.call(rij.cells, function (cel, i) {
            if (cel.colSpan === 1 && koppen[i] && !cel.hasAttribute("data-label")) {
              cel.setAttribute("data-label", koppen[i]);
            }
          });
        });
      });
      tabel.classList.add("portaal-tabel--blokken");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    label(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    label(event.target);
  });
})();
