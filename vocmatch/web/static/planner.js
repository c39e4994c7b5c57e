// vocmatch planner tables: click a header to sort, type or pick to filter. No library.
(function () {
  "use strict";
  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    var raw = cell ? (cell.getAttribute("data-value") || cell.textContent.trim()) : "";
    if (kind === "num") {
      var n = parseFloat(raw);
      return isNaN(n) ? -Infinity : n;
    }
    return raw;
  }
  function sortBy(table, th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var kind = th.getAttribute("data-sort");
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
      var c = kind === "num" ? x - y : String(x).localeCompare(String(y), "zh-CN");
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function applyFilters(table, form) {
    var q = (form.querySelector("[name=q]") || {}).value || "";
    var band = (form.querySelector("[name=band]") || {}).value || "";
    var chain = (form.querySelector("[name=chain]") || {}).value || "";
    var offered = form.querySelector("[name=offered]");
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
      var ok = (!q || r.textContent.indexOf(q) >= 0) &&
        (!band || r.getAttribute("data-band") === band) &&
        (!chain || (" " + r.getAttribute("data-chains") + " ").indexOf(" " + chain + " ") >= 0) &&
        (!offered || !offered.checked || r.getAttribute("data-offered") === "1");
      r.hidden = !ok;
      if (ok) shown += 1;
    });
    var count = document.querySelector("[data-count-for='" + table.id + "']");
    if (count) count.textContent = String(shown);
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
      Array.prototype.forEach.call(table.querySelectorAll("th[data-sort]"), function (th) {
        th.tabIndex = 0;
        th.addEventListener("click", function () { sortBy(table, th); });
        th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(table, th); });
      });
      var form = document.querySelector("form[data-filter-for='" + table.id + "']");
      if (form) {
        form.addEventListener("input", function () { applyFilters(table, form); });
        form.addEventListener("change", function () { applyFilters(table, form); });
        form.addEventListener("submit", function (e) { e.preventDefault(); applyFilters(table, form); });
        applyFilters(table, form);
      }
    });
  });
})();
