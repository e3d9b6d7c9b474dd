// The public survey form's enhancements; without them the form is whole. (1) A conditional
// question is hidden until its condition question gets one of its values (without
// JavaScript it is shown with "Svara bara om …" and the server ignores it). (2) Each map
// question gets a map (map.js): a click fills its hidden lat/lon and clears the area and
// place fields, which remain the way to answer without the map.
(function () {
  "use strict";
  var form = document.getElementById("survey-form");
  if (!form) return;

  function given(name) {
    var values = [];
    form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") ? input.checked : input.value) {
        values.push(input.value);
      }
    });
    return values;
  }
  var conditional = form.querySelectorAll("[data-condition-name]");
  function update() {
    conditional.forEach(function (fieldset) {
      var wanted = fieldset.dataset.conditionValues.split("|");
      var shown = given(fieldset.dataset.conditionName).some(function (v) {
        return wanted.indexOf(v) !== -1;
      });
      fieldset.hidden = !shown;
    });
  }
  if (conditional.length) {
    form.addEventListener("change", update);
    update();
  }

  if (!window.TryggMap) return;
  var holder = document.getElementById("boundary-data");
  var boundary = holder ? JSON.parse(holder.textContent || "null") : null;
  form.querySelectorAll("[data-survey-map]").forEach(function (el) {
    var name = el.dataset.surveyMap;
    var lat = form.querySelector("input[name='" + name + "-lat']");
    var lon = form.querySelector("input[name='" + name + "-lon']");
    var area = form.querySelector("[name='" + name + "-area']");
    var place = form.querySelector("[name='" + name + "-place']");
    var status = document.getElementById(name + "-status");
    el.hidden = false;
    if (status) status.hidden = false;
    var map = TryggMap.create(el, { boundary: boundary });
    var marker = null;
    function mark(latlng) {
      if (marker) marker.setLatLng(latlng);
      else marker = L.marker(latlng, { alt: "Markerad plats" }).addTo(map);
    }
    if (lat.value && lon.value) mark([parseFloat(lat.value), parseFloat(lon.value)]);
    map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      mark(e.latlng);
      area.value = "";
      place.value = "";
      if (status) status.textContent = "Plats markerad på kartan.";
    });
    function typed() {
      // An area or place chosen after a click replaces the point.
      if (!area.value && !place.value) return;
      lat.value = "";
      lon.value = "";
      if (marker) { map.removeLayer(marker); marker = null; }
      if (status) status.textContent = "";
    }
    area.addEventListener("change", typed);
    place.addEventListener("change", typed);
  });
})();
