// jitbook: progressive enhancements; every page reads fine without JavaScript.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  // A "copy" button on every listing.
  document.querySelectorAll("figure.code figcaption").forEach(function (cap) {
    var pre = cap.parentElement.querySelector("pre.listing code");
    if (!pre || !navigator.clipboard) return;
    var button = document.createElement("button");
    button.className = "copy";
    button.type = "button";
    button.textContent = "copy";
    button.setAttribute("aria-label", "copy this listing");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent).then(function () {
        button.textContent = "copied";
        setTimeout(function () { button.textContent = "copy"; }, 1200);
      });
    });
    cap.appendChild(button);
  });

  // IL <-> asm mapping. An IL line and every listing line generated from it share a key (the IL
  // line's number in the chapter, in data-il). Hovering or focusing a line highlights its partners.
  var byKey = {};
  var mappedLines = document.querySelectorAll(".ln[data-il]");
  mappedLines.forEach(function (el) {
    el.getAttribute("data-il").split(" ").forEach(function (k) { (byKey[k] = byKey[k] || []).push(el); });
  });
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  status.id = "map-status";
  document.body.appendChild(status);
  var lit = [];
  function clear() {
    lit.forEach(function (el) { el.classList.remove("hl", "hl-src"); });
    lit = [];
  }
  function isIL(el) { return !!el.closest("figure.il"); }
  function light(el) {
    clear();
    var keys = el.getAttribute("data-il").split(" ");
    var pre = el.closest("pre");
    var partners = [];
    keys.forEach(function (k) {
      (byKey[k] || []).forEach(function (p) {
        if (p === el) return;
        // From IL: every listing line of that IL. From a listing: the IL lines, and the lines of
        // the same listing that came from the same IL.
        if (isIL(el) || isIL(p) || p.closest("pre") === pre) partners.push(p);
      });
    });
    el.classList.add("hl-src");
    lit.push(el);
    partners.forEach(function (p) { if (lit.indexOf(p) < 0) { p.classList.add("hl"); lit.push(p); } });
    var n = partners.filter(function (p) { return !isIL(p); }).length;
    status.textContent = isIL(el) ? "IL line " + keys[0] + ": " + n + " generated line" + (n === 1 ? "" : "s") + " highlighted"
                                  : "from IL line" + (keys.length > 1 ? "s " : " ") + keys.join(", ");
  }
  mappedLines.forEach(function (el) {
    el.addEventListener("mouseenter", function () { light(el); });
    el.addEventListener("mouseleave", clear);
    el.addEventListener("focus", function () { light(el); });
    el.addEventListener("blur", clear);
  });
  // Keyboard: Tab reaches each mapped listing once; arrow keys move between its mapped lines.
  document.querySelectorAll("pre.mapped").forEach(function (pre) {
    var lines = Array.prototype.slice.call(pre.querySelectorAll(".ln[data-il]"));
    lines.forEach(function (el, i) { el.tabIndex = i === 0 ? 0 : -1; });
    pre.addEventListener("keydown", function (e) {
      var i = lines.indexOf(document.activeElement);
      if (i < 0) return;
      var j = e.key === "ArrowDown" ? i + 1 : e.key === "ArrowUp" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? lines.length - 1 : -1;
      if (j < 0 || j >= lines.length) return;
      e.preventDefault();
      lines[i].tabIndex = -1;
      lines[j].tabIndex = 0;
      lines[j].focus();
    });
  });

  // Search over the prebuilt index (search-index.js): prose sections, methods, listings.
  var index = window.JITBOOK_INDEX || [];
  function search(query, limit) {
    var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) return [];
    var hits = [];
    index.forEach(function (e) {
      var title = e[1].toLowerCase(), text = e[3].toLowerCase(), score = 0;
      for (var t = 0; t < terms.length; t++) {
        var inTitle = title.indexOf(terms[t]) >= 0;
        if (!inTitle && text.indexOf(terms[t]) < 0) return;
        score += inTitle ? 10 : 1;
      }
      if (e[0] === "method") score += 5;
      hits.push({ e: e, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.slice(0, limit);
  }
  function snippet(e, query) {
    var term = query.toLowerCase().split(/\s+/).filter(Boolean)[0] || "";
    var text = e[3], at = text.toLowerCase().indexOf(term);
    if (e[0] === "listing" && at >= 0) {
      var start = text.lastIndexOf("\n", at) + 1, end = text.indexOf("\n", at);
      return text.slice(start, end < 0 ? undefined : end);
    }
    if (at < 0) return text.slice(0, 120);
    return (at > 40 ? "…" : "") + text.slice(Math.max(0, at - 40), at + 80);
  }
  function resultLink(e, query) {
    var a = document.createElement("a");
    a.href = root + e[2];
    a.setAttribute("role", "option");
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = e[0];
    a.appendChild(kind);
    a.appendChild(document.createTextNode(e[1]));
    var s = document.createElement("span");
    s.className = "snippet";
    s.textContent = snippet(e, query);
    a.appendChild(s);
    return a;
  }
  var box = document.getElementById("q"), results = document.getElementById("search-results");
  if (box && results) {
    box.setAttribute("aria-controls", "search-results");
    box.addEventListener("input", function () {
      results.textContent = "";
      var hits = search(box.value, 12);
      hits.forEach(function (h) { results.appendChild(resultLink(h.e, box.value)); });
      results.hidden = hits.length === 0;
    });
    box.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && results.firstChild) { e.preventDefault(); results.firstChild.focus(); }
      if (e.key === "Escape") { results.hidden = true; }
    });
    results.addEventListener("keydown", function (e) {
      var a = document.activeElement;
      if (e.key === "ArrowDown" && a.nextSibling) { e.preventDefault(); a.nextSibling.focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); (a.previousSibling || box).focus(); }
      if (e.key === "Escape") { results.hidden = true; box.focus(); }
    });
    document.addEventListener("click", function (e) { if (!e.target.closest(".search")) results.hidden = true; });
  }
  var page = document.getElementById("search-page-results");
  if (page && box) {
    var q = new URLSearchParams(window.location.search).get("q") || "";
    box.value = q;
    var hits = search(q, 200);
    hits.forEach(function (h) {
      var li = document.createElement("li");
      li.appendChild(resultLink(h.e, q));
      page.appendChild(li);
    });
    var st = document.getElementById("search-status");
    if (st && q) st.textContent = hits.length + " result" + (hits.length === 1 ? "" : "s") + " for “" + q + "”";
  }

  // Arrow keys move between chapters (not while typing or moving inside a listing).
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || /INPUT|TEXTAREA/.test(document.activeElement.tagName)) return;
    if (document.activeElement.closest && document.activeElement.closest("pre")) return;
    var rel = e.key === "ArrowLeft" ? "prev" : e.key === "ArrowRight" ? "next" : null;
    var link = rel && document.querySelector("a[rel=" + rel + "]");
    if (link) window.location.href = link.href;
  });
})();
