/* Espace santé: the few lines of our own. Everything works without them. */
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]');

  document.addEventListener("htmx:configRequest", function (event) {
    if (csrf) { event.detail.headers["X-CSRFToken"] = csrf.content; }
  });

  /* After an htmx swap, move focus to what it brought: the error summary (RGAA 11.10),
     else the element marked data-focus (an inline form's heading, a confirmation). */
  document.addEventListener("htmx:load", function (event) {
    var added = event.detail.elt;
    if (!added.querySelector || added === document.body) { return; }
    var target = added.querySelector(".error-summary") ||
      (added.matches("[data-focus]") ? added : added.querySelector("[data-focus]"));
    if (target) { target.focus(); }
  });

  /* Idle sign-out warning (RGAA 13.1): shown 2 minutes before the end, with a button
     that keeps the session. Without JavaScript the page states the session length. */
  var warning = document.getElementById("session-warning");
  if (!warning) { return; }
  var minutes = parseInt(warning.getAttribute("data-idle-minutes"), 10) || 15;
  var alertRegion = document.getElementById("alerte");
  var timer;
  function arm() {
    clearTimeout(timer);
    warning.hidden = true;
    timer = setTimeout(function () {
      warning.hidden = false;
      if (alertRegion) {
        alertRegion.textContent = "Votre session va expirer dans 2 minutes. Utilisez le bouton « Rester connecté » pour la prolonger.";
      }
    }, Math.max(minutes - 2, 1) * 60 * 1000);
  }
  document.addEventListener("htmx:afterRequest", function (event) {
    var passive = event.detail.requestConfig && event.detail.requestConfig.headers["X-Espace-Passive"];
    if (!passive) { arm(); }
  });
  arm();
})();
