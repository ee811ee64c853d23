// A tiny static file server for dist/ (what any static host does), bound to 127.0.0.1: node serve.js DIR PORT.
// Only GET/HEAD of files under DIR; no directory listings.
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");

const dir = path.resolve(process.argv[2] || "dist");
const port = Number(process.argv[3] || 8080);
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm",
  ".data": "application/octet-stream", ".png": "image/png", ".css": "text/css; charset=utf-8" };

http.createServer((req, res) => {
  let rel;
  try {
    rel = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "") || "index.html";
  } catch (e) {
    res.writeHead(400); res.end("bad request"); return;
  }
  const file = path.join(dir, rel);
  if ((req.method !== "GET" && req.method !== "HEAD") || !file.startsWith(dir + path.sep) || !fs.existsSync(file) ||
      fs.statSync(file).isDirectory()) {
    res.writeHead(404); res.end("not found"); return;
  }
  res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream", "Cache-Control": "no-cache" });
  if (req.method === "HEAD") { res.end(); return; }
  fs.createReadStream(file).pipe(res);
}).listen(port, "127.0.0.1", () => {
  console.log(`Weightless is served at http://127.0.0.1:${port}/  (Ctrl+C stops it)`);
});
