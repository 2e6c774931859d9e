/* Listing filters, sorting and name search. Without this script the list reads page by page; with
   it, the first page's rows and the rest (sent as compact data in #zone-rest) are filtered, sorted
   and searched together, and a row of the data is laid out only when it is first shown. The filter
   state lives in the address, so a link reproduces it. A change touches only rows whose visibility
   changes, and rows are moved only when the sort order changes, so thousands of zones stay responsive. */
(function () {
  "use strict";
  var form = document.getElementById("zone-filters");
  var table = document.getElementById("zone-list");
  if (!form || !table) return;
  var tbody = table.tBodies[0];
  var count = document.getElementById("zone-count");
  var none = document.getElementById("no-results");
  var lang = document.documentElement.lang;
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;

  // Same folding as the build: no diacritics, đ → d, lower case.
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  // A name as " word word ", so a typed word matches the start of a word: "trang e" finds Trảng É,
  // not every name with an "e" somewhere in it.
  function words(text) { return " " + text.replace(/[^a-z0-9]+/g, " ").trim() + " "; }
  function number(value) { return value === "" || value === null ? null : parseFloat(value); }

  function item(d, index, row, cells) {
    return {
      row: row, cells: cells, index: index, name: words(d.name || ""), district: d.district || "",
      commune: d.commune || "", former: " " + (d.former || "") + " ",
      province: d.province || "", type: d.type || "", status: d.status || "",
      industries: " " + (d.industries || "") + " ", ready: " " + (d.ready || "") + " ", free: number(d.free),
      occupancy: number(d.occupancy), price: number(d.price), seaport: number(d.seaport),
      airport: number(d.airport), shown: !!row
    };
  }
  var items = Array.prototype.map.call(tbody.rows, function (row, index) { return item(row.dataset, index, row); });

  // The zones past the first page: their figures as data, their rows built from #zone-row when shown.
  var restData = document.getElementById("zone-rest");
  var blank = document.getElementById("zone-row");
  var missing = restData ? restData.getAttribute("data-missing") : "";
  if (restData && blank) {
    var rest = JSON.parse(restData.textContent);
    rest.rows.forEach(function (entry) {
      var d = {};
      rest.fields.forEach(function (name, i) { d[name] = entry[0][i]; });
      items.push(item(d, items.length, null, { data: d, text: entry[1] }));
    });
    var pager = document.getElementById("listing-pages");
    if (pager) pager.hidden = true;  // every zone is on this page now (the style hid it already)
  }
  function fill(slot, value, row) {
    var el = row.querySelector('[data-slot="' + slot + '"]');
    if (!el) return;
    if (value === null || value === undefined) {
      el.innerHTML = "";
      var np = document.createElement("span");
      np.className = "np";
      np.textContent = missing;
      el.appendChild(np);
    } else {
      el.textContent = value;
    }
  }
  function build(it) {
    var row = blank.content.firstElementChild.cloneNode(true);
    var d = it.cells.data, c = it.cells.text;
    Object.keys(d).forEach(function (name) { row.setAttribute("data-" + name, d[name]); });
    var link = row.querySelector('[data-slot="link"]');
    link.href = c.link;
    link.textContent = c.name;
    var pick = row.querySelector('[data-slot="pick"]');
    pick.value = d.slug;
    row.querySelector('[data-slot="pick-name"]').textContent = c.name;
    fill("type", c.type, row);
    var badge = document.createElement("span");
    badge.className = "badge status-" + c.status[0];
    badge.textContent = c.status[1];
    row.querySelector('[data-slot="status"]').appendChild(badge);
    ["commune", "district", "area", "free", "occupancy", "price"].forEach(function (slot) { fill(slot, c[slot], row); });
    var former = row.querySelector('[data-slot="former"]');
    if (former) former.textContent = c.former || "";
    row.hidden = true;
    return row;
  }

  function field(name) { return form.elements.namedItem(name); }
  var keys = ["q", "commune", "former", "district", "province", "type", "status", "industry", "free", "price", "sort"];

  function read() {
    var state = {};
    keys.forEach(function (key) {
      var input = field(key);
      if (input && input.value && !(key === "sort" && input.value === "name")) state[key] = input.value;
    });
    var ready = Array.prototype.filter.call(form.querySelectorAll('input[name="ready"]'), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
    if (ready.length) state.ready = ready;
    return state;
  }

  function matcher(s) {
    var typed = s.q ? fold(s.q).split(/[^a-z0-9]+/).filter(Boolean) : [];
    var free = s.free ? parseFloat(s.free) : null;
    var price = s.price ? parseFloat(s.price) : null;
    var industry = s.industry ? " " + s.industry + " " : null;
    var ready = (s.ready || []).map(function (key) { return " " + key + " "; });
    return function (it) {
      for (var i = 0; i < typed.length; i++) if (it.name.indexOf(" " + typed[i]) < 0) return false;
      if (s.commune && it.commune !== s.commune) return false;
      if (s.former && it.former.indexOf(" " + s.former + " ") < 0) return false;
      if (s.district && it.district !== s.district) return false;
      if (s.province && it.province !== s.province) return false;
      if (s.type && it.type !== s.type) return false;
      if (s.status && it.status !== s.status) return false;
      if (industry && it.industries.indexOf(industry) < 0) return false;
      if (free !== null && (it.free === null || it.free < free)) return false;
      if (price !== null && (it.price === null || it.price > price)) return false;
      for (var k = 0; k < ready.length; k++) if (it.ready.indexOf(ready[k]) < 0) return false;
      return true;
    };
  }

  var orders = {
    free: ["free", -1], occupancy_asc: ["occupancy", 1], occupancy_desc: ["occupancy", -1],
    price: ["price", 1], seaport: ["seaport", 1], airport: ["airport", 1]
  };
  var currentOrder = "name";
  var ordered = items.slice();
  // At most this many rows are laid out at a time: a table re-lays out every visible row when
  // rows move, and a thousand of them take a third of a second.
  var PAGE = 100;
  var limit = PAGE;
  var more = document.getElementById("show-more");

  function reorder(name) {
    if (name === currentOrder) return;
    currentOrder = name;
    var order = orders[name];
    ordered = items.slice().sort(function (a, b) {
      if (!order) return a.index - b.index;
      var x = a[order[0]], y = b[order[0]];
      if (x === null || y === null) return x === y ? a.index - b.index : (x === null ? 1 : -1);  // not published: last
      return (x - y) * order[1] || a.index - b.index;
    });
  }

  var current = items.filter(function (it) { return it.row; });  // visible rows, in the order they stand

  function show(list) {
    var same = list.length === current.length && list.every(function (it, i) { return it === current[i]; });
    if (same) return;
    current.forEach(function (it) { it.keep = false; });
    list.forEach(function (it) { it.keep = true; });
    current.forEach(function (it) { if (!it.keep) { it.row.hidden = true; it.shown = false; } });
    var built = false;
    list.forEach(function (it) { if (!it.row) { it.row = build(it); built = true; } });
    // Only visible rows are moved; hidden rows may stand anywhere.
    var fragment = document.createDocumentFragment();
    list.forEach(function (it) { fragment.appendChild(it.row); });
    tbody.appendChild(fragment);
    list.forEach(function (it) { if (!it.shown) { it.row.hidden = false; it.shown = true; } });
    current = list;
    if (built) document.dispatchEvent(new CustomEvent("zonesite:rows"));
  }

  function save(s) {
    var params = new URLSearchParams();
    Object.keys(s).forEach(function (key) {
      params.set(key, Array.isArray(s[key]) ? s[key].join(",") : s[key]);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    // The other language's listing opens with the same filters.
    Array.prototype.forEach.call(document.querySelectorAll(".languages a[hreflang]"), function (a) {
      a.href = a.getAttribute("href").split("?")[0] + (query ? "?" + query : "");
    });
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

  function apply(keepLimit) {
    var s = read();
    var match = matcher(s);
    if (keepLimit !== true) limit = PAGE;
    reorder(s.sort || "name");
    var matched = ordered.filter(match);
    var shown = matched.length;
    show(matched.slice(0, limit));
    if (more) {
      var rest = shown - Math.min(shown, limit);
      more.hidden = rest <= 0;
      more.textContent = more.getAttribute("data-label").replace("{count}", Math.min(rest, PAGE).toLocaleString(lang));
    }
    var form_ = plural ? plural.select(shown) : (shown === 1 ? "one" : "other");
    var template = count.getAttribute(form_ === "one" ? "data-one" : "data-other");
    count.textContent = template.replace("{count}", shown.toLocaleString(lang));
    none.hidden = shown > 0;
    save(s);
  }

  if (more) more.addEventListener("click", function () { limit += PAGE; apply(true); });
  var timer = null;
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 80); });
  form.addEventListener("change", function () { apply(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  load();
  // On a phone the filters fold away (unless the address sets some), so the zones come first. The
  // style has shown them so from the first paint; marking them settled hands the folding to <details>.
  var folded = document.getElementById("more-filters");
  var narrow = window.matchMedia && matchMedia("(max-width: 40rem)").matches;
  // Whether the address sets a filter, as js/site.js judged it for the style's first paint.
  var active = document.documentElement.classList.contains("js-filtered");
  if (folded && narrow && !active) folded.open = false;
  if (folded) folded.classList.add("settled");
  apply();
  table.classList.add("settled");  // rows the address filters were kept unseen until now
  if (window.performance && performance.mark) performance.mark("listing-ready");
})();
