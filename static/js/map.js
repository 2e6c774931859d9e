/* Maps of zones with Leaflet (served from this site). Each element with class "map" reads its
   markers from the JSON in the element named by data-points (default: #map-points). Markers at the
   same or nearby points are clustered (Leaflet.markercluster) and spread apart when zoomed in, so
   each one can be chosen. Without network only the background tiles are missing, and the map says
   so; markers, popups, links and the province outline still work. */
(function () {
  "use strict";
  if (!window.L) return;
  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function note(el, text) {
    if (!text || el.parentNode.querySelector(".map-note")) return;
    var p = document.createElement("p");
    p.className = "map-note";
    p.setAttribute("role", "status");
    p.textContent = text;
    el.parentNode.insertBefore(p, el.nextSibling);
  }
  function tiles(el, map) {
    var credit = esc(el.getAttribute("data-attribution"));
    var creditUrl = el.getAttribute("data-attribution-url");
    if (creditUrl) credit = '<a href="' + esc(creditUrl) + '" rel="noopener">' + credit + "</a>";
    var layer = L.tileLayer(el.getAttribute("data-tiles"), {
      maxZoom: parseInt(el.getAttribute("data-max-zoom"), 10) || 19,
      attribution: credit
    });
    var loaded = false;
    layer.on("tileload", function () { loaded = true; });
    layer.on("tileerror", function () { if (!loaded) note(el, el.getAttribute("data-no-tiles")); });
    layer.addTo(map);
  }
  function marker(el, p) {
    var unknown = !p.known;
    var m = L.circleMarker([p.lat, p.lng], {
      radius: 9, color: p.approximate || unknown ? "#1c2731" : "#ffffff", weight: 2,
      dashArray: p.approximate ? "3 3" : null, fillColor: p.color, fillOpacity: unknown ? 1 : 0.9,
      className: "zone-marker zone-" + p.slug
    });
    var html = '<strong><a href="' + esc(p.url) + '">' + esc(p.name) + "</a></strong><br>" + esc(p.status) +
      "<br>" + esc(el.getAttribute("data-free")) + ": " + esc(p.free);
    if (p.approximate) html += "<br><em>" + esc(el.getAttribute("data-approximate")) + "</em>";
    if (el.getAttribute("data-open")) html += '<br><a href="' + esc(p.url) + '">' + esc(el.getAttribute("data-open")) + " →</a>";
    m.bindPopup(html);
    m.bindTooltip(esc(p.name));
    return m;
  }
  function outline(el, map) {
    var url = el.getAttribute("data-outline");
    if (!url || !window.fetch) return;
    fetch(url).then(function (r) { return r.json(); }).then(function (shape) {
      L.geoJSON(shape, { style: { color: "#0b4f6c", weight: 2, fill: false }, interactive: false }).addTo(map);
    }).catch(function () {});
  }
  Array.prototype.forEach.call(document.querySelectorAll(".map"), function (el) {
    var source = document.getElementById(el.getAttribute("data-points") || "map-points");
    var points = source ? JSON.parse(source.textContent) : [];
    if (!points.length) { el.hidden = true; return; }
    var map = L.map(el, { scrollWheelZoom: false });
    tiles(el, map);
    outline(el, map);
    var group = L.markerClusterGroup && points.length > 1
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true })
      : L.featureGroup();
    var bounds = [];
    points.forEach(function (p) {
      group.addLayer(marker(el, p));
      bounds.push([p.lat, p.lng]);
    });
    group.addTo(map);
    if (bounds.length === 1) map.setView(bounds[0], 12);
    else map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 });
    el.classList.add("map-ready");
  });
})();
