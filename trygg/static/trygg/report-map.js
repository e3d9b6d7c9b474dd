// The report map (the map component in map.js with the municipality's basemap): hexagon
// counts when zoomed out and single reports when zoomed in.
(function () {
  "use strict";
  var el = document.getElementById("report-map");
  if (!el || !window.TryggMap) return;
  var boundary = JSON.parse(document.getElementById("boundary-data").textContent || "null");
  // The stylesheet's colour tokens (trygg/core/colours.py), so the map matches the page.
  var css = getComputedStyle(document.documentElement);
  function token(name) { return css.getPropertyValue("--" + name).trim(); }
  var brandDark = token("brand-dark"), report = token("map-report");
  var map = TryggMap.create(el, { boundary: boundary });
  var layer = L.geoJSON(null, {
    style: function (f) {
      var n = f.properties.count || 1;
      var o = Math.min(0.85, 0.2 + Math.log(n + 1) / 5);
      return { color: brandDark, weight: 1, fillColor: report, fillOpacity: o };
    },
    pointToLayer: function (f, latlng) {
      if (f.properties.area_count) {
        // The district's count of reports placed only in it: a label, not a report's place.
        return L.marker(latlng, {
          keyboard: false,
          icon: L.divIcon({ className: "area-count", html: "<span>" + f.properties.area_count + "</span>", iconSize: null })
        });
      }
      return L.circleMarker(latlng, { radius: 7, color: brandDark, weight: 2, fillColor: report, fillOpacity: 0.8 });
    },
    onEachFeature: function (f, l) {
      if (f.properties.area_count) {
        var n = f.properties.area_count;
        l.bindTooltip(n + (n === 1 ? " rapport" : " rapporter") + " placerade i " + f.properties.area + " utan exakt punkt");
      } else if (f.properties.count) {
        l.bindTooltip(f.properties.count + " rapporter");
      } else {
        l.bindPopup('<a href="' + f.properties.url + '">Rapport ' + f.properties.id + "</a><br>" + f.properties.category);
      }
    }
  }).addTo(map);
  var status = document.getElementById("map-status");
  var seq = 0;
  function load() {
    var b = map.getBounds();
    var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(",");
    var url = el.dataset.src + "?bbox=" + bbox + "&zoom=" + map.getZoom() + (el.dataset.query ? "&" + el.dataset.query : "");
    var mine = ++seq;
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      if (mine !== seq) return;
      layer.clearLayers();
      layer.addData(data);
      var shown = data.features.reduce(function (s, f) {
        return s + (f.properties.area_count ? 0 : (f.properties.count || 1));
      }, 0);
      var elsewhere = data.without_point - (data.in_areas || 0);
      status.textContent = shown + (shown === 1 ? " rapport" : " rapporter") + " med exakt plats i kartbilden" +
        (data.in_areas ? "; " + data.in_areas + " placerade i en stadsdel visas som stadsdelens antal" : "") +
        (elsewhere > 0 ? "; " + elsewhere + " utan exakt plats visas bara i listan." : ".");
    });
  }
  map.on("moveend", load);
  load();
})();
