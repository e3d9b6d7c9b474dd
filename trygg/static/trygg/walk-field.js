// A walk's field mode (trygg/walks/templates/walks/field_page.html): several observations a
// minute, one hand. Each is kept in the offline outbox (outbox.js) first and sent when there
// is coverage; the list below the form says "Mottagen" only after the server's receipt.
// Without JavaScript, IndexedDB or a service worker the form posts one observation at a time.
(function () {
  "use strict";
  var form = document.getElementById("field-form");
  if (!form) return;
  var lat = form.querySelector("input[name=lat]");
  var lon = form.querySelector("input[name=lon]");
  var areaHolder = document.getElementById("walk-area");
  var area = areaHolder ? JSON.parse(areaHolder.textContent || "null") : null;
  var MAX_BYTES = 10 * 1024 * 1024;  // the server's limit (trygg/reports/images.py)

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) el.textContent = value;
  }

  // One tap for the phone's position.
  var gps = document.getElementById("field-gps");
  if (gps && navigator.geolocation) {
    gps.hidden = false;
    gps.addEventListener("click", function () {
      text("field-gps-status", "Hämtar position …");
      navigator.geolocation.getCurrentPosition(function (pos) {
        setPoint(pos.coords.latitude, pos.coords.longitude);
        text("field-gps-status", "Position hämtad (noggrannhet ungefär " + Math.round(pos.coords.accuracy) + " m).");
      }, function (err) {
        text("field-gps-status", "Positionen kunde inte hämtas (" + err.message + "). Tryck på kartan eller skriv platsen.");
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
    });
  }

  // A tap on the map (the offline basemap when the worker kept it).
  var map = null, marker = null;
  var mapEl = document.getElementById("field-map");
  if (mapEl && window.TryggMap) {
    mapEl.hidden = false;
    map = TryggMap.create(mapEl, { boundary: area });
    map.on("click", function (e) {
      setPoint(e.latlng.lat, e.latlng.lng);
      text("field-map-status", "Plats vald på kartan.");
    });
  }

  function setPoint(y, x) {
    lat.value = y.toFixed(6);
    lon.value = x.toFixed(6);
    if (map) {
      if (marker) marker.setLatLng([y, x]); else marker = L.marker([y, x], { alt: "Vald plats" }).addTo(map);
    }
  }

  var photos = form.querySelector("input[name=photos]");
  photos.addEventListener("change", function () {
    var files = Array.prototype.slice.call(photos.files || []);
    var big = files.filter(function (f) { return f.size > MAX_BYTES; });
    if (big.length) {
      photos.value = "";
      text("field-photo-status", "En bild är större än 10 MB. Välj mindre bilder.");
    } else {
      text("field-photo-status", files.length ? (files.length === 1 ? "1 foto valt." : files.length + " foton valda.") : "");
    }
  });

  var Outbox = window.TryggOutbox, Offline = window.TryggOfflineForm;
  if (!Outbox || !Offline || !window.indexedDB || !("serviceWorker" in navigator)) return;

  var endpoint = form.dataset.fieldEndpoint;
  var uuid = form.querySelector("input[name=client_uuid]");
  var recorded = form.querySelector("input[name=recorded_at]");
  var status = document.querySelector("[data-field-status]");
  var errorsBox = form.querySelector("[data-field-errors]");
  if (!uuid.value) uuid.value = Outbox.newId();

  function announce(message, kind) {
    status.hidden = !message;
    status.className = "message message--" + (kind || "info");
    status.textContent = message || "";
  }

  function showErrors(messages) {
    errorsBox.textContent = "";
    if (!messages.length) { errorsBox.hidden = true; return; }
    var h = document.createElement("h2");
    h.textContent = "Observationen behöver ändras";
    var ul = document.createElement("ul");
    messages.forEach(function (m) { var li = document.createElement("li"); li.textContent = m; ul.appendChild(li); });
    errorsBox.appendChild(h);
    errorsBox.appendChild(ul);
    errorsBox.hidden = false;
    errorsBox.focus();
  }

  function chosen(name) {
    var input = form.querySelector("input[name=" + name + "]:checked");
    if (!input || !input.value) return "";
    var label = input.closest("label");
    return label ? label.textContent.trim() : input.value;
  }

  function label() {
    var parts = [chosen("item"), chosen("score")].filter(Boolean);
    return parts.join(" · ") || "Observation";
  }

  function localProblems() {
    var y = lat.value.trim(), x = lon.value.trim();
    if ((y === "") !== (x === "")) return ["Ange både latitud och longitud, eller ingen av dem."];
    var text = form.querySelector("[name=text]").value.trim();
    if (!chosen("item") && !chosen("score") && !text && !(photos.files && photos.files.length)) {
      return ["Observationen är tom. Välj en punkt i checklistan, skriv något eller ta ett foto."];
    }
    return [];
  }

  function fresh() {
    form.reset();
    uuid.value = Outbox.newId();
    recorded.value = "";
    if (marker && map) { map.removeLayer(marker); marker = null; }
    text("field-photo-status", "");
    text("field-gps-status", "");
    text("field-map-status", "");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var problems = localProblems();
    showErrors(problems);
    if (problems.length) return;
    recorded.value = new Date().toISOString();
    var button = event.submitter;
    if (button) button.disabled = true;
    var item;
    Offline.collect(form).then(function (data) {
      item = {
        id: uuid.value, created: Date.now(), kind: "observation", endpoint: endpoint,
        form: location.pathname, owner: form.dataset.fieldOwner,
        auth: form.dataset.fieldAuth || undefined, keepInMemory: true,
        fields: data.fields, files: data.files, label: label(), state: "köad",
      };
      return Outbox.put(item);
    }).then(function () {
      Outbox.persist();
      fresh();
      announce(navigator.onLine ? "Observationen är sparad i telefonen och skickas nu." :
        "Observationen är sparad i telefonen och skickas när det finns nät.", "success");
    }, function (error) {
      if (!error || !error.keptInMemory) throw error;
      fresh();
      announce("Telefonens lagring är full: observationen kunde inte sparas i telefonen. " +
        "Den finns kvar på den här sidan och skickas när det finns nät – stäng inte sidan. " +
        "Frigör utrymme i telefonen för att spara fler.", "error");
    }).then(function () {
      return Outbox.sync(item.id);
    }).catch(function (error) {
      announce(Outbox.storageMessage(error), "error");
    }).then(function () {
      if (button) button.disabled = false;
      render();
    });
  });

  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (content) node.textContent = content;
    return node;
  }

  var list = document.querySelector("[data-field-outbox]");
  var serverList = document.querySelector("[data-field-server-list]");

  function render() {
    Outbox.all().then(function (items) {
      var mine = items.filter(function (i) { return i.kind === "observation" && i.endpoint === endpoint; });
      serverList.hidden = true;
      list.hidden = false;
      list.textContent = "";
      if (!mine.length) { list.appendChild(el("li", {}, "Inga observationer än.")); return; }
      mine.slice().reverse().forEach(function (item) {
        var li = el("li", { class: "outbox__item", "data-state": item.state, "data-id": item.id });
        li.appendChild(el("strong", {}, item.label));
        li.appendChild(document.createTextNode(" – " + new Date(item.created).toLocaleTimeString("sv-SE", { timeStyle: "short" }) + " – "));
        li.appendChild(el("span", { class: "outbox__state" }, Outbox.STATES[item.state] || item.state));
        if (item.receipt && item.receipt.outside_area) { li.appendChild(document.createTextNode(" · ")); li.appendChild(el("span", { class: "tag" }, "Utanför området")); }
        if (item.receipt && item.receipt.late) { li.appendChild(document.createTextNode(" · ")); li.appendChild(el("span", { class: "tag" }, "Sen")); }
        if (item.inMemory) li.appendChild(el("p", { class: "help" }, "Finns bara på den här sidan (telefonens lagring är full)."));
        if (item.message) li.appendChild(el("p", { class: "help" }, item.message));
        if (item.state === "behöver ändras") {
          var drop = el("button", { type: "button", class: "button button--secondary" }, "Ta bort från telefonen");
          drop.addEventListener("click", function () {
            if (window.confirm("Ta bort observationen från telefonen? Den har inte tagits emot.")) Outbox.remove(item.id);
          });
          li.appendChild(drop);
        }
        list.appendChild(li);
      });
    });
  }

  Outbox.onChange(render);
  render();
})();
