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
