/* Loaded in every page's head, before the body is drawn, so the first paint already has the shape
   the page's scripts give it and nothing moves when they run:
   - <html class="js">: controls only a script can work (listing filters, compare check boxes,
     fact-sheet buttons) are laid out from the start; without scripts they are never shown;
   - "js-query": the address asks a script to change what the page shows (filters, a sort, zones
     to compare), so the part it changes waits hidden until the script has done it;
   - "js-filtered": the address sets a listing filter, so the filters stay unfolded on a phone.
   Once the page is read, the current menu item is scrolled into view on a narrow menu. */
(function () {
  "use strict";
  var html = document.documentElement;
  var params = new URLSearchParams(location.search);
  var keys = [];
  params.forEach(function (value, key) { if (value) keys.push(key); });
  html.classList.add("js");
  if (keys.length) html.classList.add("js-query");
  if (keys.some(function (key) { return key !== "q" && key !== "sort"; })) html.classList.add("js-filtered");

  document.addEventListener("DOMContentLoaded", function () {
    var current = document.querySelector(".main-nav [aria-current]");
    if (current && current.offsetLeft > innerWidth - 80) current.parentNode.parentNode.scrollLeft = current.offsetLeft - 16;
  });
})();
