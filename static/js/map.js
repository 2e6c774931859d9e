/* Maps of zones with Leaflet (served from this site). Each element with class "map" reads its
   markers from the JSON in the element named by data-points (default: #map-points). Without
   network only the background tiles are missing; markers, popups and links still work. */
(function () {
  "use strict";
  if (!window.L) return;
  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  Array.prototype.forEach.call(document.querySelectorAll(".map"), function (el) {
    var source = document.getElementById(el.getAttribute("data-points") || "map-points");
    var points = source ? JSON.parse(source.textContent) : [];
    if (!points.length) { el.hidden = true; return; }
    var map = L.map(el, { scrollWheelZoom: false });
    var credit = esc(el.getAttribute("data-attribution"));
    var creditUrl = el.getAttribute("data-attribution-url");
    if (creditUrl) credit = '<a href="' + esc(creditUrl) + '" rel="noopener">' + credit + "</a>";
    L.tileLayer(el.getAttribute("data-tiles"), {
      maxZoom: parseInt(el.getAttribute("data-max-zoom"), 10) || 19,
      attribution: credit
    }).addTo(map);
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.circleMarker([p.lat, p.lng], {
        radius: 9, color: p.approximate ? "#1c2731" : "#ffffff", weight: 2,
        dashArray: p.approximate ? "3 3" : null, fillColor: p.color, fillOpacity: 0.9,
        className: "zone-marker zone-" + p.slug
      }).addTo(map);
      var html = '<strong><a href="' + esc(p.url) + '">' + esc(p.name) + "</a></strong><br>" + esc(p.status) +
        "<br>" + esc(el.getAttribute("data-free")) + ": " + esc(p.free);
      if (p.approximate) html += "<br><em>" + esc(el.getAttribute("data-approximate")) + "</em>";
      if (el.getAttribute("data-open")) html += '<br><a href="' + esc(p.url) + '">' + esc(el.getAttribute("data-open")) + " →</a>";
      marker.bindPopup(html);
      marker.bindTooltip(esc(p.name));
      bounds.push([p.lat, p.lng]);
    });
    if (bounds.length === 1) map.setView(bounds[0], 12);
    else map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 });
    el.classList.add("map-ready");
  });
})();
