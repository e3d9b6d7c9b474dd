// Binds a form marked data-outbox-endpoint to the outbox (outbox.js), and draws the outbox
// wherever a page has [data-outbox-list]. Without JavaScript, IndexedDB or a service worker
// the form posts as it always has; with them, a report is kept on the phone first and sent
// when there is a connection, and the person sees each item's state until the receipt.
(function () {
  "use strict";
  var Outbox = window.TryggOutbox;
  if (!Outbox) return;
  var MAX_SIDE = 2048;  // photos are resized on the phone: smaller queue, faster upload

  function owner(el) {
    return (el && el.dataset.outboxOwner) || document.documentElement.dataset.user || "";
  }

  function announce(form, text, kind) {
    var box = document.querySelector("[data-outbox-status]");
    if (!box) return;
    box.hidden = !text;
    box.className = "message message--" + (kind || "info");
    box.textContent = text || "";
    if (text) box.focus();
  }

  function resize(file) {
    if (!file.type || file.type.indexOf("image/") !== 0 || !window.createImageBitmap) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.type === "image/jpeg") return file;
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) { resolve(blob || file); }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });  // not decodable here: the server decides
  }

  function collect(form) {
    var fields = [];
    var files = [];
    var jobs = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.name === "csrfmiddlewaretoken") return;
      if (el.type === "file") {
        Array.prototype.forEach.call(el.files || [], function (file) {
          jobs.push(resize(file).then(function (blob) {
            var filename = file.name.replace(/\.[^.]+$/, "") + ".jpg";
            files.push({ name: el.name, blob: blob, filename: blob === file ? file.name : filename });
          }));
        });
        return;
      }
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      if (el.type === "submit" || el.type === "button") return;
      if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { fields.push([el.name, o.value]); });
        return;
      }
      fields.push([el.name, el.value]);
    });
    return Promise.all(jobs).then(function () { return { fields: fields, files: files }; });
  }

  function label(form, fields) {
    var select = form.querySelector("[data-outbox-label]");
    var text = select && select.selectedOptions && select.selectedOptions[0];
    var place = fields.filter(function (p) { return p[0] === "place_name"; })[0];
    return [text && text.value ? text.textContent.trim() : "", place ? place[1] : ""]
      .filter(Boolean).join(" · ") || "Rapport";
  }

  function fill(form, item) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit") return;
      var values = item.fields.filter(function (p) { return p[0] === el.name; }).map(function (p) { return p[1]; });
      if (el.type === "file") {
        if (window.DataTransfer) {
          var dt = new DataTransfer();
          (item.files || []).filter(function (f) { return f.name === el.name; }).forEach(function (f) {
            dt.items.add(new File([f.blob], f.filename, { type: f.blob.type || "image/jpeg" }));
          });
          el.files = dt.files;
        }
      } else if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.indexOf(el.value) !== -1;
      } else {
        el.value = values.length ? values[0] : "";
      }
    });
    form.dataset.outboxItem = item.id;
  }

  function localNow() {
    var d = new Date();
    d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
    return d.toISOString().slice(0, 16);
  }

  function freshForm(form) {
    form.reset();
    var when = form.querySelector("input[name=occurred_at]");
    if (when) when.value = localNow();
    delete form.dataset.outboxItem;
    var uuid = form.querySelector("input[name=client_uuid]");
    if (uuid) uuid.value = Outbox.newId();
    var box = form.querySelector("[data-outbox-errors]");
    if (box) { box.hidden = true; box.textContent = ""; }
  }

  function showErrors(form, item) {
    var box = form.querySelector("[data-outbox-errors]");
    if (!box) return;
    box.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = "Rapporten behöver ändras";
    box.appendChild(heading);
    var list = document.createElement("ul");
    var errors = item.errors || {};
    var keys = Object.keys(errors);
    if (!keys.length) keys = ["__all__"];
    keys.forEach(function (key) {
      var entries = errors[key] || [{ message: item.message }];
      entries.forEach(function (entry) {
        var li = document.createElement("li");
        var field = form.querySelector("[name='" + key + "']");
        var text = typeof entry === "string" ? entry : entry.message;
        if (field && field.id) {
          var a = document.createElement("a");
          a.href = "#" + field.id;
          a.textContent = text;
          li.appendChild(a);
        } else {
          li.textContent = text;
        }
        list.appendChild(li);
      });
    });
    box.appendChild(list);
    box.hidden = false;
    box.focus();
  }

  // What the phone can check without the server, with the server's own wording; the
  // server checks everything again when the report arrives.
  function inside(point, geometry) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.some(function (rings) {
      var hits = 0;
      rings.forEach(function (ring) {
        for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
          if ((yi > point[1]) !== (yj > point[1]) &&
              point[0] < (xj - xi) * (point[1] - yi) / (yj - yi) + xi) hits++;
        }
      });
      return hits % 2 === 1;
    });
  }

  function localErrors(form) {
    var errors = {};
    function add(name, message) { (errors[name] = errors[name] || []).push({ message: message }); }
    function value(name) {
      var field = form.querySelector("[name='" + name + "']");
      return field ? field.value.trim() : "";
    }
    if (form.querySelector("[name=category]") && !value("category")) add("category", "Välj kategori.");
    if (form.querySelector("[name=occurred_at]") && !value("occurred_at")) add("occurred_at", "Ange när det hände.");
    var lat = value("lat").replace(",", "."), lon = value("lon").replace(",", ".");
    if ((lat === "") !== (lon === "")) add("lat", "Ange både latitud och longitud, eller ingen av dem.");
    if (lat === "" && lon === "" && form.querySelector("[name=place_name]") && !value("place_name")) {
      add("place_name", "Ange var det hände: en plats på kartan, din position eller ett platsnamn.");
    }
    var outline = form.dataset.outboxOutline && document.getElementById(form.dataset.outboxOutline);
    var geometry = outline && JSON.parse(outline.textContent);
    if (lat !== "" && lon !== "" && geometry && !isNaN(+lat) && !isNaN(+lon) && !inside([+lon, +lat], geometry)) {
      add("lat", form.dataset.outsideMessage);
    }
    return errors;
  }

  function bind(form) {
    var uuid = form.querySelector("input[name=client_uuid]");
    if (uuid && !uuid.value) uuid.value = Outbox.newId();
    var occurred = form.querySelector("input[name=occurred_at]");
    // A page from the cache carries the time it was cached; a fresh form means now.
    if (occurred && !form.querySelector(".error-summary:not([hidden])") && !navigator.onLine) {
      occurred.value = localNow();
    }
    var draftButton = form.querySelector("[data-outbox-draft]");
    if (draftButton) draftButton.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var draft = event.submitter && event.submitter.name === "_utkast";
      var button = event.submitter;
      var problems = draft ? {} : localErrors(form);
      if (Object.keys(problems).length) {
        showErrors(form, { errors: problems });
        return;
      }
      if (button) button.disabled = true;
      collect(form).then(function (data) {
        var id = (uuid && uuid.value) || Outbox.newId();
        return Outbox.get(id).then(function (existing) {
          var item = existing || { id: id, created: Date.now() };
          item.kind = form.dataset.outboxKind || "report";
          item.endpoint = form.dataset.outboxEndpoint;
          item.form = form.dataset.outboxForm || location.pathname;
          item.owner = owner(form);
          item.fields = data.fields;
          item.files = data.files;
          item.label = label(form, data.fields);
          item.state = draft ? "utkast" : "köad";
          item.message = "";
          item.errors = null;
          return Outbox.put(item);
        });
      }).then(function (item) {
        Outbox.persist();
        if (draft) {
          freshForm(form);
          announce(form, "Utkastet är sparat i enheten. Du hittar det i utkorgen nedan.", "success");
          return;
        }
        return Outbox.sync(item.id).then(function () { return Outbox.get(item.id); }).then(function (now) {
          if (now.state === "mottagen" && now.receipt && now.receipt.url) {
            location.assign(now.receipt.url);
          } else if (now.state === "behöver ändras") {
            showErrors(form, now);
          } else {
            freshForm(form);
            announce(form, "Rapporten är sparad i enheten och skickas automatiskt när det finns nät. " +
              "Du ser den i utkorgen nedan.", "success");
          }
        });
      }).catch(function (error) {
        announce(form, Outbox.storageMessage(error), "error");
      }).then(function () {
        if (button) button.disabled = false;
      });
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function when(ms) {
    return new Date(ms).toLocaleString("sv-SE", { dateStyle: "short", timeStyle: "short" });
  }

  function render(section) {
    var mine = owner(section);
    var form = document.querySelector("form[data-outbox-endpoint]");
    Outbox.all().then(function (items) {
      // Other kinds (a walk's observations) have their own list on their own page.
      items = items.filter(function (i) { return (i.kind || "report") === "report"; });
      var own = items.filter(function (i) { return String(i.owner) === String(mine); });
      var others = items.length - own.length;
      var holder = section.querySelector("[data-outbox-items]");
      holder.textContent = "";
      section.hidden = !own.length && !others;
      if (!own.length && !others) return;
      var info = Outbox.session();
      if (info && !info.user && own.some(function (i) { return i.state === "köad" || i.state === "skickad"; })) {
        var p = el("p", { class: "message message--warning" });
        p.appendChild(document.createTextNode("Du är utloggad. Köade rapporter finns kvar i enheten och skickas när du "));
        var a = el("a", { href: info.login_url + "?next=" + encodeURIComponent(location.pathname) }, "loggar in igen");
        p.appendChild(a);
        p.appendChild(document.createTextNode("."));
        holder.appendChild(p);
      }
      if (own.some(Outbox.isOld)) {
        holder.appendChild(el("p", { class: "message message--warning" },
          "Några utkast är äldre än fem dagar. Skicka dem snart: en del telefoner raderar sparade " +
          "data från webbplatser som inte använts på sju dagar."));
      }
      var list = el("ul", { class: "outbox" });
      own.slice().reverse().forEach(function (item) {
        var li = el("li", { class: "outbox__item", "data-state": item.state, "data-id": item.id });
        li.appendChild(el("strong", {}, item.label || "Rapport"));
        li.appendChild(document.createTextNode(" – " + when(item.created) + " – "));
        li.appendChild(el("span", { class: "outbox__state" }, Outbox.STATES[item.state] || item.state));
        if (item.receipt) {
          li.appendChild(document.createTextNode(" "));
          li.appendChild(el("a", { href: item.receipt.url }, "Rapport nr " + item.receipt.id));
        }
        if (item.message) li.appendChild(el("p", { class: "help" }, item.message));
        var actions = el("p", { class: "outbox__actions" });
        if (item.state !== "mottagen" && item.state !== "skickad" && form) {
          var edit = el("button", { type: "button", class: "button button--small button--secondary" }, "Ändra");
          edit.addEventListener("click", function () {
            fill(form, item);
            if (item.state === "behöver ändras") showErrors(form, item);
            var first = form.querySelector("select, input:not([type=hidden]), textarea");
            if (first) first.focus();
          });
          actions.appendChild(edit);
        }
        if (item.state === "utkast") {
          var queue = el("button", { type: "button", class: "button button--small" }, "Skicka");
          queue.addEventListener("click", function () {
            item.state = "köad";
            Outbox.put(item).then(function () { Outbox.sync(item.id); });
          });
          actions.appendChild(queue);
        }
        if (item.state !== "skickad") {
          var drop = el("button", { type: "button", class: "button button--small button--secondary" },
            item.state === "mottagen" ? "Dölj" : "Ta bort");
          drop.addEventListener("click", function () {
            if (item.state === "mottagen" || window.confirm("Ta bort rapporten från enheten? Den har inte skickats.")) {
              Outbox.remove(item.id);
            }
          });
          actions.appendChild(drop);
        }
        if (actions.childNodes.length) li.appendChild(actions);
        list.appendChild(li);
      });
      holder.appendChild(list);
      if (others) {
        holder.appendChild(el("p", { class: "help" }, others === 1
          ? "1 rapport från en annan användare väntar på att den personen loggar in på enheten."
          : others + " rapporter från andra användare väntar på att de loggar in på enheten."));
      }
    });
  }

  // Field forms of other kinds (a walk's observations) reuse the photo resizing and the
  // position check.
  window.TryggOfflineForm = { collect: collect, inside: inside };

  var sections = document.querySelectorAll("[data-outbox-list]");
  function renderAll() { Array.prototype.forEach.call(sections, render); }
  Outbox.onChange(renderAll);
  renderAll();
  var form = document.querySelector("form[data-outbox-endpoint]");
  if (form && "serviceWorker" in navigator) bind(form);
})();
