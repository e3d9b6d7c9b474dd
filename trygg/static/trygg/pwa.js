// Installs the service worker for a signed-in person (so the report form opens without
// coverage), and deletes the pages it kept once nobody is signed in: a shared phone never
// shows one person's cached pages to the next. The outbox (IndexedDB) is kept: a signed-out
// phone keeps its queue until its owner signs in again.
(function () {
  "use strict";
  var root = document.documentElement;
  if (!("serviceWorker" in navigator)) return;
  // A walk's join-link page (no account) also needs the worker, to open without coverage.
  if (root.dataset.user || document.querySelector("meta[name=trygg-offline-page]")) {
    navigator.serviceWorker.register(root.dataset.serviceWorker || "/sw.js", { scope: "/" })
      .catch(function () { /* no worker: the pages work online as before */ });
  } else if (window.caches) {
    caches.delete("trygg-pages");
    caches.delete("trygg-places");
    if (navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "signed-out" });
    }
  }
})();
