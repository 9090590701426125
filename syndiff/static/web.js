// The comparison form: add and remove version fields. Each field's legend and its remove
// button say which version they belong to; focus goes where the reader's eyes are.
(function () {
  "use strict";
  var box = document.getElementById("versions");
  if (!box) return;
  function fields() { return box.querySelectorAll("fieldset.version"); }
  function renumber() {
    Array.prototype.forEach.call(fields(), function (fieldset, n) {
      fieldset.querySelector("legend").textContent = "Version " + (n + 1);
      fieldset.querySelector(".remove-version").setAttribute("aria-label", "remove version " + (n + 1));
    });
  }
  document.getElementById("add-version").addEventListener("click", function () {
    var all = fields();
    var copy = all[all.length - 1].cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("input, textarea"), function (el) { el.value = ""; });
    box.appendChild(copy);
    renumber();
    copy.querySelector("input[name=label]").focus();
  });
  box.addEventListener("click", function (ev) {
    if (!ev.target.classList.contains("remove-version")) return;
    if (fields().length <= 2) return;  // two at the least
    var fieldset = ev.target.closest("fieldset");
    var next = fieldset.nextElementSibling || fieldset.previousElementSibling;
    fieldset.remove();
    renumber();
    next.querySelector("input[name=label]").focus();  // not lost to the page's top
  });
  renumber();
})();
