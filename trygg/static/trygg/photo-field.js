// A photo field: refuse a file over the server's limit (trygg/reports/images.py, 10 MB) at
// once, before a slow phone connection uploads it only to be told so. The server checks
// again; this only saves the wait.
(function () {
  "use strict";
  var MAX_BYTES = 10 * 1024 * 1024;
  var input = document.querySelector("input[type=file][name=photo]");
  var status = document.getElementById("photo-status");
  if (!input || !status) return;
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file) { status.textContent = ""; return; }
    if (file.size > MAX_BYTES) {
      input.value = "";
      status.textContent = "Bilden är större än 10 MB. Välj en mindre bild.";
      return;
    }
    status.textContent = "Vald bild: " + file.name + ". Platsuppgifter i bilden tas bort när du skickar.";
  });
})();
