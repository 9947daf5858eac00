// The public network map: draws the participants of the list next to it on a Leaflet map.
//
// The page is complete without this script (the list holds the same data). The script reads
// the GeoJSON address from the list (#netwerkkaart-resultaat[data-geojson-url]) and draws
// it again whenever htmx replaces the list after a filter. Texts come from data- attributes
// the template translated; colours come from the data, so no inline styles or scripts are
// needed under a strict Content-Security-Policy.
(function () {
  "use strict";

  // The whole of the Netherlands, for an empty map.
  var NEDERLAND = [
    [50.75, 3.35],
    [53.55, 7.25],
  ];

  var kaart = null;
  var element = null;
  var laag = null;
  var geladenUrl = null;
  var verzoek = 0;

  function tekst(naam) {
    return (element && element.dataset["tekst" + naam]) || "";
  }

  function kleurVlakken(root) {
    (root || document).querySelectorAll(".portaal-kleurvlak[data-kleur]").forEach(function (vlak) {
      vlak.style.backgroundColor = vlak.dataset.kleur;
    });
    var legenda = document.getElementById("netwerkkaart-legenda");
    if (legenda && kaart) {
      legenda.hidden = false;
    }
  }

  function regel(ouder, inhoud, klasse) {
    var p = document.createElement("p");
    p.textContent = inhoud;
    if (klasse) {
      p.className = klasse;
    }
    ouder.appendChild(p);
  }

  // Popup content built from text nodes: names come from users, never parsed as HTML.
  function popup(eigenschappen) {
    var inhoud = document.createElement("div");
    inhoud.className = "portaal-kaartpopup";
    var naam = document.createElement("strong");
    naam.textContent = eigenschappen.naam;
    inhoud.appendChild(naam);
    var soort = eigenschappen.soort_naam || "";
    regel(inhoud, [soort, eigenschappen.plaats].filter(Boolean).join(", "));
    if (typeof eigenschappen.leerlingen === "number") {
      regel(inhoud, eigenschappen.leerlingen.toLocaleString("nl-NL") + " " + tekst("Leerlingen"));
    }
    regel(inhoud, tekst("Regio") + ": " + eigenschappen.regio);
    if (eigenschappen.locatie_benaderd) {
      regel(inhoud, tekst("Benaderd"), "portaal-klein");
    }
    return inhoud;
  }

  // Branches are filled dots; partners are larger rings, dashed where the position is
  // approximate. So the kind shows by shape, not by colour alone (WCAG 1.4.1).
  function stijl(eigenschappen) {
    var kleur = eigenschappen.kleur || "#154273";
    if (eigenschappen.deelnemer === "organisatie") {
      return {
        radius: 8,
        color: kleur,
        weight: 3,
        fillColor: "#ffffff",
        fillOpacity: 1,
        dashArray: eigenschappen.locatie_benaderd ? "3 3" : null,
      };
    }
    return { radius: 5, color: "#ffffff", weight: 1, fillColor: kleur, fillOpacity: 0.95 };
  }

  function teken(gegevens) {
    laag.clearLayers();
    var aantal = 0;
    (gegevens.features || []).forEach(function (feature) {
      var positie = feature.geometry && feature.geometry.coordinates;
      if (!positie || positie.length !== 2) {
        return;
      }
      var marker = L.circleMarker([positie[1], positie[0]], stijl(feature.properties));
      marker.bindPopup(popup.bind(null, feature.properties));
      laag.addLayer(marker);
      aantal += 1;
    });
    element.dataset.aantalMarkers = String(aantal);
    if (aantal) {
      kaart.fitBounds(laag.getBounds(), { padding: [24, 24], maxZoom: 12 });
    } else {
      kaart.fitBounds(NEDERLAND);
      meld(tekst("Geen"));
    }
  }

  function meld(bericht) {
    var melding = document.getElementById("netwerkkaart-melding");
    if (melding) {
      melding.textContent = bericht;
    }
  }

  function laad() {
    var lijst = document.getElementById("netwerkkaart-resultaat");
    var url = lijst && lijst.dataset.geojsonUrl;
    if (!kaart || !url || url === geladenUrl) {
      return;
    }
    geladenUrl = url;
    var dit = ++verzoek;
    element.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (antwoord) {
        if (!antwoord.ok) {
          throw new Error(antwoord.status);
        }
        return antwoord.json();
      })
      .then(function (gegevens) {
        // A slower answer to an older filter must not overwrite a newer one.
        if (dit === verzoek) {
          teken(gegevens);
        }
      })
      .catch(function () {
        if (dit === verzoek) {
          geladenUrl = null;
          element.dataset.aantalMarkers = "0";
          meld(tekst("Fout"));
        }
      })
      .finally(function () {
        if (dit === verzoek) {
          element.removeAttribute("aria-busy");
        }
      });
  }

  function escapeHtml(waarde) {
    var div = document.createElement("div");
    div.textContent = waarde;
    return div.innerHTML;
  }

  function start() {
    var nieuw = document.getElementById("netwerkkaart");
    if (!nieuw || !window.L || nieuw === element) {
      return;
    }
    element = nieuw;
    geladenUrl = null;
    // The message for browsers without script, and after going back in history the old
    // map's markup, make way for a fresh map.
    element.textContent = "";
    element.classList.add("portaal-netwerkkaart__kaart--actief");
    kaart = L.map(element, {
      zoomControl: false,
      preferCanvas: true, // thousands of dots draw much faster on a canvas than as SVG
      minZoom: 6,
      maxZoom: 18,
      zoomSnap: 0.5,
    });
    L.control.zoom({ zoomInTitle: tekst("Inzoomen"), zoomOutTitle: tekst("Uitzoomen") }).addTo(kaart);
    kaart.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    var tegels = element.dataset.tegelsUrl;
    if (tegels) {
      L.tileLayer(tegels, {
        attribution: escapeHtml(element.dataset.tegelsBron || ""),
        maxZoom: 19,
      }).addTo(kaart);
    }
    kaart.on("popupopen", function (event) {
      // Leaflet names its close button in English.
      var sluiten = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (sluiten) {
        sluiten.setAttribute("aria-label", tekst("Sluiten"));
        sluiten.setAttribute("title", tekst("Sluiten"));
      }
    });
    laag = L.featureGroup().addTo(kaart);
    kaart.fitBounds(NEDERLAND);
    kleurVlakken(document);
    laad();
  }

  document.addEventListener("DOMContentLoaded", start);
  // Going back in history brings the page back from htmx's cache, with a dead copy of the
  // map's markup: start again on the restored element.
  document.addEventListener("htmx:historyRestore", function () {
    element = null;
    start();
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!element) {
      return;
    }
    kleurVlakken(document);
    var samenvatting = document.getElementById("netwerkkaart-samenvatting");
    if (event.target && event.target.id === "netwerkkaart-resultaat" && samenvatting) {
      meld(samenvatting.textContent.replace(/\s+/g, " ").trim());
    }
    laad();
  });
})();
