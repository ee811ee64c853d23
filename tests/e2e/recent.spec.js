// "Follow my latest ratings" (issue 20), in headless Chromium with real typing, clicks and taps: a new person rates a
// dozen films, turns the setting on beside the list's filter, and the list changes and says so in words while the
// predicted stars stay the same (the rating network keeps every rating); a reload keeps the setting (IndexedDB) and
// the list; off again, the list is the first one exactly. On a phone the checkbox, its help and the notice fit the
// width. Zero console errors. Usage: node recent.spec.js (exit 1 on any failure).
"use strict";
const { chromium } = require("playwright-core");
const L = require("./lib");
const { check, state, until, frames, clickNamed, rateAt, shot } = L;

// Six crime and drama films first, then six animated ones: the window of the latest ten drops the oldest two.
const FILMS = [[296, "pulp fiction"], [2959, "fight club"], [1213, "goodfellas"], [318, "shawshank"], [593, "silence of the lambs"],
  [356, "forrest gump"], [1, "toy story"], [6377, "finding nemo"], [68954, "up (2009)"], [5618, "spirited away"],
  [4306, "shrek (2001)"], [2355, "a bug's life"]];
const listOf = s => s.recs.map(r => [r.id, r.stars]);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function desktop(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  L.watch(page, []);
  await page.goto(origin + "/");
  await until(page, "ready", () => window.weightless && window.weightless.stage === "ready");
  await until(page, "drawn", () => window.weightless.rects["welcome:start"] !== undefined, undefined, 30000);
  await clickNamed(page, "welcome:start");
  await until(page, "welcome dismissed", () => window.weightless.welcome === false, undefined, 10000);
  for (const [id, title] of FILMS) {
    await clickNamed(page, "search");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
    await page.keyboard.type(title, { delay: 20 });
    await until(page, "found " + title, k => window.weightless.rects[k] !== undefined, "r:" + id + ":stars", 10000);
    await frames(page, 2);
    await rateAt(page, "r:" + id + ":stars", id < 2000 || id > 5000 ? 5 : 4.5);
  }
  await clickNamed(page, "nav:recs");
  await frames(page, 3);
  let s = await state(page);
  check("a dozen films rated", s.ratings.length === FILMS.length, s.ratings);
  check("the setting is off at first, and nothing says it is on", s.recent_list === 0 && s.texts["recent:notice"] === undefined,
    [s.recent_list, s.texts["recent:notice"]]);
  check("the help says what it does and what was measured", /10 most recent/.test(s.texts["help:recent"] || "") &&
    /MovieLens/.test(s.texts["help:recent"]) && /not a change of taste/.test(s.texts["help:recent"]), s.texts["help:recent"]);
  const off = listOf(s);
  const listMs = [];

  await clickNamed(page, "recent:toggle");
  await until(page, "setting on", () => window.weightless.recent_list === 10, undefined, 10000);
  await frames(page, 2);
  s = await state(page);
  listMs.push(s.list_ms);
  const on = listOf(s);
  check("on: the list changes", !same(on.map(r => r[0]), off.map(r => r[0])), [off.slice(0, 5), on.slice(0, 5)]);
  check("on: the list says so in words", /latest ratings: the list leans on your 10 most recent of 12/.test(s.texts["recent:notice"] || ""),
    s.texts["recent:notice"]);
  const offStars = Object.fromEntries(off);
  const common = on.filter(([id]) => id in offStars);
  check("on: the predicted stars of films in both lists are unchanged (the network keeps every rating)",
    common.length > 0 && common.every(([id, st]) => offStars[id] === st), common.slice(0, 5));
  await shot(page, "recent-on");

  // Saved in IndexedDB: a reload keeps the setting and the same list.
  await until(page, "saved", () => window.weightless.saved && window.weightless.saved.revision >= window.weightless.revision,
    undefined, 15000);
  await page.reload();
  await until(page, "ready after reload", () => window.weightless && window.weightless.stage === "ready");
  await until(page, "drawn after reload", () => window.weightless.rects["nav:recs"] !== undefined, undefined, 30000);
  s = await state(page);
  check("after a reload the setting is still on", s.recent_list === 10 && s.ratings.length === FILMS.length, [s.recent_list, s.ratings.length]);
  await clickNamed(page, "nav:recs");
  await frames(page, 3);
  s = await state(page);
  check("after a reload the list is the same", same(listOf(s), on), [listOf(s).slice(0, 5), on.slice(0, 5)]);

  await clickNamed(page, "recent:toggle");
  await until(page, "setting off", () => window.weightless.recent_list === 0, undefined, 10000);
  await frames(page, 2);
  s = await state(page);
  listMs.push(s.list_ms);
  check("off again: the first list exactly (films, order and stars)", same(listOf(s), off), [listOf(s).slice(0, 5), off.slice(0, 5)]);
  check("off: no notice", s.texts["recent:notice"] === undefined, s.texts["recent:notice"]);
  console.log(`  the setting toggled -> re-ranked list: ${listMs.map(m => m.toFixed(1)).join(" ms, ")} ms (list_ms)`);
  await context.close();
}

