// The document job page: asks every three seconds how the job is going and shows it in
// place. The status line is a live region, so screen readers hear "Dokumentet är klart."
// without the page reloading (which would move focus and start reading from the top).
(function () {
  "use strict";
  var box = document.getElementById("document-job");
  if (!box || box.dataset.state !== "tas_fram") return;
  var status = document.getElementById("job-status");
  function show(id, on) { document.getElementById(id).hidden = !on; }
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (job) {
        if (job.text !== status.textContent) {
          var strong = document.createElement("strong");
          strong.textContent = job.text;
          status.replaceChildren(strong);
        }
        if (job.state === box.dataset.state) { window.setTimeout(poll, 3000); return; }
        box.dataset.state = job.state;
        document.getElementById("job-filename").textContent = job.filename;
        document.getElementById("job-message").textContent = job.message;
        show("job-running", job.state === "tas_fram");
        show("job-ready", job.state === "klar");
        show("job-failed", job.state === "fel");
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 3000);
})();
