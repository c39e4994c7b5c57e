// Behaviour every page shares, without inline handlers (the Content-Security-Policy forbids them):
// forms that confirm before they submit, selects that submit their form, print buttons, and
// pickers: an input with data-pick="programmes" or "occupations" fills its <datalist> from the
// catalogue API as the person types (a name or a code; the server resolves either).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  }, true);
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) { el.form.submit(); }
  });
  var timers = new WeakMap();
  function fillPicker(input) {
    var q = input.value.trim();
    var list = input.list;
    if (!list || !q) { return; }
    var url = "/api/v1/" + input.getAttribute("data-pick") + "?limit=15&q=" + encodeURIComponent(q);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (page) {
        if (input.value.trim() !== q) { return; }
        list.replaceChildren.apply(list, (page.items || []).map(function (item) {
          var option = document.createElement("option");
          option.value = item.name;
          option.label = item.code;
          return option;
        }));
      })
      .catch(function () { /* typing a code still works */ });
  }
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (!el.hasAttribute || !el.hasAttribute("data-pick")) { return; }
    clearTimeout(timers.get(el));
    timers.set(el, setTimeout(function () { fillPicker(el); }, 150));
  });
  document.addEventListener("click", function (event) {
    var el = event.target.closest && event.target.closest("[data-print]");
    if (el) { window.print(); }
  });
})();
