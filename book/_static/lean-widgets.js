// Accessibility touches for the saved widgets that the widget manager draws on a page
// (added by book/_ext/lean_pages.py only to pages with widget state). Slider handles are
// focusable elements with role="slider" but no accessible name: give each the text of its
// widget's label (its tooltip when it has one), so a screen reader says what it sets.
(function () {
  "use strict";
  function nameHandles(root) {
    root.querySelectorAll(".widget-slider, .widget-hslider, .widget-vslider").forEach(function (w) {
      var label = w.querySelector(".widget-label");
      var text = label ? (label.getAttribute("title") || label.textContent || "").trim() : "";
      if (!text) return;
      var handles = w.querySelectorAll(".noUi-handle");
      handles.forEach(function (handle, i) {
        if (handle.hasAttribute("aria-label") || handle.hasAttribute("aria-labelledby")) return;
        var suffix = handles.length > 1 ? (i === 0 ? " (from)" : " (to)") : "";
        handle.setAttribute("aria-label", text + suffix);
      });
    });
  }
  function start() {
    nameHandles(document);
    new MutationObserver(function (records) {
      for (var r of records) {
        if (r.addedNodes.length) { nameHandles(document); return; }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
