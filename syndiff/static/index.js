// syndiff index of stories: find stories by words of their title and outlets, sort by a
// column. No network, no libraries. Without the script the table reads as written.
(function () {
  "use strict";
  var doc = document;
  var table = doc.querySelector("table.stories.index");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var tools = doc.querySelector(".index-tools");
  var find = doc.getElementById("find");
  var found = doc.getElementById("found");
  var noun = table.getAttribute("aria-label") === "Story groups" ? "groups" : "stories";
  var texts = null;   // each row's words to find in (its first cell), read at the first search

  // The key a column sorts on, and the way it sorts first: most versions, similarity and
  // edits first; titles from A; the latest date first. Stories without a date go last.
  var columns = {
    title: { first: 1, key: function (tr) { return tr.cells[0].textContent.trim().toLowerCase(); } },
    published: { first: -1, key: function (tr) { return tr.getAttribute("data-published"); } },
    versions: { first: -1, key: function (tr) { return +tr.getAttribute("data-versions"); } },
    similarity: { first: -1, key: function (tr) { return +tr.getAttribute("data-similarity"); } },
    edits: { first: -1, key: function (tr) { return +tr.getAttribute("data-edits"); } }
  };
  var order = rows.map(function (tr, i) { return i; });   // the rows as written

  function sortBy(th) {
    var name = th.getAttribute("data-sort");
    var column = columns[name];
    var was = th.getAttribute("aria-sort");
    var dir = was === "ascending" ? -1 : was === "descending" ? 1 : column.first;
    var keys = rows.map(column.key);
    var sorted = order.slice().sort(function (a, b) {
      var x = keys[a], y = keys[b];
      if (x === y) return a - b;   // ties keep the written order
      if (x === "") return 1;   // no date: last either way
      if (y === "") return -1;
      return (x < y ? -1 : 1) * dir;
    });
    var fragment = doc.createDocumentFragment();
    sorted.forEach(function (i) { fragment.appendChild(rows[i]); });
    body.appendChild(fragment);
    table.querySelectorAll("th[data-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
  }

  function filter() {
    var terms = find.value.toLowerCase().split(/\s+/).filter(Boolean);
    if (texts === null) texts = rows.map(function (tr) { return tr.cells[0].textContent.toLowerCase(); });
    var shown = 0;
    rows.forEach(function (tr, i) {
      var hit = terms.every(function (t) { return texts[i].indexOf(t) >= 0; });
      tr.hidden = !hit;
      if (hit) shown += 1;
    });
    found.textContent = terms.length ? shown + " of " + rows.length + " " + noun : "";
  }

  // Each sortable header holds a button: a header is not a control a keyboard reaches.
  table.querySelectorAll("th[data-sort]").forEach(function (th) {
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    button.title = "sort by this column (again: the other way)";
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(th); });
  });
  find.addEventListener("input", filter);
  tools.hidden = false;
})();
