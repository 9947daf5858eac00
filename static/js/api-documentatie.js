// Shows the API's schema with Redoc (served from this portal; no outside requests).
(function () {
  "use strict";
  var doel = document.getElementById("api-documentatie");
  if (!doel || !window.Redoc) {
    return;
  }
  window.Redoc.init(
    doel.getAttribute("data-schema-url"),
    { hideDownloadButton: false, expandResponses: "200,201", nativeScrollbars: true },
    doel
  );
})();
