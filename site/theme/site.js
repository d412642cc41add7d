// jitbook: small progressive enhancements; the site reads fine without JavaScript.
(function () {
  "use strict";
  // A "copy" button on every listing.
  document.querySelectorAll("figure.code figcaption").forEach(function (cap) {
    var pre = cap.parentElement.querySelector("pre.listing code");
    if (!pre || !navigator.clipboard) return;
    var button = document.createElement("button");
    button.className = "copy";
    button.type = "button";
    button.textContent = "copy";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent).then(function () {
        button.textContent = "copied";
        setTimeout(function () { button.textContent = "copy"; }, 1200);
      });
    });
    cap.appendChild(button);
  });
  // Arrow keys move between chapters.
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || /INPUT|TEXTAREA/.test(document.activeElement.tagName)) return;
    var rel = e.key === "ArrowLeft" ? "prev" : e.key === "ArrowRight" ? "next" : null;
    var link = rel && document.querySelector("a[rel=" + rel + "]");
    if (link) window.location.href = link.href;
  });
})();
