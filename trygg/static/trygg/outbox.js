// The outbox: every item a field phone files (a report now; walk observations and night-walk
// logs later) is first written to IndexedDB, then sent. Nothing is shown as received before
// the server's receipt, and nothing is dropped: an item the server refuses stays as
// "behöver ändras" with the server's message. Each item's id is a client UUID that the
// server uses as its idempotency key, so a retry after a lost reply finds the stored item
// instead of creating a second one.
//
// Safari has no Background Sync and evicts storage after seven days without use, so the
// outbox syncs whenever it can (page open, reconnect, focus, every minute while items wait),
// asks for persistent storage, and warns about items older than five days.
(function () {
  "use strict";
  var DB_NAME = "trygg-outbox";
  // Raise only with an upgrade step that keeps every item (see open()).
  var DB_VERSION = 1;
  var STORE = "items";
  var OLD_AFTER_MS = 5 * 24 * 3600 * 1000;
  var KEEP_RECEIVED_MS = 7 * 24 * 3600 * 1000;
  var STATES = {
    utkast: "Utkast",
    "köad": "Köad – skickas när det finns nät",
    skickad: "Skickad – väntar på kvitto",
    mottagen: "Mottagen",
    "behöver ändras": "Behöver ändras",
  };
  var listeners = [];
  var dbPromise = null;
  var syncing = null;
  var sessionInfo = null;  // the last answer of the session endpoint

  function open() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains(STORE)) {
          var store = db.createObjectStore(STORE, { keyPath: "id" });
          store.createIndex("state", "state");
        }
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
    return dbPromise;
  }

  function tx(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var result;
        transaction.oncomplete = function () { resolve(result); };
        transaction.onabort = transaction.onerror = function () {
          reject(transaction.error || new Error("IndexedDB"));
        };
        result = work(transaction.objectStore(STORE));
      });
    });
  }

  function request(req) {
    return new Promise(function (resolve, reject) {
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function emit() {
    listeners.forEach(function (fn) { try { fn(); } catch (e) { /* a listener's bug is its own */ } });
  }

  // Items a full phone could not write to IndexedDB: kept here (and sent from here) for as
  // long as the page is open, so nothing is lost silently; the caller tells the person.
  var unsaved = {};

  function isQuota(error) {
    return !!error && (error.name === "QuotaExceededError" || /quota/i.test(String(error.message)));
  }

  function put(item) {
    item.updated = Date.now();
    // Tests make this throw QuotaExceededError to prove that a full phone loses nothing.
    var hooks = window.TryggOutboxTestHooks;
    try {
      if (hooks && hooks.beforeWrite) hooks.beforeWrite(item);
    } catch (error) {
      return Promise.reject(keep(item, error));
    }
    return tx("readwrite", function (store) { store.put(item); }).then(function () {
      delete unsaved[item.id];
      emit();
      return item;
    }, function (error) { throw keep(item, error); });
  }

  // The put path's answer to a full phone: the item stays in memory, marked, and the error
  // goes on to the caller, who says so. Other errors are only passed on.
  function keep(item, error) {
    if (item.keepInMemory && isQuota(error)) {
      item.inMemory = true;
      unsaved[item.id] = item;
      error.keptInMemory = true;
      emit();
    }
    return error;
  }

  // While sending, a state change that cannot be written is kept in memory instead.
  function save(item) {
    return put(item).catch(function (error) {
      if (error.keptInMemory || unsaved[item.id]) { unsaved[item.id] = item; emit(); return item; }
      throw error;
    });
  }

  function get(id) {
    if (unsaved[id]) return Promise.resolve(unsaved[id]);
    return open().then(function (db) {
      return request(db.transaction(STORE).objectStore(STORE).get(id));
    });
  }

  function all() {
    return open().then(function (db) {
      return request(db.transaction(STORE).objectStore(STORE).getAll());
    }).then(function (items) {
      items = items.filter(function (i) { return !unsaved[i.id]; });
      Object.keys(unsaved).forEach(function (id) { items.push(unsaved[id]); });
      return items.sort(function (a, b) { return a.created - b.created; });
    });
  }

  function remove(id) {
    delete unsaved[id];
    return tx("readwrite", function (store) { store.delete(id); }).then(emit);
  }

  function storageMessage(error) {
    if (isQuota(error)) {
      return "Enheten har inte plats för fler utkast. Skicka eller ta bort utkast i utkorgen, " +
        "eller frigör utrymme i telefonen. Uppgifterna finns kvar i formuläret.";
    }
    return "Rapporten kunde inte sparas i enheten (" + (error && error.name || "okänt fel") +
      "). Uppgifterna finns kvar i formuläret.";
  }

  function persist() {
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persisted().then(function (already) {
        if (!already) navigator.storage.persist();
      }).catch(function () {});
    }
  }

  function session() {
    return fetch(document.documentElement.dataset.sessionUrl || "/konto/session.json", {
      credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) throw new Error("session " + response.status);
      return response.json();
    }).then(function (info) {
      sessionInfo = info;
      return info;
    });
  }

  function body(item) {
    var data = new FormData();
    item.fields.forEach(function (pair) { data.append(pair[0], pair[1]); });
    (item.files || []).forEach(function (file) { data.append(file.name, file.blob, file.filename); });
    return data;
  }

  function messagesOf(errors) {
    var out = [];
    Object.keys(errors || {}).forEach(function (key) {
      (errors[key] || []).forEach(function (entry) {
        out.push(typeof entry === "string" ? entry : entry.message);
      });
    });
    return out;
  }

  // Sends one item and settles its state from the answer. Resolves with the item.
  function send(item, token) {
    item.state = "skickad";
    item.attempts = (item.attempts || 0) + 1;
    return save(item).then(function () {
      return fetch(item.endpoint, {
        method: "POST", body: body(item), credentials: "same-origin",
        headers: { "X-CSRFToken": token, Accept: "application/json" },
      });
    }).then(function (response) {
      if (response.status === 401) {
        item.state = "köad";
        item.message = "Logga in igen för att skicka.";
        return save(item).then(function () { throw new SignedOut(); });
      }
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (response.status === 200 || response.status === 201) {
          item.state = "mottagen";
          item.receipt = {
            id: answer.id, url: answer.url, tracking_code: answer.tracking_code || null,
            late: !!answer.late, outside_area: !!answer.outside_area,
          };
          item.received = Date.now();
          item.message = "";
          item.errors = null;
          item.files = [];  // the server has the photos; free the phone's storage
        } else if (response.status === 400 || response.status === 409 || response.status === 403) {
          item.state = "behöver ändras";
          item.errors = answer.errors || null;
          item.message = answer.message || messagesOf(answer.errors).join(" ") ||
            "Servern tog inte emot rapporten.";
        } else {
          // The server is down or overloaded: it stored nothing we know of, so try again.
          item.state = "köad";
          item.message = "Servern svarade inte (" + response.status + "). Nytt försök snart.";
        }
        return save(item);
      });
    }, function (error) {
      if (error instanceof SignedOut) throw error;
      // No answer: the server may or may not have stored it. The item stays "skickad" and
      // is sent again with the same UUID, which the server recognises.
      item.message = "Inget svar från servern ännu. Nytt försök när det finns nät.";
      return save(item);
    });
  }

  function SignedOut() {}

  function pending(item, owner) {
    return (item.state === "köad" || item.state === "skickad") && String(item.owner) === String(owner);
  }

  function runSync(onlyId) {
    if (!navigator.onLine) return Promise.resolve({ offline: true });
    return all().then(function (items) {
      var waiting = items.filter(function (item) {
        return (item.state === "köad" || item.state === "skickad") && (!onlyId || item.id === onlyId);
      });
      // Most page opens have nothing waiting: then they ask the server nothing.
      if (!waiting.length) return { sent: 0 };
      return session().then(function (info) {
        // An item sent through a walk's join link needs no account (the link is its key),
        // only the fresh CSRF token; everything else waits for its owner's session.
        var due = waiting.filter(function (item) {
          return item.auth === "link" || (info.user && pending(item, info.user));
        });
        if (!info.user && !due.length) return { signedOut: true };
        var chain = Promise.resolve();
        due.forEach(function (item) {
          chain = chain.then(function () { return send(item, info.csrf_token); });
        });
        return chain.then(function () { return { sent: due.length }; });
      });
    }).catch(function (error) {
      if (error instanceof SignedOut) return { signedOut: true };
      return { failed: true };
    }).then(function (result) {
      return cleanup().then(function () { emit(); return result; });
    });
  }

  function sync(onlyId) {
    if (syncing) return syncing.then(function () { return sync(onlyId); });
    var work = function () { return runSync(onlyId); };
    syncing = (navigator.locks ? navigator.locks.request("trygg-outbox-sync", work) : work())
      .finally(function () { syncing = null; });
    return syncing;
  }

  // Receipts are kept a week so the person can see what arrived, then go.
  function cleanup() {
    return all().then(function (items) {
      var now = Date.now();
      var old = items.filter(function (item) {
        return item.state === "mottagen" && now - (item.received || item.updated) > KEEP_RECEIVED_MS;
      });
      if (!old.length) return;
      return tx("readwrite", function (store) { old.forEach(function (item) { store.delete(item.id); }); });
    });
  }

  function isOld(item) {
    return item.state !== "mottagen" && Date.now() - item.created > OLD_AFTER_MS;
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // Safari before 15.4: RFC 4122 version 4 from getRandomValues.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function start() {
    window.addEventListener("online", function () { sync(); });
    window.addEventListener("focus", function () { sync(); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") sync();
    });
    setInterval(function () {
      all().then(function (items) {
        if (items.some(function (i) { return i.state === "köad" || i.state === "skickad"; })) sync();
      });
    }, 60000);
    sync();
  }

  window.TryggOutbox = {
    STATES: STATES, open: open, put: put, get: get, all: all, remove: remove, sync: sync,
    persist: persist, isOld: isOld, isQuota: isQuota, newId: newId, storageMessage: storageMessage,
    session: function () { return sessionInfo; },
    onChange: function (fn) { listeners.push(fn); },
  };
  if (window.indexedDB) start();
})();
