// Show only the fields the chosen type uses; refuse files over the limit before uploading them.
(function () {
  var type = document.getElementById('activity-type');
  function sync() {
    document.querySelectorAll('[data-for]').forEach(function (el) {
      el.hidden = el.getAttribute('data-for').split(' ').indexOf(type.value) < 0;
    });
    var any = Array.prototype.some.call(document.querySelectorAll('[data-for]'), function (el) { return !el.hidden; });
    document.querySelector('fieldset.specific').hidden = !any;
  }
  type.addEventListener('change', sync); sync();
  // Changing the school reloads the form for that school, keeping the chosen type.
  var school = document.querySelector('select[data-school-switch]');
  if (school) {
    school.addEventListener('change', function () {
      location.href = '/partnerships/activities/new?school=' + encodeURIComponent(school.value) +
        '&type=' + encodeURIComponent(type.value);
    });
  }
  var files = document.querySelector('input[type=file][data-max-bytes]');
  var warn = document.getElementById('file-too-large');
  files.addEventListener('change', function () {
    var max = +files.getAttribute('data-max-bytes');
    var big = Array.prototype.some.call(files.files, function (f) { return f.size > max; });
    warn.hidden = !big;
    files.setCustomValidity(big ? warn.textContent : '');
  });
})();
