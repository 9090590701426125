// The comparison form: add and remove version fields.
(function () {
  "use strict";
  var box = document.getElementById("versions");
  if (!box) return;
  function renumber() {
    Array.prototype.forEach.call(box.querySelectorAll("fieldset.version legend"), function (legend, n) {
      legend.textContent = "Version " + (n + 1);
    });
  }
  document.getElementById("add-version").addEventListener("click", function () {
    var fields = box.querySelectorAll("fieldset.version");
    var copy = fields[fields.length - 1].cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("input, textarea"), function (el) { el.value = ""; });
    box.appendChild(copy);
    renumber();
    copy.querySelector("input[name=label]").focus();
  });
  box.addEventListener("click", function (ev) {
    if (!ev.target.classList.contains("remove-version")) return;
    if (box.querySelectorAll("fieldset.version").length <= 2) return;  // two at the least
    ev.target.closest("fieldset").remove();
    renumber();
  });
})();
