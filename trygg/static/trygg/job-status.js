// Every background job's page (an import, a lägesbild document): while the job runs, asks
// its status URL every three seconds and shows the answer in place. The page never reloads
// itself (WCAG 2.2.1; a reload would also move focus and restart screen readers); the status
// line is a live region, so its change is heard. Without JavaScript the page says to refresh.
//
// Driven by data attributes (the JSON is core/job_status.py's):
//   data-job-status-url="…" data-job-state="pagar"  the box; polled while the state is "pagar"
//   data-job-text              gets the status text      data-job-message  the error message
//   data-job-field="name"      gets that field's value   data-job-progress a <progress> bar
//   data-job-when="klar fel"   shown only in those states
//   data-job-result            a link that gets result_url
(function () {
  "use strict";
  var SOON = 3000, LATER = 10000;

  function each(box, selector, fn) {
    Array.prototype.forEach.call(box.querySelectorAll(selector), fn);
  }

  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  function show(box, job) {
    each(box, "[data-job-text]", function (el) { setText(el, job.text); });
    each(box, "[data-job-message]", function (el) { setText(el, job.message || ""); });
    each(box, "[data-job-field]", function (el) {
      var value = job[el.dataset.jobField];
      setText(el, value === undefined || value === null ? "" : String(value));
    });
    each(box, "[data-job-progress]", function (el) {
      if (job.total) {
        el.max = 100;
        el.value = job.percent;
        el.textContent = job.percent + " %";
      } else {
        el.removeAttribute("value");  // indeterminate: nothing to count yet
      }
    });
    each(box, "[data-job-result]", function (el) { if (job.result_url) el.href = job.result_url; });
    each(box, "[data-job-when]", function (el) {
      el.hidden = el.dataset.jobWhen.split(" ").indexOf(job.state) === -1;
    });
    box.dataset.jobState = job.state;
  }

  function follow(box) {
    function poll() {
      fetch(box.dataset.jobStatusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (job) {
          show(box, job);
          if (job.state === "pagar") window.setTimeout(poll, SOON);
        })
        .catch(function () { window.setTimeout(poll, LATER); });
    }
    window.setTimeout(poll, SOON);
  }

  each(document, "[data-job-status-url]", function (box) {
    if (box.dataset.jobState === "pagar") follow(box);
  });
})();
