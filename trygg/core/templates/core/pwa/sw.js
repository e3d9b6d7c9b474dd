{% autoescape off %}// Trygg's service worker, version {{ version }}. It caches the app shell and the pages a field
// phone needs, so the report form opens without coverage. It never sends or stores reports:
// the outbox lives in IndexedDB (trygg/static/trygg/outbox.js), and activating a new
// version deletes only the old caches, never the outbox.
"use strict";
var VERSION = "{{ version }}";
var SHELL_CACHE = "trygg-shell-" + VERSION;
var PAGE_CACHE = "trygg-pages";
var SHELL = {{ shell }};
var PAGES = {{ pages }};
var OFFLINE_URL = {{ offline_url }};
var STATIC_PREFIX = {{ static_prefix }};

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE).then(function (cache) {
      return cache.addAll(SHELL.map(function (url) { return new Request(url, { cache: "reload" }); }));
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("trygg-shell-") === 0 && key !== SHELL_CACHE;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("message", function (event) {
  // A page asks the waiting worker to take over (the user chose "update") or says that
  // the person signed out, whose cached pages must go.
  if (!event.data) return;
  if (event.data.type === "skip-waiting") self.skipWaiting();
  if (event.data.type === "signed-out") event.waitUntil(caches.delete(PAGE_CACHE));
});

function isOfflinePage(url) {
  return PAGES.indexOf(url.pathname) !== -1;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;  // reports are sent by the outbox, never replayed here
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    // Network first: a page is always as fresh as the connection allows.
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok && !response.redirected && isOfflinePage(url)) {
          var copy = response.clone();
          caches.open(PAGE_CACHE).then(function (cache) { cache.put(url.pathname, copy); });
        }
        return response;
      }).catch(function () {
        return caches.open(PAGE_CACHE).then(function (cache) {
          return cache.match(url.pathname, { ignoreVary: true });
        }).then(function (cached) {
          return cached || caches.match(OFFLINE_URL, { ignoreVary: true });
        });
      })
    );
    return;
  }

  if (url.pathname.indexOf(STATIC_PREFIX) === 0) {
    // Static files: the network when it answers (so development sees edits), else the
    // cache; a response is kept for the next time without coverage.
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(SHELL_CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(request, { ignoreVary: true }).then(function (cached) {
          return cached || Response.error();
        });
      })
    );
  }
});
{% endautoescape %}
