// Autocomplete on place fields: an ARIA 1.2 combobox (input + listbox popup) over the
// gazetteer's JSON endpoint named by the input's data-place-search. Without JavaScript the
// field stays a plain text input and the server matches what is typed, so nothing depends
// on this script; with it, suggestions appear after a short pause in typing.
//
// Keys (WAI-ARIA Authoring Practices, "combobox with listbox popup"): Down/Up move through
// the suggestions (Down opens them), Enter picks the highlighted one, Escape closes the list
// (a second Escape clears the field), Tab leaves with the text as typed. The number of
// suggestions is announced in a polite live region.
(function () {
  "use strict";
  var WAIT = 250, MIN = 2;

  function setup(input, n) {
    var url = input.getAttribute("data-place-search");
    var wrap = document.createElement("div");
    wrap.className = "combobox";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var list = document.createElement("ul");
    list.id = "place-options-" + n;
    list.className = "combobox__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Förslag på platser");
    list.hidden = true;
    wrap.appendChild(list);
    var live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    wrap.appendChild(live);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var timer = null, active = -1, options = [], asked = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(i) {
      options.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (i < 0) { input.removeAttribute("aria-activedescendant"); return; }
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    }

    function choose(i) {
      input.value = options[i].getAttribute("data-value");
      close();
      input.focus();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function show(results) {
      list.textContent = "";
      options = results.map(function (r, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-value", r.label);
        li.className = "combobox__option";
        li.appendChild(document.createTextNode(r.label));
        if (r.kind) {
          var kind = document.createElement("span");
          kind.className = "combobox__kind";
          kind.textContent = " – " + r.kind;
          li.appendChild(kind);
        }
        // mousedown, not click: the input must not lose focus (and close the list) first.
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
        return li;
      });
      active = -1;
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        live.textContent = options.length === 1 ? "1 förslag. Välj med pil ned." :
          options.length + " förslag. Välj med pil ned.";
      } else {
        close();
        live.textContent = input.value.trim().length >= MIN ? "Inga förslag." : "";
      }
    }

    function ask() {
      if (document.activeElement !== input) return;
      var q = input.value.trim();
      if (q.length < MIN) { show([]); return; }
      if (q === asked && options.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); return; }
      asked = q;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === q) show(data.results || []); })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT);
    });
    input.addEventListener("keydown", function (e) {
      var open = !list.hidden;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (!open) { ask(); return; }
        highlight(Math.min(active + 1, options.length - 1));
      } else if (e.key === "ArrowUp") {
        if (!open) return;
        e.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (e.key === "Enter") {
        if (open && active >= 0) { e.preventDefault(); choose(active); }
      } else if (e.key === "Escape") {
        if (open) { e.preventDefault(); close(); } else if (input.value) { e.preventDefault(); input.value = ""; }
      } else if (e.key === "Tab") {
        close();
      }
    });
    // Leaving the field (or sending the form) asks nothing more: a request still running
    // when the page goes would only be cut off.
    input.addEventListener("blur", function () { clearTimeout(timer); setTimeout(close, 150); });
    if (input.form) input.form.addEventListener("submit", function () { clearTimeout(timer); close(); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-place-search]"), setup);
})();
