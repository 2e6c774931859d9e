/* Site search with Pagefind's interface. Result addresses are made relative to wherever the site
   is served from, so search works at the domain root and under a sub-path alike. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || !window.PagefindUI) return;
  var root = new URL(box.getAttribute("data-site-root"), location.href).pathname;
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: new URL(box.getAttribute("data-bundle"), location.href).pathname,
    baseUrl: root,
    showImages: false,
    resetStyles: false,
    autofocus: true
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
