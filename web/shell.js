// The page's own script (web/shell.html loads it before the app's weightless.js): the Module object Emscripten's
// output reads, the loading message, the service worker for offline use and the canvas's context menu. A file of
// its own, not inline: the page's Content-Security-Policy runs scripts from the page's origin only, so that nothing
// it runs, ours by mistake included, can send the person's data anywhere.
"use strict";
var Module = {
  canvas: document.getElementById("canvas"),
  setStatus: function (text) {
    var d = document.getElementById("loading-detail");
    if (d && text) d.textContent = text;
  },
  print: function (text) { console.log(text); },
  printErr: function (text) { console.warn(text); },
  onAbort: function (what) {
    var l = document.getElementById("loading");
    if (!l) { l = document.createElement("div"); l.id = "loading"; document.body.appendChild(l); }
    l.className = "failed";
    l.textContent = "Weightless stopped: " + what + ". Reload the page to start again.";
  }
};
// The canvas is the whole app: the browser's context menu would only cover it (ImGui has its own).
Module.canvas.addEventListener("contextmenu", function (e) { e.preventDefault(); });
// Offline use: a service worker keeps this version's files (web/sw.js). It needs a secure context (https or
// localhost); elsewhere (plain http on a LAN address) the app works as before, online only. window.wlOffline is the
// sentence Data & privacy shows.
window.wlOffline = "";
if (!("serviceWorker" in navigator) || !window.isSecureContext) {
  window.wlOffline = "Offline use: not available here (it needs https or localhost); the app loads from the network each time.";
} else {
  navigator.serviceWorker.register("sw.js").then(function (reg) {
    var ready = function () {
      window.wlOffline = "Offline use: ready. This version of the app is kept in the browser and opens without a network.";
    };
    if (reg.active) ready();
    navigator.serviceWorker.ready.then(ready);
    window.wlOfflineReg = reg;
  }, function (e) {
    window.wlOffline = "Offline use: not available (" + (e && e.message || e) + ").";
  });
}
// Once this page has every file it needs, a newly installed version may take over: the next load gets it whole.
Module.postRun = [function () {
  var r = window.wlOfflineReg;
  var pass = function (w) { if (w) w.postMessage("activate"); };
  if (r) {
    pass(r.waiting);
    r.addEventListener("updatefound", function () {
      var w = r.installing;
      if (w) w.addEventListener("statechange", function () { if (w.state === "installed") pass(w); });
    });
  }
}];
Module.canvas.addEventListener("webglcontextlost", function (e) {
  e.preventDefault();
  Module.onAbort("the graphics context was lost; reload the page");
}, false);
