// The review page's map: the observations of the table beside it as points (the table is the
// non-map way); a click on a point goes to its row.
(function () {
  "use strict";
  var el = document.getElementById("review-map");
  if (!el || !window.TryggMap) return;
  var area = JSON.parse(document.getElementById("walk-area").textContent || "null");
  var points = JSON.parse(document.getElementById("review-points").textContent || "[]");
  el.hidden = false;
  var map = TryggMap.create(el, { boundary: area });
  var css = getComputedStyle(document.documentElement);
  points.forEach(function (p) {
    L.circleMarker([p.lat, p.lon], {
      radius: 8, weight: 2, color: css.getPropertyValue(p.outside ? "--warn" : "--brand").trim(),
      fillOpacity: 0.8, dashArray: p.outside ? "3 3" : null,
    }).bindTooltip(p.label).on("click", function () { location.hash = "observation-" + p.id; }).addTo(map);
  });
})();
