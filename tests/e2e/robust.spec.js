// Nothing lost: the browser test of the app's promises about the person's data (docs/DESIGN.md, "What the app
// promises about your data"), in headless Chromium with real IndexedDB, real clicks and real reloads.
// - Two tabs, one person: tab A rates, tab B opens (sees it) and rates, A (stale) shows B's rating without a
//   reload and rates a third, both rate at the same moment; after both close, a new tab and its reload have
//   every rating.
// - Storage faults injected from page.addInitScript: IndexedDB missing, indexedDB.open refused, the quota full,
//   a write aborted half-way. The app keeps working in memory, says it cannot save and what to do (Export), and
//   the last good saved state survives (checked after a reload without the fault).
// Usage: node robust.spec.js (exit 1 on any failure).
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const L = require("./lib");
const { check, state, until, frames, clickNamed, rateAt, shot, ratingsOf } = L;

async function open(context, origin, requests) {
  const page = await context.newPage();
  L.watch(page, requests);
  await page.goto(origin + "/");
  await until(page, "ready", () => window.weightless && window.weightless.stage === "ready");
  await until(page, "drawn", () => window.weightless.rects["welcome:start"] || window.weightless.rects["search"], undefined, 30000);
  await frames(page, 2);
  if ((await state(page)).welcome) {
    await clickNamed(page, "welcome:start");
    await until(page, "welcome dismissed", () => window.weightless.welcome === false, undefined, 10000);
  }
  return page;
}

// Finds a movie by typing its title into the search box (the tab in front: keys go to the focused page).
async function searchFor(page, text, id) {
  await page.bringToFront();
  await clickNamed(page, "search");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(text, { delay: 20 });
  await until(page, "found " + text, k => window.weightless.rects[k] !== undefined, "r:" + id + ":stars", 10000);
  await frames(page, 2);
}
// ... then clicks its stars.
async function searchAndRate(page, text, id, stars) {
  await searchFor(page, text, id);
  await rateAt(page, "r:" + id + ":stars", stars);
}

const saved = page => until(page, "saved", () => {
  const w = window.weightless;
  return w.saved.revision === w.revision && w.storage && !w.storage.busy && w.storage.flushes > 0 && !w.saved.error;
}, undefined, 20000);

async function twoTabs(browser, origin, requests) {
  console.log("two tabs, one person");
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const a = await open(context, origin, requests);
  await searchAndRate(a, "toy story", 1, 4);
  await saved(a);
  const b = await open(context, origin, requests);
  check("B opens with A's rating", ratingsOf(await state(b))[1] === 4, (await state(b)).ratings);
  await searchAndRate(b, "jumanji", 2, 3);
  await saved(b);
  // A never reloads: it must show B's rating by itself (no input on A meanwhile).
  await until(a, "stale tab A shows B's rating without a reload", () => window.weightless.ratings.some(r => r[0] === 2), undefined, 20000);
  check("A shows B's rating", ratingsOf(await state(a))[2] === 3, (await state(a)).ratings);
  await searchAndRate(a, "grumpier old men", 3, 5);
  await saved(a);
  await until(b, "B shows A's third rating", () => window.weightless.ratings.some(r => r[0] === 3), undefined, 20000);
  // Both at the same moment: each write merges the other's.
  await searchFor(a, "heat", 6);
  await searchFor(b, "sabrina", 7);
  await Promise.all([rateAt(a, "r:6:stars", 2.5), rateAt(b, "r:7:stars", 3.5)]);
  await Promise.all([saved(a), saved(b)]);
  const want = { 1: 4, 2: 3, 3: 5, 6: 2.5, 7: 3.5 };
  await until(a, "A has all five", n => window.weightless.ratings.length === n, 5, 20000);
  await until(b, "B has all five", n => window.weightless.ratings.length === n, 5, 20000);
  check("A holds every rating", JSON.stringify(ratingsOf(await state(a))) === JSON.stringify(want), (await state(a)).ratings);
  check("B holds every rating", JSON.stringify(ratingsOf(await state(b))) === JSON.stringify(want), (await state(b)).ratings);
  await shot(a, "robust-01-tab-a");
  await a.close();
  await b.close();
  const c = await open(context, origin, requests);
  check("a new tab has every rating of both tabs", JSON.stringify(ratingsOf(await state(c))) === JSON.stringify(want), (await state(c)).ratings);
  await c.reload();
  await until(c, "ready after reload", () => window.weightless && window.weightless.stage === "ready");
  check("and so does its reload", JSON.stringify(ratingsOf(await state(c))) === JSON.stringify(want), (await state(c)).ratings);
  await context.close();
}

