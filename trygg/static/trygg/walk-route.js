// Draws a walk's route on the map component (map.js): each click adds a point to a line,
// kept as a GeoJSON LineString (lon/lat) in the form's hidden "route" field. Optional: the
// meeting point and the route in text always work without it.
(function () {
  "use strict";
  var tools = document.querySelector("[data-walk-route-tools]");
  if (!tools || !window.TryggMap) return;
  var form = tools.closest("form");
  var field = form.querySelector("input[name=route]");
  var status = document.getElementById("route-status");
  tools.hidden = false;
  var holder = document.getElementById("boundary-data");
  var boundary = holder ? JSON.parse(holder.textContent || "null") : null;
  var map = TryggMap.create(document.getElementById("route-map"), { boundary: boundary });
  var points = [];
  try {
    var stored = field.value ? JSON.parse(field.value) : null;
    if (stored && stored.type === "LineString") {
      points = stored.coordinates.map(function (c) { return [c[1], c[0]]; });
    }
  } catch (e) { points = []; }
  var line = L.polyline(points, { color: "#1d3c5a", weight: 4 }).addTo(map);
  if (points.length > 1) map.fitBounds(line.getBounds());
  function save(message) {
    line.setLatLngs(points);
    field.value = points.length > 1 ? JSON.stringify({
      type: "LineString",
      coordinates: points.map(function (p) { return [+p[1].toFixed(6), +p[0].toFixed(6)]; })
    }) : "";
    tools.dataset.routePoints = String(points.length);
    if (status) status.textContent = message;
  }
  map.on("click", function (e) {
    points.push([e.latlng.lat, e.latlng.lng]);
    save("Slingan har " + points.length + " punkter.");
  });
  tools.querySelector("[data-route-undo]").addEventListener("click", function () {
    points.pop();
    save("Slingan har " + points.length + " punkter.");
  });
  tools.querySelector("[data-route-clear]").addEventListener("click", function () {
    points = [];
    save("Slingan är rensad.");
  });
  save(points.length ? "Slingan har " + points.length + " punkter." : "");
})();

// The walk's page: the route drawn read-only; the text above it says the same.
(function () {
  "use strict";
  var el = document.querySelector("[data-walk-route-view]");
  var data = document.getElementById("route-data");
  if (!el || !data || !window.TryggMap) return;
  el.hidden = false;
  var route = JSON.parse(data.textContent);
  var map = TryggMap.create(el, {});
  var line = L.geoJSON(route, { interactive: false, style: { color: "#1d3c5a", weight: 4 } }).addTo(map);
  map.fitBounds(line.getBounds(), { padding: [20, 20] });
})();
