// A small formatting toolbar over each <textarea data-markdown-toolbar>: bold, heading,
// list, link and a table helper, all writing plain Markdown into the textarea. Without
// JavaScript the textarea is the whole editor; with it the toolbar follows the WAI-ARIA
// toolbar pattern (one Tab stop, arrow keys between buttons) and says what it did in a live
// region, so keyboard and screen-reader users get the same help.
(function () {
  "use strict";

  function lines(text) { return text.split("\n"); }

  // A selection copied from a spreadsheet arrives as tab-separated lines (or with
  // semicolons, as Swedish Excel writes CSV): the table helper turns it into a table.
  function toTable(text) {
    var rows = lines(text.replace(/\s+$/, "")).map(function (line) {
      var sep = line.indexOf("\t") >= 0 ? "\t" : ";";
      return line.split(sep).map(function (cell) { return cell.trim().replace(/\|/g, "\\|"); });
    });
    var width = Math.max.apply(null, rows.map(function (r) { return r.length; }));
    rows = rows.map(function (r) { while (r.length < width) { r.push(""); } return r; });
    var out = ["| " + rows[0].join(" | ") + " |", "|" + rows[0].map(function () { return " --- "; }).join("|") + "|"];
    rows.slice(1).forEach(function (r) { out.push("| " + r.join(" | ") + " |"); });
    return out.join("\n");
  }

  var ACTIONS = [
    {
      key: "bold", label: "Fet", done: "Fet stil infogad.",
      apply: function (sel) {
        var text = sel || "fet text";
        return { text: "**" + text + "**", select: [2, 2 + text.length] };
      }
    },
    {
      key: "heading", label: "Rubrik", done: "Rubrik infogad.",
      apply: function (sel, atLineStart) {
        var text = sel || "Rubrik";
        var prefix = (atLineStart ? "" : "\n") + "## ";
        return { text: prefix + text, select: [prefix.length, prefix.length + text.length] };
      }
    },
    {
      key: "list", label: "Punktlista", done: "Punktlista infogad.",
      apply: function (sel, atLineStart) {
        var items = sel ? lines(sel) : ["punkt"];
        var text = items.map(function (l) { return "- " + l.replace(/^\s*[-*]\s+/, ""); }).join("\n");
        var prefix = atLineStart ? "" : "\n";
        return { text: prefix + text, select: [prefix.length, prefix.length + text.length] };
      }
    },
    {
      key: "link", label: "Länk", done: "Länk infogad. Skriv adressen där https:// är markerat.",
      apply: function (sel) {
        var text = sel || "länktext";
        var url = "https://";
        return { text: "[" + text + "](" + url + ")", select: [text.length + 3, text.length + 3 + url.length] };
      }
    },
    {
      key: "table", label: "Tabell", done: "Tabell infogad.",
      apply: function (sel, atLineStart) {
        var text = sel && sel.indexOf("\n") >= 0
          ? toTable(sel)
          : "| Rubrik | Rubrik |\n| --- | --- |\n| Värde | Värde |";
        var prefix = atLineStart ? "" : "\n";
        return { text: prefix + text + "\n", select: [prefix.length, prefix.length + text.length] };
      }
    }
  ];

  function insert(area, action, status) {
    var start = area.selectionStart, end = area.selectionEnd;
    var before = area.value.slice(0, start);
    var result = action.apply(area.value.slice(start, end), before === "" || before.slice(-1) === "\n");
    area.focus();
    area.setRangeText(result.text, start, end, "end");
    area.setSelectionRange(start + result.select[0], start + result.select[1]);
    area.dispatchEvent(new Event("input", { bubbles: true }));
    status.textContent = action.done;
  }

  function toolbar(area, index) {
    var bar = document.createElement("div");
    bar.className = "md-toolbar";
    bar.setAttribute("role", "toolbar");
    // Not named after the field: a name containing "Orsaker" would make the toolbar a second
    // match for the field's label. It sits right before its textarea and controls it.
    bar.setAttribute("aria-label", "Formatering");
    bar.setAttribute("aria-controls", area.id);
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.id = "md-status-" + index;
    var buttons = ACTIONS.map(function (action, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "button--secondary";
      b.textContent = action.label;
      b.dataset.action = action.key;
      b.tabIndex = i === 0 ? 0 : -1;
      b.addEventListener("click", function () { insert(area, action, status); });
      bar.appendChild(b);
      return b;
    });
    bar.addEventListener("keydown", function (e) {
      var i = buttons.indexOf(document.activeElement);
      if (i < 0) { return; }
      var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
      if (next === undefined) { return; }
      e.preventDefault();
      next = (next + buttons.length) % buttons.length;
      buttons[i].tabIndex = -1;
      buttons[next].tabIndex = 0;
      buttons[next].focus();
    });
    area.parentNode.insertBefore(bar, area);
    area.parentNode.insertBefore(status, area.nextSibling);
  }

  document.querySelectorAll("textarea[data-markdown-toolbar]").forEach(toolbar);
})();
