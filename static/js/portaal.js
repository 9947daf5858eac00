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

// A long multiple choice (the region's municipalities, templates/partials/zoekkeuze.html)
// as a search-as-you-type picker: a combobox whose list shows the matching names, and the
// chosen ones below it, each with a remove button. The checkboxes it hides stay the form's
// data, so without this script the form works the same, with the checkboxes themselves.
(function () {
  "use strict";
  var MAX = 15;

  function vul(sjabloon, waarden) {
    return sjabloon.replace(/%\((\w+)\)s/g, function (_, sleutel) {
      return String(waarden[sleutel]);
    });
  }

  function normaal(tekst) {
    return tekst.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function maak(tag, klasse, tekst) {
    var element = document.createElement(tag);
    if (klasse) {
      element.className = klasse;
    }
    if (tekst !== undefined) {
      element.textContent = tekst;
    }
    return element;
  }

  function bouw(houder) {
    var lijst = houder.parentNode.querySelector("[data-zoekkeuze-lijst]");
    if (!lijst) {
      return;
    }
    var t = houder.dataset;
    var basis = t.id + "_zoek";
    var opties = Array.prototype.map.call(
      lijst.querySelectorAll("input[type=checkbox]"),
      function (vakje) {
        var label = lijst.querySelector("label[for='" + vakje.id + "']");
        var naam = label ? label.textContent.trim() : vakje.value;
        // Searched on the name itself, not on the part in brackets that tells two of
        // the same name apart (the province).
        var sleutel = normaal(naam.replace(/\s*\([^)]*\)$/, ""));
        return { vakje: vakje, naam: naam, sleutel: sleutel };
      }
    );

    var veld = maak("div", "utrecht-form-field utrecht-form-field--text portaal-zoekkeuze__veld");
    var label = maak("label", "utrecht-form-label", t.zoeklabel);
    label.htmlFor = basis;
    var hulp = maak("p", "utrecht-form-field-description", t.zoekhulp);
    hulp.id = basis + "_hulp";
    var invoer = maak("input", "utrecht-textbox utrecht-textbox--html-input");
    invoer.type = "text";
    invoer.id = basis;
    invoer.autocomplete = "off";
    invoer.setAttribute("role", "combobox");
    invoer.setAttribute("aria-autocomplete", "list");
    invoer.setAttribute("aria-expanded", "false");
    invoer.setAttribute("aria-controls", basis + "_lijst");
    invoer.setAttribute("aria-describedby", hulp.id);
    var resultaten = maak("ul", "portaal-zoekkeuze__resultaten");
    resultaten.id = basis + "_lijst";
    resultaten.setAttribute("role", "listbox");
    resultaten.setAttribute("aria-label", t.zoeklabel);
    resultaten.hidden = true;
    var status = maak("p", "portaal-zoekkeuze__status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.id = basis + "_status";
    var kop = maak("p", "portaal-zoekkeuze__kop", t.gekozen);
    kop.id = basis + "_gekozen";
    var gekozen = maak("ul", "portaal-zoekkeuze__gekozen");
    gekozen.setAttribute("aria-labelledby", kop.id);
    var leeg = maak("p", "portaal-zoekkeuze__leeg", t.nietsGekozen);

    veld.appendChild(label);
    veld.appendChild(hulp);
    veld.appendChild(invoer);
    veld.appendChild(resultaten);
    houder.appendChild(veld);
    houder.appendChild(status);
    houder.appendChild(kop);
    houder.appendChild(gekozen);
    houder.appendChild(leeg);

    var getoond = [];
    var actief = -1;

    function toonGekozen(focusNa) {
      gekozen.textContent = "";
      var knoppen = [];
      opties.forEach(function (optie) {
        if (!optie.vakje.checked) {
          return;
        }
        var item = maak("li", "portaal-zoekkeuze__keuze");
        item.appendChild(maak("span", "", optie.naam));
        var knop = maak("button", "utrecht-button utrecht-button--subtle portaal-zoekkeuze__verwijder", "×");
        knop.type = "button";
        knop.setAttribute("aria-label", vul(t.verwijder, { naam: optie.naam }));
        knop.addEventListener("click", function () {
          var plek = knoppen.indexOf(knop);
          optie.vakje.checked = false;
          status.textContent = vul(t.verwijderd, { naam: optie.naam });
          toonGekozen(plek);
          zoek();
        });
        knoppen.push(knop);
        item.appendChild(knop);
        gekozen.appendChild(item);
      });
      leeg.hidden = knoppen.length > 0;
      if (focusNa !== undefined) {
        var volgende = knoppen[Math.min(focusNa, knoppen.length - 1)];
        (volgende || invoer).focus();
      }
    }

    function markeer(nieuw) {
      var items = resultaten.querySelectorAll("[role=option]");
      actief = nieuw;
      items.forEach(function (item, i) {
        item.classList.toggle("portaal-zoekkeuze__optie--actief", i === actief);
      });
      if (actief >= 0 && items[actief]) {
        invoer.setAttribute("aria-activedescendant", items[actief].id);
        items[actief].scrollIntoView({ block: "nearest" });
      } else {
        invoer.removeAttribute("aria-activedescendant");
      }
    }

    function sluit() {
      resultaten.hidden = true;
      resultaten.textContent = "";
      invoer.setAttribute("aria-expanded", "false");
      getoond = [];
      markeer(-1);
    }

    function kies(optie) {
      optie.vakje.checked = true;
      status.textContent = vul(t.toegevoegd, { naam: optie.naam });
      invoer.value = "";
      sluit();
      toonGekozen();
      invoer.focus();
    }

    function zoek() {
      var vraag = normaal(invoer.value.trim());
      if (!vraag) {
        sluit();
        return;
      }
      var begin = [];
      var midden = [];
      opties.forEach(function (optie) {
        if (optie.vakje.checked) {
          return;
        }
        var plek = optie.sleutel.indexOf(vraag);
        if (plek === 0) {
          begin.push(optie);
        } else if (plek > 0) {
          midden.push(optie);
        }
      });
      var alle = begin.concat(midden);
      getoond = alle.slice(0, MAX);
      resultaten.textContent = "";
      getoond.forEach(function (optie, i) {
        var item = maak("li", "portaal-zoekkeuze__optie", optie.naam);
        item.id = basis + "_optie_" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the search box
        });
        item.addEventListener("click", function () {
          kies(optie);
        });
        resultaten.appendChild(item);
      });
      resultaten.hidden = getoond.length === 0;
      invoer.setAttribute("aria-expanded", getoond.length ? "true" : "false");
      markeer(-1);
      if (!alle.length) {
        status.textContent = t.geen;
      } else if (alle.length === 1) {
        status.textContent = t.gevondenEen;
      } else if (alle.length > MAX) {
        status.textContent = vul(t.gevondenEerste, { n: alle.length, max: MAX });
      } else {
        status.textContent = vul(t.gevonden, { n: alle.length });
      }
    }

    invoer.addEventListener("input", zoek);
    invoer.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (resultaten.hidden) {
          zoek();
        }
        if (getoond.length) {
          markeer((actief + 1) % getoond.length);
        }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (getoond.length) {
          markeer(actief <= 0 ? getoond.length - 1 : actief - 1);
        }
      } else if (event.key === "Enter") {
        // Enter in the search box chooses; it never submits the whole form.
        event.preventDefault();
        if (actief >= 0 && getoond[actief]) {
          kies(getoond[actief]);
        } else if (getoond.length === 1) {
          kies(getoond[0]);
        }
      } else if (event.key === "Escape") {
        if (!resultaten.hidden) {
          event.preventDefault();
          sluit();
        }
      }
    });
    invoer.addEventListener("blur", function () {
      sluit();
    });

    toonGekozen();
    lijst.hidden = true;
    houder.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-zoekkeuze]").forEach(bouw);
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
