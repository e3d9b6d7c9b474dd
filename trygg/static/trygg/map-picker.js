// A place picker on the map component (map.js) for any form with lat/lon fields: a click sets
// them and shows a marker. Optional everywhere: the place field and the coordinates (or the
// phone's position) always work without it.
(function () {
  "use strict";
  var mapEl = document.querySelector("[data-map-picker]");
  if (!mapEl || !window.TryggMap) return;
  var form = mapEl.closest("form");
  var lat = form.querySelector("input[name=lat]"), lon = form.querySelector("input[name=lon]");
  mapEl.hidden = false;
  var holder = document.getElementById("boundary-data");
  var boundary = holder ? JSON.parse(holder.textContent || "null") : null;
  var map = TryggMap.create(mapEl, { boundary: boundary });
  var marker = null;
  var status = document.getElementById("pick-status");
  function place(latlng) {
    if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng, { alt: "Vald plats" }).addTo(map);
  }
  if (lat.value && lon.value) place([parseFloat(lat.value), parseFloat(lon.value)]);
  map.on("click", function (e) {
    lat.value = e.latlng.lat.toFixed(6);
    lon.value = e.latlng.lng.toFixed(6);
    place(e.latlng);
    if (status) status.textContent = "Plats vald på kartan.";
  });
})();
