/* The compare page: reads ?z=slug-a,slug-b from its address, fetches those zones' fact sheets from
   this site, and lays their marked figures ([data-key]) side by side. The figures are taken as
   text, exactly as each fact sheet shows them, so they are formatted once, at build time. */
(function () {
  "use strict";
  var root = document.getElementById("compare");
  if (!root) return;
  var table = document.getElementById("compare-table");
  var status = document.getElementById("compare-status");
  var empty = document.getElementById("compare-empty");
  var MAX = 4;
  var key = "zonesite-compare:" + new URL("../../", location.href).pathname;

  function remember(list) {
    try { localStorage.setItem(key, JSON.stringify(list)); } catch (e) { /* private mode */ }
  }

  function slugs() {
    var list = (new URLSearchParams(location.search).get("z") || "").split(",");
    return list.filter(function (s, i) { return /^[a-z0-9-]+$/.test(s) && list.indexOf(s) === i; }).slice(0, MAX);
  }

  function text(node) {
    var copy = node.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".cite, .visually-hidden"), function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function extract(doc) {
    var rows = [];
    Array.prototype.forEach.call(doc.querySelectorAll("[data-key]"), function (el) {
      var section = el.closest("section");
      var heading = section ? section.querySelector("h2") : null;
      var row = { key: el.getAttribute("data-key"), section: heading ? text(heading) : "" };
      if (el.matches(".fig")) {
        row.label = text(el.querySelector("dt"));
        row.value = text(el.querySelector("dd"));
        row.missing = !!el.querySelector("dd .np") && !el.querySelector("dd").textContent.replace(el.querySelector("dd .np").textContent, "").trim();
      } else if (el.matches("tr")) {
        row.label = text(el.querySelector("th"));
        // A cell reading "not published" (a port's name, say) does not hide the others (its distance).
        var known = Array.prototype.filter.call(el.querySelectorAll("td"), function (td) { return !td.querySelector(".np"); });
        row.value = known.map(text).filter(Boolean).join(" · ");
        row.missing = !row.value;
      } else {
        row.label = el.getAttribute("data-label");
        row.value = Array.prototype.map.call(el.querySelectorAll("li, h3"), text).join("; ");
        row.missing = !row.value;
      }
      rows.push(row);
    });
    return rows;
  }

  // Who to call or write to about the zone: the fact sheet's own buttons (the zone's contact, else
  // the province's), with its note when the contact is the province's or a sample.
  function reach(doc) {
    var box = doc.querySelector(".reach");
    if (!box) return null;
    return {
      links: Array.prototype.map.call(box.querySelectorAll('a[href^="tel:"], a[href^="mailto:"]'), function (a) {
        return { href: a.getAttribute("href"), text: text(a), tel: a.getAttribute("href").indexOf("tel:") === 0 };
      }),
      notes: Array.prototype.map.call(box.querySelectorAll(".muted, .sample-mark"), function (n) {
        return { text: text(n), className: n.className };
      })
    };
  }

  function reachCell(zone) {
    var box = cell("p", undefined, "reach compact");
    (zone.reach ? zone.reach.links : []).forEach(function (link) {
      var a = cell("a", link.text, link.tel ? "button small" : "button secondary small");
      a.href = link.href;
      box.appendChild(a);
      box.appendChild(document.createTextNode(" "));
    });
    (zone.reach ? zone.reach.notes : []).forEach(function (note) {
      box.appendChild(cell("span", note.text, note.className));
      box.appendChild(document.createTextNode(" "));
    });
    return box;
  }

  function load(slug) {
    return fetch("../clusters/" + slug + "/").then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      return { slug: slug, name: text(doc.querySelector("h1")), rows: extract(doc), reach: reach(doc) };
    });
  }

  function cell(tag, content, className) {
    var node = document.createElement(tag);
    if (content !== undefined) node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function draw(zones) {
    var head = table.tHead, body = table.tBodies[0];
    head.textContent = ""; body.textContent = "";
    var top = document.createElement("tr");
    top.appendChild(cell("td"));
    zones.forEach(function (zone) {
      var th = cell("th");
      th.scope = "col";
      var a = cell("a", zone.name);
      a.href = "../clusters/" + zone.slug + "/";
      th.appendChild(a);
      var remove = cell("button", "×", "remove");
      remove.type = "button";
      remove.setAttribute("aria-label", root.getAttribute("data-remove") + ": " + zone.name);
      remove.addEventListener("click", function () {
        var rest = slugs().filter(function (s) { return s !== zone.slug; });
        history.replaceState(null, "", location.pathname + (rest.length ? "?z=" + rest.join(",") : ""));
        remember(rest);
        start();
      });
      th.appendChild(remove);
      th.appendChild(reachCell(zone));
      top.appendChild(th);
    });
    head.appendChild(top);
    var order = [], seen = {};
    zones.forEach(function (zone) {
      zone.rows.forEach(function (row) { if (!seen[row.key]) { seen[row.key] = row; order.push(row); } });
    });
    var section = null;
    order.forEach(function (first) {
      if (first.section !== section) {
        section = first.section;
        var group = document.createElement("tr");
        var th = cell("th", section, "group");
        th.colSpan = zones.length + 1;
        th.scope = "colgroup";
        group.appendChild(th);
        body.appendChild(group);
      }
      var tr = document.createElement("tr");
      var label = cell("th", first.label);
      label.scope = "row";
      tr.appendChild(label);
      zones.forEach(function (zone) {
        var row = zone.rows.filter(function (r) { return r.key === first.key; })[0];
        var missing = !row || row.missing || !row.value;
        tr.appendChild(cell("td", missing ? root.getAttribute("data-missing") : row.value, missing ? "np" : ""));
      });
      body.appendChild(tr);
    });
    table.hidden = false;
  }

  function start() {
    var list = slugs();
    if (list.length) remember(list);
    table.hidden = true;
    empty.hidden = list.length > 0;
    if (!list.length) { status.textContent = ""; return; }
    status.textContent = root.getAttribute("data-loading");
    Promise.all(list.map(function (slug) {
      return load(slug).catch(function () { return { slug: slug, failed: true }; });
    })).then(function (zones) {
      var failed = zones.filter(function (z) { return z.failed; }).map(function (z) { return z.slug; });
      status.textContent = failed.length ? root.getAttribute("data-failed") + ": " + failed.join(", ") : "";
      var ok = zones.filter(function (z) { return !z.failed; });
      if (ok.length) draw(ok); else empty.hidden = false;
    });
  }

  start();
})();
