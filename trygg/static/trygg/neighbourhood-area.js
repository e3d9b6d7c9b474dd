// Draws a grannsamverkan area on the map component (map.js): each click adds a corner, kept
// as a GeoJSON Polygon (lon/lat) in the form's hidden "drawn" field. Optional: choosing an
// existing area or uploading a GeoJSON file does the same without the map.
(function () {
  "use strict";
  var tools = document.querySelector("[data-area-draw-tools]");
  if (!tools || !window.TryggMap) return;
  var form = tools.closest("form");
  var field = form.querySelector("input[name=drawn]");
  var status = document.getElementById("area-status");
  tools.hidden = false;
  var holder = document.getElementById("boundary-data");
  var boundary = holder ? JSON.parse(holder.textContent || "null") : null;
  var map = TryggMap.create(document.getElementById("area-map"), { boundary: boundary });
  var points = [];
  try {
    var stored = field.value ? JSON.parse(field.value) : null;
    if (stored && stored.type === "Polygon") {
      points = stored.coordinates[0].slice(0, -1).map(function (c) { return [c[1], c[0]]; });
    }
  } catch (e) { points = []; }
  var shape = L.polygon(points, { color: "#1d3c5a", weight: 3 }).addTo(map);
  if (points.length > 2) map.fitBounds(shape.getBounds());
  function save(message) {
    shape.setLatLngs(points);
    var ring = points.map(function (p) { return [+p[1].toFixed(6), +p[0].toFixed(6)]; });
    if (ring.length > 2) ring.push(ring[0]);
    field.value = ring.length > 3 ? JSON.stringify({ type: "Polygon", coordinates: [ring] }) : "";
    if (status) status.textContent = message;
  }
  function count() { return "Området har " + points.length + " hörn."; }
  map.on("click", function (e) {
    points.push([e.latlng.lat, e.latlng.lng]);
    save(count());
  });
  tools.querySelector("[data-area-undo]").addEventListener("click", function () {
    points.pop();
    save(count());
  });
  tools.querySelector("[data-area-clear]").addEventListener("click", function () {
    points = [];
    save("Området är rensat.");
  });
  save(points.length ? count() : "");
})();

// The area's page: its outline drawn read-only; the facts above say the same in text.
(function () {
  "use strict";
  var el = document.querySelector("[data-area-view]");
  var data = document.getElementById("area-data");
  if (!el || !data || !window.TryggMap) return;
  el.hidden = false;
  var map = TryggMap.create(el, {});
  var layer = L.geoJSON(JSON.parse(data.textContent), {
    interactive: false, style: { color: "#1d3c5a", weight: 3 }
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [20, 20] });
})();
