// Meeting mode: the arrow keys and Page Up/Down (what a presenter's remote sends) follow the
// page's previous/next links. Each agenda item is its own page, so without this script the
// links do the same; keys typed into the decision form are left alone.
(function () {
  "use strict";
  var KEYS = { ArrowLeft: "prev", PageUp: "prev", ArrowRight: "next", PageDown: "next" };
  document.addEventListener("keydown", function (event) {
    var direction = KEYS[event.key];
    if (!direction || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable], details[open] form")) return;
    var link = document.querySelector('a[data-meeting-step="' + direction + '"]');
    if (!link) return;
    event.preventDefault();
    window.location.assign(link.href);
  });
})();
