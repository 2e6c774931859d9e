/* Choosing zones to compare, from the listing (check boxes) and from fact sheets (a button).
   The choice is kept in this browser's localStorage, per site, and turned into the address of the
   compare page: compare/?z=slug-a,slug-b. Nothing is sent anywhere. */
(function () {
  "use strict";
  var MAX = 4;
  var link = document.getElementById("compare-link");
  // One choice per site, shared by its languages: keyed by the site's root (two levels above compare/).
  var key = "zonesite-compare:" + (link ? new URL("../../", new URL(link.getAttribute("href"), location.href)).pathname : "");

  function load() {
    try { return JSON.parse(localStorage.getItem(key) || "[]").slice(0, MAX); } catch (e) { return []; }
  }
  function store(list) {
    try { localStorage.setItem(key, JSON.stringify(list)); } catch (e) { /* private mode: keep in page */ }
  }
  var chosen = load();
  var idle = link ? link.textContent : "";

  function update() {
    store(chosen);
    if (link) {
      var base = link.getAttribute("href").split("?")[0];
      link.href = base + (chosen.length ? "?z=" + chosen.join(",") : "");
      var ready = chosen.length >= 2;
      link.setAttribute("aria-disabled", ready ? "false" : "true");
      link.classList.toggle("disabled", !ready);
      var template = link.getAttribute(chosen.length === 1 ? "data-one" : "data-other");
      link.textContent = chosen.length ? template.replace("{count}", String(chosen.length)) : idle;
    }
    Array.prototype.forEach.call(document.querySelectorAll(".pick input"), function (box) {
      box.checked = chosen.indexOf(box.value) >= 0;
      box.disabled = !box.checked && chosen.length >= MAX;
    });
    var toggle = document.getElementById("compare-toggle");
    if (toggle) {
      var on = chosen.indexOf(toggle.getAttribute("data-slug")) >= 0;
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = toggle.getAttribute(on ? "data-added" : "data-add");
      toggle.disabled = !on && chosen.length >= MAX;
    }
  }

  function flip(slug, on) {
    var at = chosen.indexOf(slug);
    if (on && at < 0 && chosen.length < MAX) chosen.push(slug);
    if (!on && at >= 0) chosen.splice(at, 1);
    update();
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches(".pick input")) flip(event.target.value, event.target.checked);
  });
  // Rows the listing lays out later (zones sent as data) get their boxes ticked too. The boxes, the
  // compare bar and the fact sheet's buttons are shown by the style whenever scripts run.
  document.addEventListener("zonesite:rows", update);
  var toggle = document.getElementById("compare-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      flip(toggle.getAttribute("data-slug"), toggle.getAttribute("aria-pressed") !== "true");
    });
  }
  var printButton = document.getElementById("print-sheet");
  if (printButton) printButton.addEventListener("click", function () { window.print(); });
  if (link) {
    link.addEventListener("click", function (event) {
      if (chosen.length < 2) event.preventDefault();
    });
  }
  update();
})();
