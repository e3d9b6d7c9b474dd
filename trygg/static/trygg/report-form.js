// Report forms: one tap for the phone's position, and a client UUID so that a resubmitted
// form (a double tap, a flaky connection) never creates two reports.
(function () {
  "use strict";
  var form = document.querySelector("form[data-report-form], #report-form");
  if (!form) return;
  var uuid = form.querySelector("input[name=client_uuid]");
  if (uuid && !uuid.value && window.crypto && crypto.randomUUID) uuid.value = crypto.randomUUID();
  var button = document.getElementById("use-gps");
  var status = document.getElementById("gps-status");
  if (!button || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "Hämtar position …";
    navigator.geolocation.getCurrentPosition(function (pos) {
      form.querySelector("input[name=lat]").value = pos.coords.latitude.toFixed(6);
      form.querySelector("input[name=lon]").value = pos.coords.longitude.toFixed(6);
      status.textContent = "Position hämtad (noggrannhet ungefär " + Math.round(pos.coords.accuracy) + " m).";
    }, function (err) {
      status.textContent = "Positionen kunde inte hämtas (" + err.message + "). Skriv platsen i stället.";
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
})();
