// A night-walk group's log (trygg/programmes/templates/programmes/nightwalk_log.html): the
// route drawn on the map or recorded by GPS, observations placed by the phone's position,
// and the log kept in the offline outbox (outbox.js) until the server's receipt. The client
// UUID is the idempotency key, so a log sent twice after a lost reply is stored once.
// Without JavaScript the form posts as it is and the typed route is enough.
(function () {
  "use strict";
  var form = document.getElementById("nightwalk-log");
  if (!form) return;
  var routeField = form.querySelector("input[name=route]");
  var tools = form.querySelector("[data-log-route-tools]");
  var points = [];
  try { points = routeField.value ? JSON.parse(routeField.value) : []; } catch (e) { points = []; }
  var map = null, line = null, watch = null;

  function say(id, text) { var el = document.getElementById(id); if (el) el.textContent = text; }

  function save(message) {
    routeField.value = points.length ? JSON.stringify(points) : "";
    if (line) line.setLatLngs(points);
    tools.dataset.routePoints = String(points.length);
    say("route-status", message);
  }

  function add(lat, lon) {
    points.push([+lat.toFixed(6), +lon.toFixed(6)]);
  }

  if (tools && window.TryggMap) {
    tools.hidden = false;
    var holder = document.getElementById("boundary-data");
    var boundary = holder ? JSON.parse(holder.textContent || "null") : null;
    map = TryggMap.create(document.getElementById("log-map"), { boundary: boundary });
    line = L.polyline(points, { color: "#1d3c5a", weight: 4 }).addTo(map);
    map.on("click", function (e) {
      add(e.latlng.lat, e.latlng.lng);
      save("Rutten har " + points.length + " punkter.");
    });
    tools.querySelector("[data-route-undo]").addEventListener("click", function () {
      points.pop();
      save("Rutten har " + points.length + " punkter.");
    });
    tools.querySelector("[data-route-clear]").addEventListener("click", function () {
      points = [];
      save("Rutten är rensad.");
    });
    var gps = tools.querySelector("[data-route-gps]");
    if (!navigator.geolocation) gps.hidden = true;
    gps.addEventListener("click", function () {
      if (watch !== null) {
        navigator.geolocation.clearWatch(watch);
        watch = null;
        gps.textContent = "Spela in med GPS";
        save("Inspelningen är stoppad. Rutten har " + points.length + " punkter.");
        return;
      }
      gps.textContent = "Stoppa inspelningen";
      save("Spelar in rutten …");
      watch = navigator.geolocation.watchPosition(function (pos) {
        add(pos.coords.latitude, pos.coords.longitude);
        save("Spelar in: " + points.length + " punkter.");
      }, function (err) {
        save("Positionen kunde inte hämtas (" + err.message + "). Rita rutten eller skriv gatorna.");
      }, { enableHighAccuracy: true, maximumAge: 10000, timeout: 30000 });
    });
  }

  // One tap puts an observation at the phone's position.
  Array.prototype.forEach.call(form.querySelectorAll("[data-observation-slot]"), function (slot) {
    var button = slot.querySelector("[data-observation-gps]");
    if (!button || !navigator.geolocation) return;
    button.parentNode.hidden = false;
    var status = slot.querySelector("[data-observation-gps-status]");
    button.addEventListener("click", function () {
      status.textContent = " Hämtar position …";
      navigator.geolocation.getCurrentPosition(function (pos) {
        slot.querySelector("input[name$=_lat]").value = pos.coords.latitude.toFixed(6);
        slot.querySelector("input[name$=_lon]").value = pos.coords.longitude.toFixed(6);
        status.textContent = " Position sparad.";
      }, function (err) {
        status.textContent = " Positionen kunde inte hämtas (" + err.message + ").";
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  });

  var Outbox = window.TryggOutbox, Offline = window.TryggOfflineForm;
  if (!Outbox || !Offline || !window.indexedDB || !("serviceWorker" in navigator)) return;

  var endpoint = form.dataset.logEndpoint;
  var uuid = form.querySelector("input[name=client_uuid]");
  var status = document.querySelector("[data-log-status]");
  var errorsBox = form.querySelector("[data-log-errors]");
  var list = document.querySelector("[data-log-outbox]");
  if (!uuid.value) uuid.value = Outbox.newId();

  function announce(message, kind) {
    status.hidden = !message;
    status.className = "message message--" + (kind || "info");
    status.textContent = message || "";
    if (message) status.focus();
  }

  function showErrors(messages) {
    errorsBox.textContent = "";
    if (!messages.length) { errorsBox.hidden = true; return; }
    var h = document.createElement("h2");
    h.textContent = "Loggen behöver ändras";
    var ul = document.createElement("ul");
    messages.forEach(function (m) { var li = document.createElement("li"); li.textContent = m; ul.appendChild(li); });
    errorsBox.appendChild(h);
    errorsBox.appendChild(ul);
    errorsBox.hidden = false;
    errorsBox.focus();
  }

  // What the phone can check itself, in the server's words; the server checks all again.
  function localProblems() {
    var out = [];
    var walkers = parseInt(form.querySelector("[name=walkers]").value, 10);
    if (!(walkers >= 2)) {
      out.push("En nattvandring kräver minst två vuxna. Med färre än två går ni inte – kvällen loggas inte.");
    }
    if (!points.length && !form.querySelector("[name=route_text]").value.trim()) {
      out.push("Rita rutten på kartan, spela in den med GPS eller skriv vilka områden och gator ni gick.");
    }
    return out;
  }

  function fresh() {
    if (watch !== null) { navigator.geolocation.clearWatch(watch); watch = null; }
    form.reset();
    points = [];
    save("");
    uuid.value = Outbox.newId();
  }

  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (content) node.textContent = content;
    return node;
  }

  function render() {
    Outbox.all().then(function (items) {
      var mine = items.filter(function (i) { return i.kind === "nightwalk-log" && i.endpoint === endpoint; });
      list.textContent = "";
      if (!mine.length) { list.appendChild(el("li", {}, "Inga loggar i telefonen.")); return; }
      mine.slice().reverse().forEach(function (item) {
        var li = el("li", { class: "outbox__item", "data-state": item.state, "data-id": item.id });
        li.appendChild(el("strong", {}, item.label));
        li.appendChild(document.createTextNode(" – "));
        li.appendChild(el("span", { class: "outbox__state" }, Outbox.STATES[item.state] || item.state));
        if (item.message) li.appendChild(el("p", { class: "help" }, item.message));
        if (item.state === "behöver ändras") {
          var edit = el("button", { type: "button", class: "button button--secondary" }, "Ändra");
          edit.addEventListener("click", function () {
            item.fields.forEach(function (pair) {
              var field = form.querySelector("[name='" + pair[0] + "']");
              if (!field || field.name === "csrfmiddlewaretoken") return;
              if (field.type === "checkbox") field.checked = true; else field.value = pair[1];
            });
            try { points = routeField.value ? JSON.parse(routeField.value) : []; } catch (e) { points = []; }
            save(points.length ? "Rutten har " + points.length + " punkter." : "");
            Outbox.remove(item.id);
            showErrors([item.message]);
          });
          li.appendChild(edit);
        }
        list.appendChild(li);
      });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var problems = localProblems();
    showErrors(problems);
    if (problems.length) return;
    var button = event.submitter;
    if (button) button.disabled = true;
    var item;
    Offline.collect(form).then(function (data) {
      var day = form.querySelector("[name=walked_on]").value;
      item = {
        id: uuid.value, created: Date.now(), kind: "nightwalk-log", endpoint: endpoint,
        form: location.pathname, owner: form.dataset.logOwner, auth: "link",
        fields: data.fields, files: [], label: "Kvällen " + day, state: "köad",
      };
      return Outbox.put(item);
    }).then(function () {
      Outbox.persist();
      fresh();
      announce(navigator.onLine ? "Loggen är sparad i telefonen och skickas nu." :
        "Loggen är sparad i telefonen och skickas när det finns nät.", "success");
      return Outbox.sync(item.id);
    }).then(function () {
      return Outbox.get(item.id);
    }).then(function (now) {
      if (now && now.state === "mottagen") announce("Kvällens logg är mottagen. Tack för att ni gick!", "success");
      else if (now && now.state === "behöver ändras") announce(now.message, "error");
    }).catch(function (error) {
      announce(Outbox.storageMessage(error), "error");
    }).then(function () {
      if (button) button.disabled = false;
      render();
    });
  });

  Outbox.onChange(render);
  render();
})();