// A real tap at the middle of a named widget, then frames for ImGui to see it.
async function tapNamed(page, name) {
  const s = await state(page);
  const r = s.rects[name];
  if (!check("widget visible: " + name, !!r, Object.keys(s.rects).slice(0, 60))) return false;
  await page.touchscreen.tap(r[0] + r[2] / 2, r[1] + r[3] / 2);
  await frames(page, 4);
  return true;
}
async function noOverflow(page, where) {
  await frames(page, 3);
  const s = await state(page);
  check("phone: nothing cut off at the right: " + where, s.overflow.length === 0, s.overflow);
  const wide = Object.entries(s.rects).filter(([, r]) => r[0] + r[2] > s.css[0] + 0.5);
  check("phone: every widget within the 390 px width: " + where, wide.length === 0, wide.slice(0, 5));
}

async function phone(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  L.watch(page, []);
  await page.goto(origin + "/");
  await until(page, "phone ready", () => window.weightless && window.weightless.stage === "ready");
  await until(page, "phone drawn", () => window.weightless.rects["welcome:start"] !== undefined, undefined, 30000);
  await tapNamed(page, "welcome:start");
  await until(page, "phone: welcome dismissed", () => window.weightless.welcome === false, undefined, 10000);
  let s = await state(page);
  if (!s.menu) await tapNamed(page, "menu");
  await until(page, "phone: menu open", () => window.weightless.rects["nav:recs"] !== undefined, undefined, 10000);
  await tapNamed(page, "nav:recs");
  await until(page, "phone: the list's page", () => window.weightless.page === "recs" && !window.weightless.menu, undefined, 10000);
  await noOverflow(page, "the list, the setting off");
  await tapNamed(page, "filter");  // a phone keeps the list's settings in the filter's section
  await until(page, "phone: the list's settings open", () => window.weightless.rects["recent:toggle"] !== undefined, undefined, 10000);
  await tapNamed(page, "recent:toggle");
  await until(page, "phone: setting on by a tap", () => window.weightless.recent_list === 10, undefined, 10000);
  await tapNamed(page, "help:recent");
  s = await state(page);
  check("phone: the notice is shown", /most recent/.test(s.texts["recent:notice"] || ""), s.texts["recent:notice"]);
  await noOverflow(page, "the list, the setting on, its help open");
  await shot(page, "recent-phone");
  await context.close();
}

async function main() {
  const server = await L.serve(L.dist);
  const origin = "http://127.0.0.1:" + server.address().port;
  const browser = await chromium.launch({ executablePath: L.chromiumPath, args: L.args, headless: true });
  await desktop(browser, origin);
  await phone(browser, origin);
  check("no console errors", L.errors.length === 0, L.errors);
  await browser.close();
  server.close();
}

L.run("recent.spec", main);
