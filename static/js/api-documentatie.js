// Shows the API's schema with Swagger UI (served from this portal; no outside requests:
// the online validator is switched off). "Try it out" uses the browser's session, with
// Django's CSRF token for writes.
(function () {
  "use strict";
  var doel = document.getElementById("api-documentatie");
  if (!doel || !window.SwaggerUIBundle) {
    return;
  }
  var csrf = doel.getAttribute("data-csrf");
  window.SwaggerUIBundle({
    url: doel.getAttribute("data-schema-url"),
    domNode: doel,
    validatorUrl: null,
    deepLinking: true,
    persistAuthorization: false,
    requestInterceptor: function (verzoek) {
      if (csrf && verzoek.method && verzoek.method.toUpperCase() !== "GET") {
        verzoek.headers["X-CSRFToken"] = csrf;
      }
      return verzoek;
    },
  });
})();
