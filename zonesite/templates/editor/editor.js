// The zone editor's little script: list items added, removed and reordered; the form checked by
// the engine as staff type, each problem shown (and announced) at its field; derived figures kept
// up to date. Without it the form still works: saving checks it on the server.
(function () {
  "use strict";
  var form = document.getElementById("zone-form");
  if (!form) return;

  function renumber(list) {
    var id = list.getAttribute("data-list");
    var prefix = new RegExp("^" + id.replace(/[.[\]]/g, "\\$&") + "\\[\\d+\\]");
    Array.prototype.forEach.call(list.children, function (li, index) {
      li.querySelectorAll("[name]").forEach(function (el) {
        el.name = el.name.replace(prefix, id + "[" + index + "]");
      });
      li.querySelectorAll("[data-field]").forEach(function (el) {
        el.setAttribute("data-field", el.getAttribute("data-field").replace(prefix, id + "[" + index + "]"));
      });
      li.querySelectorAll("[id]").forEach(function (el) {
        var fresh = el.id.replace(/^f-([a-z_-]*?)-\d+-/, "f-$1-" + index + "-");
        if (fresh !== el.id) {
          form.querySelectorAll('[for="' + el.id + '"]').forEach(function (l) { l.htmlFor = fresh; });
          el.id = fresh;
        }
      });
    });
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-add")) {
      var id = button.getAttribute("data-add");
      var list = form.querySelector('ol[data-list="' + id + '"]');
      var blank = form.querySelector('template[data-blank="' + id + '"]');
      list.appendChild(blank.content.cloneNode(true));
      renumber(list);
      var first = list.lastElementChild.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
      schedule();
    } else if (button.hasAttribute("data-remove")) {
      var item = button.closest("li.item"), from = item.parentNode;
      item.remove();
      renumber(from);
      schedule();
    } else if (button.hasAttribute("data-move")) {
      var li = button.closest("li.item"), ol = li.parentNode;
      if (button.getAttribute("data-move") === "-1" && li.previousElementSibling) ol.insertBefore(li, li.previousElementSibling);
      else if (button.getAttribute("data-move") === "1" && li.nextElementSibling) ol.insertBefore(li.nextElementSibling, li);
      renumber(ol);
      button.focus();
      schedule();
    }
  });

  // Problems at their fields: an exact match, or the nearest box or item that holds the field.
  function holder(field) {
    var path = field;
    while (path) {
      var el = form.querySelector('[data-field="' + path.replace(/"/g, '\\"') + '"]');
      if (el) return el;
      var cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
      path = cut > 0 ? path.slice(0, cut) : "";
    }
    return null;
  }

  function show(problems) {
    form.querySelectorAll(".error").forEach(function (p) { p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var summary = document.getElementById("summary");
    var errors = problems.filter(function (p) { return p.severity === "error"; });
    errors.forEach(function (p) {
      var box = holder(p.field) || form;
      var slot = box.querySelector(".error");
      if (slot) slot.textContent = (slot.textContent ? slot.textContent + " " : "") + p.message + (p.hint ? " (" + p.hint + ")" : "");
      var control = box.querySelector("input:not([type=hidden]), select, textarea");
      if (control && box.classList.contains("control")) control.setAttribute("aria-invalid", "true");
    });
    var state = document.getElementById("check-state");
    if (state) state.textContent = errors.length ? form.getAttribute("data-problems").replace("{n}", errors.length) : form.getAttribute("data-ok");
    if (summary && !errors.length) summary.hidden = true;
  }

  function derived(values) {
    Object.keys(values || {}).forEach(function (name) {
      var out = form.querySelector('output[data-derived="' + name + '"]');
      if (out) out.textContent = values[name] === null ? "—" : String(values[name]);
    });
  }

  var timer = null, running = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  }
  function check() {
    if (running) running.abort();
    running = new AbortController();
    // URL-encoded, as the form itself posts: a zone has more fields than a multipart body may have parts.
    fetch(form.getAttribute("data-check"), { method: "POST", body: new URLSearchParams(new FormData(form)), signal: running.signal })
      .then(function (r) { return r.json(); })
      .then(function (data) { show(data.problems); derived(data.derived); form.setAttribute("data-checked", data.serial); })
      .catch(function () {});
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-goto]");
    if (!link) return;
    event.preventDefault();
    var box = holder(link.getAttribute("data-goto"));
    var control = box && box.querySelector("input:not([type=hidden]), select, textarea");
    if (control) control.focus();
  });

  var initial = document.getElementById("initial-problems");
  if (initial) show(JSON.parse(initial.textContent));
})();
