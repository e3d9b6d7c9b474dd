{% autoescape off %}// Trygg's service worker, version {{ version }}. It caches the app shell and the pages a field
// phone needs, so the report form opens without coverage. It never sends or stores reports:
// the outbox lives in IndexedDB (trygg/static/trygg/outbox.js), and activating a new
// version deletes only the old caches, never the outbox.
"use strict";
var VERSION = "{{ version }}";
var SHELL_CACHE = "trygg-shell-" + VERSION;
var PAGE_CACHE = "trygg-pages";
// The municipality's offline basemap (PMTiles): content-addressed (its name is its hash), so
// a kept copy never goes stale and outlives worker versions; a new basemap has a new name.
var BASEMAP_CACHE = "trygg-basemap";
// A phone's storage also holds the outbox: a basemap larger than this stays online only.
var BASEMAP_MAX_BYTES = 150 * 1024 * 1024;
// The gazetteer's suggestions (staff: {{ place_search }}): each answer is kept, so a place
// looked up once is suggested again without coverage. The typed text is what is sent; the
// server places it when the report arrives.
var PLACES_CACHE = "trygg-places";
var PLACES_PATH = {{ place_search_json }};
var SHELL = {{ shell }};
var PAGES = {{ pages }};
// Pages of other apps kept by path pattern, each in its own cache: [pattern, cache name].
// A walk's join-link page belongs to no account, so its cache outlives sign-outs; the link
// is the key, and a link that is gone (404/410 online) is deleted from the cache.
var PAGE_PATTERNS = {{ page_patterns }}.map(function (p) { return [new RegExp(p[0]), p[1]]; });
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
  if (event.data.type === "signed-out") {
    event.waitUntil(Promise.all([caches.delete(PAGE_CACHE), caches.delete(PLACES_CACHE)]));
  }
});

// "bytes=a-b", "bytes=a-" or "bytes=-n" of a file of `size` bytes, as [start, end] (end
// inclusive), or null for anything else (several ranges, nonsense): then the whole file.
function parseRange(header, size) {
  var m = /^bytes=(\d*)-(\d*)$/.exec((header || "").trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  var start, end;
  if (m[1] === "") { start = Math.max(0, size - Number(m[2])); end = size - 1; }
  else { start = Number(m[1]); end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1); }
  return start <= end && start < size ? [start, end] : null;
}

function sliced(full, request) {
  return full.blob().then(function (blob) {
    var range = parseRange(request.headers.get("Range"), blob.size);
    var headers = { "Content-Type": "application/octet-stream", "Accept-Ranges": "bytes" };
    var etag = full.headers.get("ETag");
    if (etag) headers.ETag = etag;
    if (!range) return new Response(blob, { status: 200, headers: headers });
    headers["Content-Range"] = "bytes " + range[0] + "-" + range[1] + "/" + blob.size;
    return new Response(blob.slice(range[0], range[1] + 1), { status: 206, headers: headers });
  });
}

// The first time the map asks for a range, the whole file is fetched once and kept, so the
// map has its streets and places without coverage; the Cache API cannot keep a 206.
function keepBasemap(path) {
  return caches.open(BASEMAP_CACHE).then(function (cache) {
    return cache.match(path).then(function (hit) {
      if (hit) return;
      return fetch(path, { credentials: "same-origin" }).then(function (response) {
        var size = Number(response.headers.get("Content-Length") || 0);
        if (response.status === 200 && size <= BASEMAP_MAX_BYTES) {
          return cache.keys().then(function (old) {
            // One basemap per phone: a rebuilt one replaces the old.
            return Promise.all(old.map(function (r) { return cache.delete(r); }));
          }).then(function () { return cache.put(path, response); });
        }
      });
    });
  }).catch(function () { /* offline or full: the map reads ranges from the network */ });
}

// The cache that keeps this page for offline use, or null for a page that is not kept.
function pageCache(url) {
  if (PAGES.indexOf(url.pathname) !== -1) return PAGE_CACHE;
  for (var i = 0; i < PAGE_PATTERNS.length; i++) {
    if (PAGE_PATTERNS[i][0].test(url.pathname)) return PAGE_PATTERNS[i][1];
  }
  return null;
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
        var keep = pageCache(url);
        if (response.ok && !response.redirected && keep) {
          var copy = response.clone();
          caches.open(keep).then(function (cache) { cache.put(url.pathname, copy); });
        } else if (keep && keep !== PAGE_CACHE && (response.status === 404 || response.status === 410)) {
          caches.open(keep).then(function (cache) { cache.delete(url.pathname); });
        }
        return response;
      }).catch(function () {
        return caches.open(pageCache(url) || PAGE_CACHE).then(function (cache) {
          return cache.match(url.pathname, { ignoreVary: true });
        }).then(function (cached) {
          return cached || caches.match(OFFLINE_URL, { ignoreVary: true });
        });
      })
    );
    return;
  }

  if (url.pathname === PLACES_PATH) {
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(PLACES_CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      }).catch(function () {
        return caches.open(PLACES_CACHE).then(function (cache) {
          return cache.match(request, { ignoreVary: true });
        }).then(function (cached) { return cached || Response.error(); });
      })
    );
    return;
  }

  if (/\.pmtiles$/.test(url.pathname)) {
    event.respondWith(
      caches.open(BASEMAP_CACHE).then(function (cache) {
        return cache.match(url.pathname);
      }).then(function (full) {
        if (full) return sliced(full, request);
        event.waitUntil(keepBasemap(url.pathname));
        return fetch(request);
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
