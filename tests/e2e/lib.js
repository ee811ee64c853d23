// Helpers shared by the browser tests (*.spec.js): a static server for dist/, Chromium's launch flags, the app's
// debug snapshot (window.weightless), waits, real mouse clicks on named widgets, and the pass/fail tally.
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");

const root = path.resolve(__dirname, "../..");
const dist = process.env.WL_DIST || path.join(root, "dist");
const shots = path.join(root, "out", "screenshots");
const chromiumPath = process.env.WL_CHROMIUM || "/usr/bin/chromium";
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader"];

const tally = { passed: 0, failed: 0 };
const errors = [];  // console errors and uncaught page errors, from every watched page
// Console errors a test provokes on purpose (the Content-Security-Policy refusing a request: csp.spec.js), each
// allowed once by expectError(pattern) before it happens; what they matched lands in `expected`, not in `errors`.
const allowed = [], expected = [];
function expectError(pattern) { allowed.push(pattern); }
function consoleError(text) {
  const k = allowed.findIndex(re => re.test(text));
  if (k < 0) { errors.push(text); return; }
  allowed.splice(k, 1);
  expected.push(text);
}
function check(name, ok, detail) {
  if (ok) { tally.passed++; console.log("  ok   " + name); }
  else { tally.failed++; console.log("  FAIL " + name + (detail !== undefined ? ": " + JSON.stringify(detail) : "")); }
  return ok;
}

// A static server for dist/ on 127.0.0.1 with a free port (what any static host does).
function serve(dir = dist) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
    ".data": "application/octet-stream", ".css": "text/css" };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end("not found"); return;
    }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise(resolve => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const state = page => page.evaluate(() => window.weightless && JSON.parse(JSON.stringify(window.weightless)));
async function until(page, what, fn, arg, timeout = 60000) {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 50 });
    return true;
  } catch (e) {
    check(what, false, "timed out");
    return false;
  }
}
async function frames(page, n = 2) {
  const f = (await state(page)).frame;
  await page.waitForFunction(t => window.weightless.frame >= t, f + n, { polling: 16 });
}
function rect(s, name) { return s.rects[name]; }
// A real click at a point of a rectangle (fx, fy in 0..1), with frames in between so ImGui sees hover, press, release.
async function clickIn(page, r, fx = 0.5, fy = 0.5) {
  const x = r[0] + r[2] * fx, y = r[1] + r[3] * fy;
  await page.mouse.move(x, y);
  await frames(page);
  await page.mouse.down();
  await frames(page);
  await page.mouse.up();
  await frames(page);
}
async function clickNamed(page, name) {
  const s = await state(page);
  const r = rect(s, name);
  if (!check("widget visible: " + name, !!r, Object.keys(s.rects))) return false;
  await clickIn(page, r);
  return true;
}
// Clicks the star widget `key` (e.g. "q:318:stars") at `stars` (0.5..5): the left half of a star is a half star.
async function rateAt(page, key, stars) {
  const before = (await state(page)).revision;
  const s = await state(page);
  const r = rect(s, key);
  if (!check("stars visible: " + key, !!r, Object.keys(s.rects))) return;
  await clickIn(page, r, (stars * 2 - 0.5) / 10, 0.5);
  await until(page, "rating applied " + key, b => window.weightless.revision > b, before, 10000);
}
const shot = (page, name) => page.screenshot({ path: path.join(shots, name + ".png") });
const ratingsOf = s => Object.fromEntries(s.ratings.map(([id, v]) => [id, v]));
function watch(p, requests) {
  p.on("request", r => requests.push(r.url()));
  // Chromium's own messages (interventions such as a passive listener's preventDefault, policy refusals) arrive here too.
  p.on("console", m => { if (m.type() === "error") consoleError(m.text()); });
  p.on("pageerror", e => errors.push(String(e)));
}
// Turns the mouse wheel over (x, y) `times` times by `dy` pixels each (positive: down), a frame between each, as a
// person scrolls a page with a mouse (it must log nothing: issue 20).
async function wheel(page, x, y, dy, times = 1) {
  await page.mouse.move(x, y);
  for (let i = 0; i < times; i++) {
    await page.mouse.wheel(0, dy);
    await frames(page, 2);
  }
}

// Turns the mouse wheel over the page until the widget `name` is drawn (at most `tries` turns of `dy` pixels).
async function wheelUntilDrawn(page, name, dy = 300, tries = 60) {
  for (let k = 0; k < tries && (await state(page)).rects[name] === undefined; k++) await wheel(page, 640, 500, dy);
}

// A phone's finger: tap(name, fx, fy) taps the named widget at that fraction of its box (a check fails when it is not
// drawn); go(page) opens the menu when it is closed and taps that page's entry.
function touch(page, label = "phone") {
  const tap = async (name, fx = 0.5, fy = 0.5) => {
    const s = await state(page);
    const r = s.rects[name];
    if (!check(label + ": visible: " + name, !!r, Object.keys(s.rects).slice(0, 40))) return false;
    await page.touchscreen.tap(r[0] + r[2] * fx, r[1] + r[3] * fy);
    await frames(page, 4);
    return true;
  };
  const go = async name => {
    if (!(await state(page)).menu) await tap("menu");
    await until(page, "menu open", () => window.weightless.rects["nav:rate"] !== undefined, undefined, 10000);
    await tap("nav:" + name);
    await until(page, "page " + name, p => window.weightless.page === p && !window.weightless.menu, name, 10000);
    await frames(page, 3);
  };
  return { tap, go };
}

// Runs main() and exits 0 only when every check passed.
function run(name, main) {
  main().then(() => {
    console.log(`${name}: ${tally.passed} passed, ${tally.failed} failed`);
    process.exit(tally.failed ? 1 : 0);
  }, e => {
    console.log(`${name}: crashed: ` + (e && e.stack || e));
    if (errors.length) console.log("console errors so far:\n  " + errors.join("\n  "));
    console.log(`${name}: ${tally.passed} passed, ${tally.failed + 1} failed`);
    process.exit(1);
  });
}

// The CPU time a shared host took from this machine (steal in /proc/stat, Linux), so measured timings can say how
// contended the run was: hostCpu() at the start, stealPercent(start) at the end ("n/a" where there is no /proc).
function hostCpu() {
  try {
    const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { steal: f[7], total: f.reduce((a, b) => a + b, 0) };
  } catch (e) {
    return null;
  }
}
function stealPercent(start) {
  const end = hostCpu();
  if (!start || !end || end.total === start.total) return "n/a";
  return (100 * (end.steal - start.steal) / (end.total - start.total)).toFixed(0) + " %";
}

module.exports = { root, dist, shots, chromiumPath, args, tally, errors, expected, expectError, check, serve, state, until,
  frames, rect, clickIn, clickNamed, rateAt, shot, ratingsOf, watch, wheel, wheelUntilDrawn, touch, run, hostCpu, stealPercent };
