// The one map component: every map (the report map, the form pickers, the report and area
// pages) is Leaflet with the municipality's basemap, read from the page's "basemap-config":
//   online  – raster tiles from a configured XYZ/WMTS service (its origin is in the CSP);
//   offline – Trygg's own PMTiles vector basemap, read in HTTP ranges by pmtiles.js and drawn
//             on a canvas by protomaps-leaflet (no WebGL, so it works on any phone and headless);
//   ingen   – nothing: the municipality's outline is the background.
// Every map also has a non-map way to do the same task on its page (a list, a place field).
(function () {
  "use strict";
  var holder = document.getElementById("basemap-config");
  var config = holder ? JSON.parse(holder.textContent) : { source: "ingen" };
  var css = getComputedStyle(document.documentElement);
  function token(name, fallback) { return css.getPropertyValue("--" + name).trim() || fallback; }
  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text || "";
    return div.innerHTML;
  }

  // Layers of an OpenStreetMap build (landuse, water, buildings, roads, places) and of the
  // demo's build from SCB/Lantmäteriet layers (kommuner, rutor, tatorter, kommundelar, regso,
  // deso, orter, vardcentraler); a layer missing from the archive is simply not drawn.
  function paintRules(P) {
    var line = token("brand-dark", "#1d3c5a");
    return [
      { dataLayer: "kommuner", symbolizer: new P.PolygonSymbolizer({ fill: "#f3f0e8", stroke: "#9c9482", width: 1.2 }) },
      { dataLayer: "landuse", symbolizer: new P.PolygonSymbolizer({ fill: "#e2ecd9" }) },
      { dataLayer: "rutor", symbolizer: new P.PolygonSymbolizer({
        fill: "#c9b99a",
        opacity: function (z, f) { return Math.min(0.55, 0.08 + Math.log(1 + (f.props.befolkning || 0)) / 16); }
      }) },
      { dataLayer: "water", symbolizer: new P.PolygonSymbolizer({ fill: token("map-water", "#b7d3e9") }) },
      { dataLayer: "water", symbolizer: new P.LineSymbolizer({ color: "#8fb8d8", width: 2 }) },
      { dataLayer: "tatorter", symbolizer: new P.PolygonSymbolizer({ fill: token("map-locality", "#e5dccb"), stroke: "#a49a86", width: 1 }) },
      { dataLayer: "buildings", symbolizer: new P.PolygonSymbolizer({ fill: "#d5cdc0", stroke: "#b8ae9e", width: 0.5 }) },
      { dataLayer: "kommundelar", symbolizer: new P.LineSymbolizer({ color: "#8a8170", width: 1.5, dash: [6, 4] }) },
      { dataLayer: "regso", symbolizer: new P.LineSymbolizer({ color: line, width: 1, opacity: 0.5 }) },
      { dataLayer: "deso", minzoom: 11, symbolizer: new P.LineSymbolizer({ color: line, width: 0.6, opacity: 0.35, dash: [2, 3] }) },
      { dataLayer: "roads", symbolizer: new P.LineSymbolizer({ color: "#b3a998", width: 4 }) },
      { dataLayer: "roads", symbolizer: new P.LineSymbolizer({ color: "#ffffff", width: 2.5 }) }
    ];
  }
  function labelRules(P) {
    var text = { fill: "#2b2b2b", stroke: "#ffffff", width: 2.5, labelProps: ["name"] };
    return [
      { dataLayer: "orter", symbolizer: new P.CenteredTextSymbolizer(Object.assign({ font: "600 13px sans-serif" }, text)) },
      { dataLayer: "places", symbolizer: new P.CenteredTextSymbolizer(Object.assign({ font: "600 13px sans-serif" }, text)) },
      { dataLayer: "vardcentraler", minzoom: 11, symbolizer: new P.CircleSymbolizer({ radius: 4, fill: "#2f7d4f", stroke: "#ffffff", width: 1.5 }) },
      { dataLayer: "roads", minzoom: 13, symbolizer: new P.LineLabelSymbolizer(Object.assign({ font: "12px sans-serif" }, text)) }
    ];
  }

  function addPmtiles(map, el) {
    var archive = new pmtiles.PMTiles(new URL(config.pmtiles, window.location.href).href);
    var layer = protomapsL.leafletLayer({
      url: archive,
      maxDataZoom: config.max_zoom || 14,
      paintRules: paintRules(protomapsL),
      labelRules: labelRules(protomapsL),
      backgroundColor: "#f7f5f0",
      attribution: escapeText(config.attribution)
    });
    var drawn = 0;
    // The count lets a test (and a curious developer) see that tiles were really drawn.
    layer.on("tileload", function () { el.dataset.basemapTiles = String(++drawn); });
    layer.addTo(map);
    el.dataset.basemap = "offline";
  }

  function addBasemap(map, el) {
    // Without a network (a field phone opening the form from the service worker's cache) an
    // online basemap cannot load, and the offline one only if the worker kept it: otherwise
    // the outline alone, rather than a map of failed tiles.
    if (navigator.onLine === false) {
      el.dataset.basemap = "ingen";
      if (config.source === "offline" && window.caches && config.pmtiles && window.protomapsL && window.pmtiles) {
        var path = new URL(config.pmtiles, window.location.href).pathname;
        caches.open("trygg-basemap").then(function (cache) { return cache.match(path); })
          .then(function (hit) { if (hit) addPmtiles(map, el); })
          .catch(function () {});
      }
      return;
    }
    if (config.source === "online" && config.tiles) {
      L.tileLayer(config.tiles, { maxZoom: 19, attribution: escapeText(config.attribution) }).addTo(map);
      el.dataset.basemap = "online";
    } else if (config.source === "offline" && window.protomapsL && window.pmtiles) {
      addPmtiles(map, el);
    } else {
      el.dataset.basemap = "ingen";
    }
  }

  // options.boundary: a GeoJSON outline to draw and fit; options.center: [lat, lon] and
  // options.zoom when a single place should be in the middle instead.
  function create(el, options) {
    options = options || {};
    var map = L.map(el, { preferCanvas: true, maxZoom: 19 });
    addBasemap(map, el);
    var outline = options.boundary ? L.geoJSON(options.boundary, {
      interactive: false, style: { color: token("brand", "#2a5d8f"), weight: 2, fill: false }
    }).addTo(map) : null;
    if (options.center) map.setView(options.center, options.zoom || 15);
    else if (outline) map.fitBounds(outline.getBounds());
    else map.setView([59.514, 15.993], 12);
    return map;
  }

  window.TryggMap = { create: create, source: config.source };
})();