// Replaces parts of IndexedDB before the page's own scripts run. `mode`: missing (no indexedDB), refused
// (indexedDB.open throws), quota (put throws QuotaExceededError while window.wlFault is set) or abort (the
// transaction is aborted right after a put is issued, while window.wlFault is set).
function injectFault(mode) {
  if (mode === "missing") {
    Object.defineProperty(window, "indexedDB", { configurable: true, get() { return undefined; } });
  } else if (mode === "refused") {
    IDBFactory.prototype.open = function() { throw new DOMException("The user denied permission to access the database.", "SecurityError"); };
  } else {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function(...args) {
      if (window.wlFault && mode === "quota") throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      const req = put.apply(this, args);
      if (window.wlFault && mode === "abort") this.transaction.abort();
      return req;
    };
  }
}

async function noStorage(browser, origin, requests, mode) {
  console.log("storage fault: " + mode);
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await context.addInitScript(injectFault, mode);
  const page = await open(context, origin, requests);
  let s = await state(page);
  check(mode + ": the page says it cannot keep data and what to do", /keep data/.test(s.storage_note) && /Export/.test(s.storage_note), s.storage_note);
  await searchAndRate(page, "toy story", 1, 4);
  await searchAndRate(page, "jumanji", 2, 3);
  s = await state(page);
  check(mode + ": rating works in memory", ratingsOf(s)[1] === 4 && ratingsOf(s)[2] === 3, s.ratings);
  check(mode + ": recommendations follow", s.recs.length === 20);
  await shot(page, "robust-02-" + mode);
  await context.close();
}

async function failingWrites(browser, origin, requests, mode) {
  console.log("storage fault: " + mode);
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await context.addInitScript(injectFault, mode);
  const page = await open(context, origin, requests);
  await searchAndRate(page, "toy story", 1, 4);
  await saved(page);
  const good = JSON.stringify((await state(page)).ratings);
  await page.evaluate(() => { window.wlFault = true; });
  await searchAndRate(page, "jumanji", 2, 3);
  await until(page, mode + ": the failed write is reported", () => window.weightless.saved.error !== "", undefined, 20000);
  let s = await state(page);
  check(mode + ": it says the ratings are not saved and what to do", /not saved|could not be saved/i.test(s.saved.error) && /Export/.test(s.saved.error), s.saved.error);
  check(mode + ": the tab keeps both ratings in memory", ratingsOf(s)[1] === 4 && ratingsOf(s)[2] === 3, s.ratings);
  await frames(page, 2);
  await shot(page, "robust-03-" + mode);
  // Export still works while saving does not.
  await clickNamed(page, "nav:data");
  await frames(page, 2);
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), clickNamed(page, "export")]);
  const file = await download.path();
  check(mode + ": Export gives the person a file", fs.statSync(file).size > 1000);
  // A reload (the fault gone with the old page): the last good saved state, never a broken one.
  await page.reload();
  await until(page, "ready after reload", () => window.weightless && window.weightless.stage === "ready");
  s = await state(page);
  check(mode + ": the last good saved state survives", JSON.stringify(s.ratings) === good && !s.saved.paused, [s.ratings, good, s.saved]);
  // Saving works again once the storage does: the next change is saved and the message goes.
  await clickNamed(page, "nav:rate");
  await searchAndRate(page, "grumpier old men", 3, 5);
  await saved(page);
  await page.reload();
  await until(page, "ready after the second reload", () => window.weightless && window.weightless.stage === "ready");
  s = await state(page);
  check(mode + ": later saves work", ratingsOf(s)[3] === 5 && ratingsOf(s)[1] === 4 && !ratingsOf(s)[2], s.ratings);
  await context.close();
}

async function main() {
  fs.mkdirSync(L.shots, { recursive: true });
  if (!fs.existsSync(L.dist + "/index.html")) throw new Error(L.dist + "/index.html missing: run scripts/build-web.sh");
  const server = await L.serve(L.dist);
  const origin = "http://127.0.0.1:" + server.address().port;
  const browser = await chromium.launch({ executablePath: L.chromiumPath, args: L.args, headless: true });
  const requests = [];
  await twoTabs(browser, origin, requests);
  for (const mode of ["missing", "refused"]) await noStorage(browser, origin, requests, mode);
  for (const mode of ["quota", "abort"]) await failingWrites(browser, origin, requests, mode);
  const foreign = requests.filter(u => !u.startsWith(origin + "/") && !u.startsWith("data:") && !u.startsWith("blob:" + origin + "/"));
  check("every request stays on the page's origin", foreign.length === 0, foreign);
  // The injected faults make IndexedDB throw; the app reports them on the page, never as console errors.
  check("no console errors", L.errors.length === 0, L.errors);
  await browser.close();
  server.close();
}

L.run("robust", main);
