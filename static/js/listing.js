/* Listing filters, sorting and name search. The table is complete without this script; the script
   only hides rows and reorders them. The filter state lives in the address, so a link reproduces it. */
(function () {
  "use strict";
  var form = document.getElementById("zone-filters");
  var table = document.getElementById("zone-list");
  if (!form || !table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var count = document.getElementById("zone-count");
  var none = document.getElementById("no-results");
  var lang = document.documentElement.lang;
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var original = rows.slice();

  // Same folding as the build: no diacritics, đ → d, lower case.
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  function num(row, key) {
    var value = row.getAttribute("data-" + key);
    return value === "" || value === null ? null : parseFloat(value);
  }
  function field(name) { return form.elements.namedItem(name); }

  var keys = ["q", "district", "province", "type", "status", "industry", "free", "price", "sort"];

  function read() {
    var state = {};
    keys.forEach(function (key) {
      var input = field(key);
      if (input && input.value) state[key] = input.value;
    });
    var ready = Array.prototype.filter.call(form.querySelectorAll('input[name="ready"]'), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
    if (ready.length) state.ready = ready;
    return state;
  }

  function matches(row, s) {
    if (s.q) {
      var words = fold(s.q).split(/\s+/);
      var name = row.getAttribute("data-name");
      for (var i = 0; i < words.length; i++) if (name.indexOf(words[i]) < 0) return false;
    }
    var exact = ["district", "province", "type", "status"];
    for (var j = 0; j < exact.length; j++) {
      if (s[exact[j]] && row.getAttribute("data-" + exact[j]) !== s[exact[j]]) return false;
    }
    if (s.industry && (" " + row.getAttribute("data-industries") + " ").indexOf(" " + s.industry + " ") < 0) return false;
    if (s.free) { var free = num(row, "free"); if (free === null || free < parseFloat(s.free)) return false; }
    if (s.price) { var price = num(row, "price"); if (price === null || price > parseFloat(s.price)) return false; }
    if (s.ready) {
      var ready = " " + row.getAttribute("data-ready") + " ";
      for (var k = 0; k < s.ready.length; k++) if (ready.indexOf(" " + s.ready[k] + " ") < 0) return false;
    }
    return true;
  }

  var orders = {
    free: ["free", -1], occupancy_asc: ["occupancy", 1], occupancy_desc: ["occupancy", -1],
    price: ["price", 1], seaport: ["seaport", 1], airport: ["airport", 1]
  };

  function sorted(s) {
    var order = orders[s.sort];
    if (!order) return original.slice();
    return original.slice().sort(function (a, b) {
      var x = num(a, order[0]), y = num(b, order[0]);
      if (x === null && y === null) return original.indexOf(a) - original.indexOf(b);
      if (x === null) return 1;  // not published: always last
      if (y === null) return -1;
      return (x - y) * order[1] || original.indexOf(a) - original.indexOf(b);
    });
  }

  function save(s) {
    var params = new URLSearchParams();
    Object.keys(s).forEach(function (key) {
      params.set(key, Array.isArray(s[key]) ? s[key].join(",") : s[key]);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function load() {
    var params = new URLSearchParams(location.search);
    keys.forEach(function (key) {
      var input = field(key);
      if (input && params.has(key)) input.value = params.get(key);
    });
    var ready = (params.get("ready") || "").split(",");
    Array.prototype.forEach.call(form.querySelectorAll('input[name="ready"]'), function (box) {
      box.checked = ready.indexOf(box.value) >= 0;
      if (box.checked) box.closest("details").open = true;
    });
  }

  function apply() {
    var s = read();
    var shown = 0;
    sorted(s).forEach(function (row) {
      var ok = matches(row, s);
      row.hidden = !ok;
      if (ok) shown++;
      tbody.appendChild(row);
    });
    var form_ = plural ? plural.select(shown) : (shown === 1 ? "one" : "other");
    var template = count.getAttribute(form_ === "one" ? "data-one" : "data-other");
    count.textContent = template.replace("{count}", shown.toLocaleString(lang));
    none.hidden = shown > 0;
    save(s);
  }

  var timer = null;
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 80); });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.hidden = false;
  load();
  apply();
})();
