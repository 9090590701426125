// syndiff index of stories: find stories by words of their titles, outlets and flags; sort
// by a column. No network, no libraries. Without the script the table reads as written.
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
  var printed = doc.querySelector(".print-found");
  var noun = table.getAttribute("data-noun"), nouns = table.getAttribute("data-nouns");
  var texts = null;   // what each row is found by, read at the first search
  var collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

  function text(el) { return el ? el.textContent : ""; }

  function findable(tr) {
    var cell = tr.cells[0];
    var flags = Array.prototype.map.call(cell.querySelectorAll(".flag"), text);
    return [text(cell.querySelector("a")), text(cell.querySelector(".printed-by")).replace(/^printed by /, "")]
      .concat(flags).join(" ").toLowerCase();
  }

  // The key a column sorts on, and the way it sorts first: most versions, similarity and
  // story edits first; titles from A; dates in their order. Stories without a date go last.
  function number(name) { return function (tr) { return +tr.getAttribute(name); }; }
  var columns = {
    title: { first: 1, key: function (tr) { return text(tr.cells[0].querySelector("a")).trim(); } },
    published: { first: 1, key: function (tr) { return tr.getAttribute("data-published"); } },
    versions: { first: -1, key: number("data-versions") },
    similarity: { first: -1, key: number("data-similarity") },
    edits: { first: -1, key: number("data-edits") }
  };

  function compare(x, y) {
    return typeof x === "string" ? collator.compare(x, y) : x - y;
  }

  function sortBy(th) {
    var column = columns[th.getAttribute("data-sort")];
    var was = th.getAttribute("aria-sort");
    var dir = was === "ascending" ? -1 : was === "descending" ? 1 : column.first;
    var current = Array.prototype.slice.call(body.rows);
    var keys = new Map(current.map(function (tr) { return [tr, column.key(tr)]; }));
    current.sort(function (a, b) {   // stable: ties keep the order they had
      var x = keys.get(a), y = keys.get(b);
      if (x === "" || y === "") return (x === "") - (y === "");   // no date: last either way
      return compare(x, y) * dir;
    });
    var fragment = doc.createDocumentFragment();
    current.forEach(function (tr) { fragment.appendChild(tr); });
    body.appendChild(fragment);
    table.querySelectorAll("th[data-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
  }

  function filter() {
    var terms = find.value.toLowerCase().split(/\s+/).filter(Boolean);
    if (texts === null) texts = new Map(rows.map(function (tr) { return [tr, findable(tr)]; }));
    var shown = 0;
    rows.forEach(function (tr) {
      var words = texts.get(tr);
      var hit = terms.every(function (t) { return words.indexOf(t) >= 0; });
      tr.hidden = !hit;
      if (hit) shown += 1;
    });
    var count = shown + " of " + rows.length + " " + (rows.length === 1 ? noun : nouns);
    found.textContent = terms.length ? count : "";
    // on paper the box is gone: the page says what it was asked to find
    printed.textContent = terms.length ? "Found by “" + find.value.trim() + "”: " + count + "." : "";
    printed.hidden = !terms.length;
  }

  // Each sortable header holds a button: a header is not a control a keyboard reaches.
  table.querySelectorAll("th[data-sort]").forEach(function (th) {
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    button.title = th.getAttribute("data-sort-title") || "sort by this column (again: the other way)";
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(th); });
  });
  find.addEventListener("input", filter);
  tools.hidden = false;
})();
