// The import page while the task worker runs the import: asks every three seconds how far
// it has come and shows it in place (the page never reloads itself, which would move focus
// and restart screen readers). When the import is done the result is one link away.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box || !box.dataset.statusUrl) return;
  var label = document.getElementById("import-label");
  var count = document.getElementById("import-count");
  var bar = document.getElementById("import-bar");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (job) {
        var text = job.total ? " – " + job.processed + " av " + job.total + " (" + job.percent + " %)" : "";
        if (label.textContent !== job.label) label.textContent = job.label;
        if (count.textContent !== text) count.textContent = text;
        bar.value = job.percent;
        bar.textContent = job.percent + " %";
        if (job.status === "klar" || job.status === "misslyckad") {
          document.getElementById("import-done").hidden = false;
          return;
        }
        window.setTimeout(poll, 3000);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 3000);
})();
