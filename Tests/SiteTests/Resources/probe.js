// Site probe for BrowserTests: loaded first on a copy of a rendered page, it records errors, then
// on load runs the checks `?probe=MODE` asks for and writes them as JSON into <pre id="probe-result">,
// which headless Chromium's --dump-dom prints. Never part of the site itself.
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); });
  var origError = console.error;
  console.error = function () { errors.push(Array.prototype.join.call(arguments, " ")); origError.apply(console, arguments); };
  function text(el) { return el.textContent.trim().replace(/\s+/g, " "); }
  function lum(c) {
    var m = c.match(/rgba?\(([\d.]+), ([\d.]+), ([\d.]+)/);
    if (!m) return null;
    var v = [m[1], m[2], m[3]].map(function (x) { x = x / 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function bgOf(el) {
    while (el) {
      var b = getComputedStyle(el).backgroundColor;
      if (b && b !== "rgba(0, 0, 0, 0)" && b !== "transparent") return b;
      el = el.parentElement;
    }
    return getComputedStyle(document.documentElement).backgroundColor || "rgb(255, 255, 255)";
  }
  function contrast(el) {
    var a = lum(getComputedStyle(el).color), b = lum(bgOf(el));
    if (a === null || b === null) return null;
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  window.addEventListener("load", function () {
    var r = { errors: errors, dark: matchMedia("(prefers-color-scheme: dark)").matches,
              width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth };
    // Resources: everything the page loaded.
    r.resources = performance.getEntriesByType("resource").map(function (e) { return e.name; });
    // Accessibility: headings, link text, contrast of text on its background.
    var hs = Array.prototype.map.call(document.querySelectorAll("h1, h2, h3, h4, h5, h6"), function (h) { return +h.tagName[1]; });
    r.h1 = hs.filter(function (l) { return l === 1; }).length;
    r.headingSkips = hs.filter(function (l, i) { return i > 0 && l > hs[i - 1] + 1; }).length;
    r.emptyLinks = Array.prototype.filter.call(document.querySelectorAll("a"), function (a) { return !text(a) && !a.getAttribute("aria-label"); }).length;
    var low = [];
    document.querySelectorAll("p, li a, figcaption span, figcaption a, .badge, pre span, th, td, .search input, .sidebar a, summary").forEach(function (el) {
      if (!el.offsetParent || !text(el)) return;
      var c = contrast(el);
      var big = parseFloat(getComputedStyle(el).fontSize) >= 24;
      if (c !== null && c < (big ? 3 : 4.5)) low.push(el.tagName + "." + el.className + " " + c.toFixed(2) + " " + text(el).slice(0, 30));
    });
    r.lowContrast = low.slice(0, 20);
    r.lowContrastCount = low.length;
    r.mappedJS = document.querySelectorAll("pre.mapped .ln[tabindex]").length;
    r.figures = document.querySelectorAll("figure.code").length;
    var p = document.querySelector("article p"), wide = document.querySelector("figure.example.asm");
    r.proseWidth = p ? p.getBoundingClientRect().width : 0;
    r.listingWidth = wide ? wide.getBoundingClientRect().width : 0;
    r.sidebarVisible = !!document.querySelector(".sidebar") && getComputedStyle(document.querySelector(".sidebar")).position === "sticky";
    var mode = new URLSearchParams(location.search).get("probe") || "";
    if (window.top !== window) return;
    if (mode === "map") {
      // IL -> asm: the callvirt of Foo.
      var il = Array.prototype.filter.call(document.querySelectorAll("figure.il .ln[data-il]"), function (l) { return /callvirt/.test(l.textContent); })[0];
      r.ilLine = il ? il.id : null;
      if (il) {
        il.dispatchEvent(new MouseEvent("mouseenter"));
        r.fromIL = Array.prototype.map.call(document.querySelectorAll(".ln.hl"), function (l) { return l.closest("figure").id + ": " + text(l); });
        r.hlBackground = document.querySelector(".ln.hl") ? getComputedStyle(document.querySelector(".ln.hl")).backgroundColor : null;
        r.plainBackground = getComputedStyle(document.querySelector(".ln:not(.hl):not(.hl-src)")).backgroundColor;
        il.dispatchEvent(new MouseEvent("mouseleave"));
        r.afterLeave = document.querySelectorAll(".ln.hl, .ln.hl-src").length;
      }
      // asm -> IL: the constant 42 of the After listing.
      var asm = Array.prototype.filter.call(document.querySelectorAll("figure.example.asm .ln[data-il]"), function (l) { return /mov\s+eax, 42/.test(l.textContent); })[0];
      if (asm) {
        r.asmFigure = asm.closest("figure").id;
        asm.dispatchEvent(new MouseEvent("mouseenter"));
        r.fromAsm = Array.prototype.map.call(document.querySelectorAll("figure.il .ln.hl"), function (l) { return l.id + ": " + text(l); });
        asm.dispatchEvent(new MouseEvent("mouseleave"));
      }
      // Keyboard: focus the first mapped IL line, ArrowDown moves to the next.
      var first = document.querySelector("figure.il pre.mapped .ln[tabindex='0']");
      if (first) {
        first.focus();
        r.focusHighlights = document.querySelectorAll(".ln.hl").length;
        first.closest("pre").dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
        r.focusMovedTo = document.activeElement.id || null;
        r.focusFrom = first.id;
      }
      // IR node links.
      r.irLinks = document.querySelectorAll("figure.example.ir a.il-ref").length;
    }
    if (mode === "diff") {
      var d = document.querySelector("details.variants.config");
      r.diffs = document.querySelectorAll("details.variants").length;
      if (d) {
        var sbs = d.querySelector(".dv-sbs"), uni = d.querySelector(".dv-unified");
        r.before = [getComputedStyle(sbs).display, getComputedStyle(uni).display];
        d.querySelector("input[value=unified]").click();
        r.after = [getComputedStyle(sbs).display, getComputedStyle(uni).display];
        r.changedRows = d.querySelectorAll("td.diff-del, td.diff-add").length;
        r.summary = text(d.querySelector("summary"));
      }
    }
    if (mode === "search") {
      var q = document.getElementById("q");
      q.value = "Program::Foo";
      q.dispatchEvent(new Event("input"));
      r.results = Array.prototype.map.call(document.querySelectorAll("#search-results a"), function (a) { return a.getAttribute("href"); });
      q.value = "cmp qword ptr";
      q.dispatchEvent(new Event("input"));
      r.instructionResults = Array.prototype.map.call(document.querySelectorAll("#search-results a"), function (a) { return a.getAttribute("href"); });
      r.hidden = document.getElementById("search-results").hidden;
    }
    function finish() {
      var out = document.createElement("pre");
      out.id = "probe-result";
      out.textContent = JSON.stringify(r);
      document.body.appendChild(out);
    }
    if (mode === "nojs" || mode === "narrow") {
      // The page again in a frame: 390 px wide (a phone), or with scripts off (a sandbox without allow-scripts).
      var f = document.createElement("iframe");
      if (mode === "nojs") f.setAttribute("sandbox", "allow-same-origin");
      f.style.width = (mode === "narrow" ? 390 : 1400) + "px";
      f.style.height = "844px";
      f.src = location.pathname;
      f.addEventListener("load", function () {
        var d = f.contentDocument;
        r.frame = {
          width: f.contentWindow.innerWidth, scrollWidth: d.documentElement.scrollWidth,
          lines: d.querySelectorAll(".ln").length, tabbable: d.querySelectorAll(".ln[tabindex]").length,
          copyButtons: d.querySelectorAll("button.copy").length,
          figures: d.querySelectorAll("figure.code").length,
          visibleFigures: Array.prototype.filter.call(d.querySelectorAll("figure.code pre"), function (p) { return p.getBoundingClientRect().height > 0; }).length,
          sidebarPosition: d.querySelector(".sidebar") ? f.contentWindow.getComputedStyle(d.querySelector(".sidebar")).position : null,
          widestPre: Math.max.apply(null, Array.prototype.map.call(d.querySelectorAll("figure.code"), function (p) { return p.getBoundingClientRect().right; }))
        };
        var dv = d.querySelector("details.variants.config");
        if (dv) {
          var sbs = dv.querySelector(".dv-sbs"), uni = dv.querySelector(".dv-unified");
          r.frame.diffBefore = [f.contentWindow.getComputedStyle(sbs).display, f.contentWindow.getComputedStyle(uni).display];
          dv.querySelector("label[for$='-u']").click();
          r.frame.diffAfter = [f.contentWindow.getComputedStyle(sbs).display, f.contentWindow.getComputedStyle(uni).display];
        }
        finish();
      });
      document.body.appendChild(f);
      return;
    }
    finish();
  });
})();
