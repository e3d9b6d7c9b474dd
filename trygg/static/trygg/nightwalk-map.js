// The walked routes over the lägesbild's hot spots (programmes/nightwalk_map.html). The
// table under the map holds the same figures, for everyone who does not use the map.
(function () {
  "use strict";
  var el = document.getElementById("nightwalk-map");
  var holder = document.getElementById("nightwalk-map-data");
  if (!el || !holder || !window.TryggMap) return;
  var data = JSON.parse(holder.textContent);
  el.hidden = false;
  var map = TryggMap.create(el, { boundary: data.boundary });
  var layers = [];
  var shades = { 1: "#f4a261", 2: "#e76f51", 3: "#b5171e" };
  data.hot.forEach(function (h) {
    var ring = h.boundary.map(function (p) { return [p[1], p[0]]; });
    layers.push(L.polygon(ring, {
      color: shades[h.bin] || "#e76f51", weight: h.evenings ? 1 : 3, fillOpacity: 0.35,
      dashArray: h.evenings ? null : "4 4",
    }).bindTooltip((h.place || "Hot spot") + (h.evenings ? ": " + h.evenings + " kvällar" : ": ingen nattvandring")).addTo(map));
  });
  data.routes.forEach(function (r) {
    layers.push(L.polyline(r.points, { color: "#1d3c5a", weight: 3, opacity: 0.7 })
      .bindTooltip(r.group + " " + r.date).addTo(map));
  });
  if (layers.length) map.fitBounds(L.featureGroup(layers).getBounds(), { padding: [20, 20] });
})();
