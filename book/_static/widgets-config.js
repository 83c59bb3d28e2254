// Point RequireJS at the vendored widget manager, so that the web fonts it loads are served by
// this site (it resolves them relative to its module's URL) rather than looked up beside the
// page or on a CDN. Loaded after require.js and before embed-amd.js (see _config.yml).
(function () {
  var src = document.currentScript.src;
  var base = src.slice(0, src.lastIndexOf("/") + 1);
  var manager = base + "vendor/jupyter-widgets-html-manager-1.0.15";
  window.require.config({
    paths: {
      "@jupyter-widgets/html-manager": manager + "/embed-amd",
      "@jupyter-widgets/html-manager/dist": manager,
    },
  });
})();
