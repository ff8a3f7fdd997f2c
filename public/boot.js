// Shows the shell's "could not load" notice when the app's script or wasm
// fails to load or to start. An external file, so the CSP needs no new hash.
// Once the app has mounted it removes the shell, and nothing here acts.
(function () {
  "use strict";
  function failed() {
    var shell = document.getElementById("boot");
    if (shell) {
      shell.className += " boot--failed";
    }
  }
  // A module script or preload that cannot be fetched fires `error` on its
  // element, which does not bubble: listen in the capture phase.
  document.addEventListener(
    "error",
    function (event) {
      var name = event.target && event.target.tagName;
      if (name === "SCRIPT" || name === "LINK") {
        failed();
      }
    },
    true
  );
  // A wasm that cannot be compiled or instantiated rejects trunk's loader.
  window.addEventListener("error", failed);
  window.addEventListener("unhandledrejection", failed);
})();
