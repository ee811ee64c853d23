// Weightless service worker: keeps the app's files for offline use, as one versioned set. scripts/build-web.sh
// writes VERSION (a content hash of the set) and FILES into dist/sw.js. Each version has its own cache, filled
// completely at install (or not at all) and only ever answered from, so an old .js never meets a new .wasm; a new
// deployment installs beside the old one and takes over when the page tells it to (after the page has loaded all
// its files), so the next load uses the new set whole. Files outside the set (the JavaScript API) go to the network.
"use strict";
const VERSION = "@VERSION@";
const FILES = [/*@FILES@*/];
const CACHE = "weightless-" + VERSION;

self.addEventListener("install", event => {
  // cache: "reload": the set must come from the server, not from an HTTP cache that may hold another version.
  event.waitUntil(caches.open(CACHE).then(c => c.addAll(FILES.map(f => new Request(f, { cache: "reload" })))));
});

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    for (const k of await caches.keys()) if (k.startsWith("weightless-") && k !== CACHE) await caches.delete(k);
    await self.clients.claim();
  })());
});

// The page posts "activate" once it has everything it needs, so a waiting new version replaces the old one only
// between loads.
self.addEventListener("message", event => {
  if (event.data === "activate") self.skipWaiting();
});

self.addEventListener("fetch", event => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  let name = url.pathname.slice(scope.pathname.length);
  if (req.mode === "navigate" || name === "") name = "index.html";
  if (!FILES.includes(name)) return;
  event.respondWith(caches.open(CACHE).then(c => c.match(name)).then(hit => hit || fetch(req)));
});
