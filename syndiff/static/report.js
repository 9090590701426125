// syndiff report: filters, folds, and j/k to walk the edits. No network, no libraries.
(function () {
  "use strict";
  var doc = document;
  var state = { hidden: {}, hideFurniture: false, onlyChanged: false, open: {} };
  var current = -1;

  function all(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
  function words(attr) { return (attr || "").split(" ").filter(Boolean); }

  // A row the reader's filters leave out is hidden; a row under a closed fold (furniture, a
  // trimmed tail) is only folded: the screen hides it, paper prints it (report.css).
  function filtered(tr) {
    if (state.hideFurniture && tr.parentNode.classList.contains("furniture")) return true;
    return state.onlyChanged && !words(tr.getAttribute("data-types")).some(function (t) { return !state.hidden[t]; });
  }

  function folded(tr) {
    if (tr.parentNode.hasAttribute("data-folded")) return true;
    var bands = words(tr.getAttribute("data-trim"));
    return bands.length > 0 && !bands.some(function (b) { return state.open[b]; });
  }

  function shown(tr) { return !tr.hidden && !tr.classList.contains("folded"); }

  function apply() {
    all("a.badge[data-type]").forEach(function (b) {
      b.hidden = !!state.hidden[b.getAttribute("data-type")];
    });
    // the words a hidden type changed read as the version prints them: no marks, no struck words
    all("ins[data-type], del[data-type]").forEach(function (w) {
      w.classList.toggle("quiet", !!state.hidden[w.getAttribute("data-type")]);
    });
    all("tr.row").forEach(function (tr) {
      tr.hidden = filtered(tr);
      tr.classList.toggle("folded", folded(tr));
    });
    all("tbody.furniture").forEach(function (body) {
      var fold = body.querySelector("tr.fold");
      fold.hidden = state.hideFurniture;
      fold.querySelector("button").setAttribute("aria-expanded", body.hasAttribute("data-folded") ? "false" : "true");
    });
    all(".band-button").forEach(function (b) {
      var open = !!state.open[b.getAttribute("data-band")];
      b.setAttribute("aria-expanded", open ? "true" : "false");
      b.textContent = open ? "hide them" : "show them";
    });
    all('input[name="type"]').forEach(function (box) { box.checked = !state.hidden[box.value]; });
    // "hide house-style edits" follows its types' boxes: ticked when all are hidden, half when some are
    var style = all('input[name="type"][data-group="house style"]').map(function (box) { return !!state.hidden[box.value]; });
    var styleHidden = style.filter(Boolean).length;
    all('input[name="hide-style"]').forEach(function (box) {
      box.checked = style.length > 0 && styleHidden === style.length;
      box.indeterminate = styleHidden > 0 && styleHidden < style.length;
    });
    all('input[name="hide-furniture"]').forEach(function (box) { box.checked = state.hideFurniture; });
    all('input[name="only-changed"]').forEach(function (box) { box.checked = state.onlyChanged; });
    all(".print-filters").forEach(function (p) {
      var on = all('input[name="type"]').map(function (box) { return box.value; })   // the legend's order
        .filter(function (t) { return state.hidden[t]; });
      var said = [];
      if (on.length) said.push("edits of type " + on.join(", ") + " hidden");
      if (state.hideFurniture) said.push("furniture rows hidden");
      if (state.onlyChanged) said.push("only rows with edits shown");
      p.textContent = said.length ? "Printed with filters on: " + said.join("; ") + "." : "";
      p.hidden = said.length === 0;
    });
  }

  function visibleEdits() {
    return all("tr.row a.badge[data-type]").filter(function (b) {
      return !b.hidden && shown(b.closest("tr"));
    });
  }

  function announce(badge) {
    var status = doc.getElementById("edit-status");
    if (status) status.textContent = badge.getAttribute("title");
  }

  function step(delta) {
    var edits = visibleEdits();
    if (!edits.length) return;
    var at = edits.indexOf(doc.activeElement);
    if (at < 0) at = current;
    current = Math.max(0, Math.min(edits.length - 1, at + delta));
    if (at < 0 && delta < 0) current = edits.length - 1;
    all("tr.current").forEach(function (tr) { tr.classList.remove("current"); });
    var target = edits[current];
    target.closest("tr").classList.add("current");
    target.focus();
    target.scrollIntoView({ block: "center", inline: "nearest" });
    announce(target);
  }

  var keysOpener = null;
  function toggleKeys(show) {
    var keys = doc.getElementById("keys");
    if (!keys) return;
    var open = show === undefined ? keys.hidden : show;
    if (open && keys.hidden) keysOpener = doc.activeElement;
    keys.hidden = !open;
    all(".keys-button").forEach(function (b) { b.setAttribute("aria-expanded", open ? "true" : "false"); });
    if (open) keys.focus();
    else if (keysOpener && keysOpener.focus) { keysOpener.focus(); keysOpener = null; }
  }

  doc.addEventListener("change", function (ev) {
    var input = ev.target;
    if (input.name === "type") {
      state.hidden[input.value] = !input.checked;
    } else if (input.name === "hide-style") {
      all('input[name="type"][data-group="house style"]').forEach(function (box) {
        state.hidden[box.value] = input.checked;
      });
    } else if (input.name === "hide-furniture") {
      state.hideFurniture = input.checked;
    } else if (input.name === "only-changed") {
      state.onlyChanged = input.checked;
    } else {
      return;
    }
    apply();
  });

  doc.addEventListener("click", function (ev) {
    var link = ev.target.closest('a[href^="#"]');
    if (link) {   // a citation inside the page: reveal it even when the hash does not change
      var id = link.getAttribute("href").slice(1);
      if (id === location.hash.slice(1)) setTimeout(function () { reveal(id); });
      return;
    }
    var button = ev.target.closest("button");
    if (!button) return;
    if (button.classList.contains("fold-button")) {
      var body = button.closest("tbody");
      if (body.hasAttribute("data-folded")) body.removeAttribute("data-folded");
      else body.setAttribute("data-folded", "");
      apply();
    } else if (button.classList.contains("band-button")) {
      var band = button.getAttribute("data-band");
      state.open[band] = !state.open[band];
      apply();
    } else if (button.classList.contains("keys-button")) {
      toggleKeys();
    }
  });

  function typing(target) {
    var tag = (target.tagName || "").toLowerCase();
    if (tag === "textarea" || tag === "select" || target.isContentEditable) return true;
    return tag === "input" && !/^(checkbox|radio|button|submit|reset)$/.test(target.type);
  }

  doc.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { toggleKeys(false); return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    if (ev.key === "j") { step(1); ev.preventDefault(); }
    else if (ev.key === "k") { step(-1); ev.preventDefault(); }
    else if (ev.key === "?") { toggleKeys(); ev.preventDefault(); }
  });

  // A citation (#r12, #e5) opens whatever fold, band or filter hides its target.
  function reveal(id) {
    var target = id && doc.getElementById(id);
    if (!target) return;
    var tr = target.closest("tr.row");
    if (!tr) return;
    words(tr.getAttribute("data-trim")).forEach(function (b) { state.open[b] = true; });
    tr.parentNode.removeAttribute("data-folded");
    var type = target.getAttribute("data-type");
    if (type) state.hidden[type] = false;
    if (tr.parentNode.classList.contains("furniture")) state.hideFurniture = false;
    apply();
    if (tr.hidden) { state.onlyChanged = false; apply(); }
    target.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", function () { reveal(location.hash.slice(1)); });

  apply();
  reveal(location.hash.slice(1));
})();
