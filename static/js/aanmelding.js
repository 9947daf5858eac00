// The school search of the registration form (partners/partials/school_zoeken.html).
// Choosing a school from the results fills in its branch code, and its kind, name and
// address where those fields are still empty; the live region says what was chosen and
// the focus moves to the filled-in code. The search and the code field show only while
// the chosen kind of organisation is a school (or none is chosen yet). Without this
// script the choices are links that open the form with the school filled in.
(function () {
  "use strict";

  var OVERNEMEN = ["naam", "straat", "huisnummer", "postcode", "plaats"];

  function veld(naam) {
    return document.getElementById("id_" + naam);
  }

  function kies(knop) {
    var code = veld("vestigingscode");
    code.value = knop.dataset.vestigingscode;
    OVERNEMEN.forEach(function (naam) {
      var invoer = veld(naam);
      if (invoer && !invoer.value.trim() && knop.dataset[naam]) {
        invoer.value = knop.dataset[naam];
      }
    });
    var soort = veld("soort");
    if (soort && !soort.value && knop.dataset.soort) {
      soort.value = knop.dataset.soort;
    }
    var resultaten = document.getElementById("schoolresultaten");
    if (resultaten) {
      resultaten.innerHTML = "";
    }
    var status = document.getElementById("schoolzoekstatus");
    if (status) {
      status.textContent = knop.dataset.gekozen;
    }
    code.focus();
  }

  document.addEventListener("click", function (event) {
    var knop = event.target.closest && event.target.closest("[data-kies-school]");
    if (knop && veld("vestigingscode")) {
      event.preventDefault();
      kies(knop);
    }
  });

  function toonSchoolkeuze() {
    var soort = veld("soort");
    var blok = document.querySelector("[data-schoolkeuze]");
    if (!soort || !blok) {
      return;
    }
    var scholen = (blok.dataset.schoolsoorten || "").split(" ");
    blok.hidden = soort.value !== "" && scholen.indexOf(soort.value) < 0;
  }

  document.addEventListener("change", function (event) {
    if (event.target.id === "id_soort") {
      toonSchoolkeuze();
    }
  });
  document.addEventListener("DOMContentLoaded", toonSchoolkeuze);
})();
