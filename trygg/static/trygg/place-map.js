// One place on the map component (map.js): the report page (the report's point, or the area
// it was placed in, never an invented point) and the area page (the area's outline). The place
// is also written out on the page; with JavaScript the map replaces the page's static figure.
(function () {
  "use strict";
  var el = document.querySelector("[data-place-map]");
  if (!el || !window.TryggMap) return;
  var place = JSON.parse(document.getElementById(el.dataset.place).textContent);
  el.hidden = false;
  var replaced = el.dataset.replaces && document.getElementById(el.dataset.replaces);
  if (replaced) replaced.hidden = true;
  var css = getComputedStyle(document.documentElement);
  var dark = css.getPropertyValue("--brand-dark").trim(), report = css.getPropertyValue("--map-report").trim();
  if (place.point) {
    var map = TryggMap.create(el, { center: place.point, zoom: 15 });
    L.circleMarker(place.point, { radius: 9, color: dark, weight: 2, fillColor: report, fillOpacity: 0.9 }).addTo(map);
    el.dataset.shows = "punkt";
  } else {
    TryggMap.create(el, { boundary: place.area });
    el.dataset.shows = "omrade";
  }
})();
