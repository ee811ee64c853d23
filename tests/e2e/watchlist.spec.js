// The watchlist (issue 20), in headless Chromium on the desktop (1280 x 800, mouse) and on a phone (390 x 844, device
// scale 3, touch): after five ratings, "From your watchlist" is empty and says how to fill it; a real Letterboxd
// watchlist.csv (../shared/data/exports, read at test time, never shipped: 805 films) is imported on Data & privacy;
// the view then ranks it (best first, by the list's own scores) with the network's guessed stars and reasons in
// words, the list's filter applies and the page says how many films it leaves out, "show more" adds 20; a film is
// taken off from the view (and put back by Undo), one is added from the search results, one rated from the view
// leaves it; the watchlist is saved as Letterboxd's list CSV; and after a reload (IndexedDB) the watchlist is the same.
// On the desktop, the saved CSV picked in a fresh browser brings the same watchlist back.
// Nothing is cut off at the phone's right edge, and the console stays empty.
// Usage: node watchlist.spec.js (exit 1 on any failure; skipped, passing, when the shared exports are absent).
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const path = require("path");
const L = require("./lib");
const { check, state, until, frames, shot } = L;

const watchlistCsv = path.join(L.root, "..", "shared", "data", "exports", "letterboxd-patrickmjones", "watchlist.csv");
const RATE = [[1, "toy story"], [260, "star wars"], [296, "pulp fiction"], [318, "shawshank"], [2571, "matrix"]];
const REASON = /^(Because you liked .+\((\d½?|½)★\)|Not from a film you liked)/;  // "4★", "4½★", "½★"

// The device's way of pressing, navigating and scrolling: a mouse on the desktop, a finger on the phone.
function driver(page, phone, cdp) {
  const press = async (name, fx = 0.5, fy = 0.5) => {
    const s = await state(page);
    const r = s.rects[name];
    if (!check("widget visible: " + name, !!r, Object.keys(s.rects).filter(k => !/^(r|rec|wl|q|y|new|side|why|how):/.test(k)))) return false;
    if (phone) {
      await page.touchscreen.tap(r[0] + r[2] * fx, r[1] + r[3] * fy);
      await frames(page, 4);
    } else {
      await L.clickIn(page, r, fx, fy);
    }
    return true;
  };
  // Scrolls the page (a finger dragged up, or the mouse wheel) until `name` is drawn inside the screen, clear of the
  // top bar and the status line; a widget not drawn at all is looked for below, then above.
  const reveal = async name => {
    let down = true, last = null;
    for (let i = 0; i < 80; i++) {
      const s = await state(page);
      const r = s.rects[name];
      if (r && r[1] >= 50 && r[1] + r[3] <= s.css[1] - 40) return true;
      if (!r && last === s.page_scroll) down = !down;  // the page's end: look the other way
      last = s.page_scroll;
      const dy = r ? Math.max(-300, Math.min(300, r[1] - s.css[1] / 2)) : down ? 300 : -300;
      if (phone) {
        const x = 370, y0 = 450;
        await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y: y0 }] });
        await frames(page, 2);
        for (let k = 1; k <= 8; k++) {
          await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: y0 - dy * k / 8 }] });
          await frames(page, 1);
        }
        await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
        await frames(page, 4);
      } else {
        await L.wheel(page, 640, 450, dy, 1);
      }
    }
    return check("scrolled to " + name, false);
  };
  const go = async name => {
    if (phone) {
      const s = await state(page);
      if (!s.menu) await press("menu");
      await until(page, "menu open", () => window.weightless.rects["nav:rate"] !== undefined, undefined, 10000);
    }
    await press("nav:" + name);
    await until(page, "page " + name, p => window.weightless.page === p && !window.weightless.menu, name, 10000);
    await frames(page, 3);
  };
  const search = async (text, key) => {
    await press("search");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
    await page.keyboard.type(text, { delay: 10 });
    return until(page, "found " + text, k => window.weightless.rects[k] !== undefined, key, 10000);
  };
  const rate = async (key, stars) => {
    const before = (await state(page)).revision;
    await reveal(key);
    if (!(await press(key, (stars * 2 - 0.5) / 10, 0.5))) return;
    await until(page, "rating applied " + key, b => window.weightless.revision > b, before, 10000);
  };
  const noOverflow = async where => {
    if (!phone) return;
    await frames(page, 3);
    const s = await state(page);
    check("nothing cut off at the right: " + where, s.overflow.length === 0, s.overflow);
    const wide = Object.entries(s.rects).filter(([, r]) => r[0] + r[2] > s.css[0] + 0.5);
    check("every widget within the 390 px width: " + where, wide.length === 0, wide.slice(0, 5));
  };
  return { press, reveal, go, search, rate, noOverflow };
}

async function session(browser, origin, phone) {
  const where = phone ? "phone" : "desktop";
  console.log(`  -- ${where}`);
  const context = await browser.newContext(phone
    ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, acceptDownloads: true }
    : { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  L.watch(page, requests);
  const cdp = phone ? await context.newCDPSession(page) : null;
  const d = driver(page, phone, cdp);
  await page.goto(origin + "/");
  await until(page, "ready", () => window.weightless && window.weightless.stage === "ready");
  await until(page, "drawn", () => window.weightless.rects["welcome:start"] !== undefined, undefined, 30000);
  await d.press("welcome:start");
  for (const [id, title] of RATE) {
    await d.search(title, "r:" + id + ":stars");
    await d.rate("r:" + id + ":stars", 4.5);
  }

  // Empty: the view says how to fill it, and its button leads to the import.
  await d.go("recs");
  let s = await state(page);
  check(`${where}: the switch reads "From your watchlist (0)"`, s.texts["scope:watchlist"] === "From your watchlist (0)" &&
    s.rects["scope:for-you"] !== undefined && s.scope === "for-you", [s.texts["scope:watchlist"], s.scope]);
  const forYou = s.recs.map(r => r.id);
  await d.press("scope:watchlist");
  await until(page, "watchlist view", () => window.weightless.scope === "watchlist", undefined, 10000);
  s = await state(page);
  check(`${where}: an empty watchlist lists nothing and says how to fill it`, s.recs.length === 0 &&
    s.rects["watchlist:import"] !== undefined && s.rects["watchlist:search"] !== undefined, [s.recs.length, Object.keys(s.rects).filter(k => k.startsWith("watchlist"))]);
  await d.noOverflow("the empty watchlist");
  await shot(page, `${phone ? "p" : ""}wl-01-empty`);
  await d.press("watchlist:import");
  await until(page, "Data & privacy", () => window.weightless.page === "data", undefined, 10000);

  // Letterboxd's watchlist.csv through the file picker: 805 films, read as a watchlist by its name.
  await d.reveal("history:pick");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser", { timeout: 20000 }), d.press("history:pick")]);
  await chooser.setFiles(watchlistCsv);
  await until(page, "watchlist.csv read", () => window.weightless.history && window.weightless.history.file === "watchlist.csv", undefined, 30000);
  s = await state(page);
  const h = s.history;
  check(`${where}: watchlist.csv is read as a watchlist of 805 rows`, h.marks === "watchlist" && h.rows === 805 && h.marked > 400, h);
  await d.reveal("history:confirm");
  await d.press("history:confirm");
  await until(page, "watchlist kept", () => window.weightless.watchlist > 400, undefined, 30000);
  s = await state(page);
  const imported = s.watchlist;
  check(`${where}: the matched films are on the watchlist (${imported} of 805; the five rated films are not)`,
    imported <= h.marked && imported >= h.marked - RATE.length && RATE.every(([id]) => !s.watchlist_ids.includes(id)), [imported, h.marked]);

  // The view: ranked by the list's scores, with the network's guessed stars and reasons in words.
  await d.go("recs");
  s = await state(page);
  const inList = new Set(s.watchlist_ids);
  check(`${where}: the view is still the watchlist, its switch counts it`, s.scope === "watchlist" &&
    s.texts["scope:watchlist"] === `From your watchlist (${imported})`, [s.scope, s.texts["scope:watchlist"]]);
  check(`${where}: 20 films of the watchlist, best first`, s.recs.length === 20 && s.recs.every(r => inList.has(r.id)) &&
    s.recs.every((r, k) => k === 0 || s.recs[k - 1].score >= r.score), s.recs.map(r => [r.id, r.score]));
  check(`${where}: each with the network's guessed stars`, s.recs.every(r => r.stars >= 0.5 && r.stars <= 5), s.recs.map(r => r.stars));
  check(`${where}: and a reason in words`, s.recs.every(r => REASON.test(r.reason)) && s.recs.some(r => r.reason.startsWith("Because you liked")),
    s.recs.map(r => r.reason));
  console.log(`  #1 of the watchlist: ${s.recs[0].id}, ${s.recs[0].stars.toFixed(2)} stars: ${s.recs[0].reason}`);
  // The same list ranks both views: films of the "For you" list that are on the watchlist keep their order.
  const common = forYou.filter(id => inList.has(id));
  const order = s.recs.map(r => r.id).filter(id => common.includes(id));
  check(`${where}: "For you"'s films on the watchlist (${common.length}) keep their order and lead it`,
    JSON.stringify(order) === JSON.stringify(common.slice(0, order.length)) && common.every((id, k) => s.recs[k] && s.recs[k].id === id),
    [common, s.recs.slice(0, 5).map(r => r.id)]);
  const rowKey = id => `wl:${id}:${phone ? "title" : "stars"}`;
  check(`${where}: the rows are drawn`, s.rects[rowKey(s.recs[0].id)] !== undefined && s.rects[`wl:${s.recs[0].id}:watchlist`] !== undefined,
    Object.keys(s.rects).filter(k => k.startsWith("wl:")).slice(0, 8));
  await d.noOverflow("the watchlist view");
  await shot(page, `${phone ? "p" : ""}wl-02-ranked`);

  // Taken off from the view, at once; Undo puts it back; taken off again for good.
  const first = s.recs[0].id, second = s.recs[1].id;
  await d.reveal(`wl:${first}:watchlist`);
  await d.press(`wl:${first}:watchlist`);
  await until(page, "taken off", n => window.weightless.watchlist === n - 1, imported, 10000);
  s = await state(page);
  check(`${where}: "Remove from watchlist" takes the film off at once, the next moves up`, !s.watchlist_ids.includes(first) &&
    s.recs[0].id === second && s.rects["undo-watchlist"] !== undefined, [s.recs.slice(0, 3).map(r => r.id), s.watchlist]);
  await d.press("undo-watchlist");
  await until(page, "put back", n => window.weightless.watchlist === n, imported, 10000);
  s = await state(page);
  check(`${where}: Undo puts it back at #1`, s.recs[0].id === first && s.watchlist_ids.includes(first), s.recs.slice(0, 3).map(r => r.id));
  await d.reveal(`wl:${first}:watchlist`);
  await d.press(`wl:${first}:watchlist`);
  await until(page, "taken off again", n => window.weightless.watchlist === n - 1, imported, 10000);

  // Rated from the view: watched, so it leaves the watchlist.
  s = await state(page);
  const watched = s.recs[0].id;
  await d.rate(`wl:${watched}:stars`, 4);
  s = await state(page);
  check(`${where}: a film rated from the view leaves the watchlist`, !s.watchlist_ids.includes(watched) && !s.recs.some(r => r.id === watched) &&
    s.watchlist === imported - 2, [s.watchlist, watched]);

  // The list's filter applies, and the page says how many films it leaves out.
  await d.reveal("filter");
  await d.press("filter");
  await until(page, "filter open", () => window.weightless.rects["filter:genres"] !== undefined, undefined, 10000);
  await d.press("filter:genres");
  await until(page, "genres listed", () => window.weightless.rects["filter:genres:Comedy"] !== undefined, undefined, 10000);
  await d.press("filter:genres:Comedy");
  await until(page, "comedies only", () => window.weightless.filter === "genres=Comedy", undefined, 10000);
  await page.keyboard.press("Escape");
  await frames(page, 3);
  s = await state(page);
  check(`${where}: the filter applies to the watchlist and says what it leaves out (${s.watchlist_filtered_out} films)`,
    s.recs.length > 0 && s.recs.every(r => r.genres.split("|").includes("Comedy") && inList.has(r.id)) &&
    s.watchlist_filtered_out > 0 && s.watchlist_filtered_out < imported &&
    s.texts["watchlist:filtered"] === `The filter leaves out ${s.watchlist_filtered_out} films of your watchlist.`,
    [s.watchlist_filtered_out, s.texts["watchlist:filtered"], s.recs.map(r => r.genres)]);
  await d.noOverflow("the filtered watchlist");
  await shot(page, `${phone ? "p" : ""}wl-02b-filtered`);
  await d.reveal("filter:clear");
  await d.press("filter:clear");
  await until(page, "filter cleared", () => window.weightless.filter === "", undefined, 10000);
  if (phone) await d.press("filter");  // fold the filter away again

  // Show more: 20 more of the watchlist.
  const top20 = (await state(page)).recs.map(r => r.id);
  await d.reveal("recs:more");
  await d.press("recs:more");
  await until(page, "40 shown", () => window.weightless.recs.length === 40, undefined, 10000);
  s = await state(page);
  check(`${where}: show more adds 20, the first 20 unchanged`, JSON.stringify(s.recs.slice(0, 20).map(r => r.id)) === JSON.stringify(top20),
    s.recs.length);

  // The whole watchlist saved as Letterboxd's list CSV, best first.
  await d.reveal("watchlist:export");
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), d.press("watchlist:export")]);
  const csvPath = path.join(L.root, "out", `weightless-watchlist-${where}.csv`);
  await download.saveAs(csvPath);
  const lines = fs.readFileSync(csvPath, "utf8").trim().split("\n");
  s = await state(page);
  check(`${where}: the watchlist saved as CSV: Letterboxd's list layout, every film, best first`,
    lines[0] === "Position,Title,Year,imdbID,tmdbID" && lines.length - 1 === s.watchlist && /^1,/.test(lines[1]) &&
    new RegExp("^" + s.watchlist + ",").test(lines[lines.length - 1]), [lines[0], lines.length - 1, s.watchlist]);
  const savedIds = [...s.watchlist_ids].sort((a, b) => a - b);

  // One added from the search results on the Rate page.
  await d.go("rate");
  const added = 4973;  // Amélie
  await d.search("amelie", `r:${added}:watchlist`);
  s = await state(page);
  check(`${where}: a search result offers "+ Watchlist"`, s.texts[`r:${added}:watchlist`] === "+ Watchlist" && !s.watchlist_ids.includes(added),
    s.texts[`r:${added}:watchlist`]);
  await d.noOverflow("search results with the watchlist button");
  await shot(page, `${phone ? "p" : ""}wl-03-search`);
  await d.press(`r:${added}:watchlist`);
  await until(page, "added", id => window.weightless.watchlist_ids.includes(id), added, 10000);
  s = await state(page);
  check(`${where}: added from search, the button says so`, s.texts[`r:${added}:watchlist`] === "On watchlist ✓" && s.watchlist === imported - 1,
    [s.texts[`r:${added}:watchlist`], s.watchlist]);

  // Saved: after a reload the watchlist is the same (the view opens on "For you", as the filter does not persist).
  const kept = [...s.watchlist_ids].sort((a, b) => a - b);
  await until(page, "saved", () => !window.weightless.storage || !window.weightless.storage.busy, undefined, 20000);
  await until(page, "saved revision", () => window.weightless.saved && window.weightless.saved.revision === window.weightless.revision,
    undefined, 20000);
  await page.reload();
  await until(page, "ready after reload", () => window.weightless && window.weightless.stage === "ready");
  await frames(page, 5);
  s = await state(page);
  check(`${where}: the watchlist survives a reload`, JSON.stringify([...s.watchlist_ids].sort((a, b) => a - b)) === JSON.stringify(kept) &&
    s.watchlist_ids.includes(added) && !s.watchlist_ids.includes(first) && !s.watchlist_ids.includes(watched), [s.watchlist, kept.length]);
  await d.go("recs");
  await d.press("scope:watchlist");
  await until(page, "watchlist view after reload", () => window.weightless.scope === "watchlist", undefined, 10000);
  s = await state(page);
  check(`${where}: and is ranked again, Amélie on it`, s.recs.length === 20 && s.recs.every(r => s.watchlist_ids.includes(r.id)), s.recs.length);
  await d.noOverflow("the watchlist view after a reload");
  const origins = new Set(requests.map(u => new URL(u).origin));
  check(`${where}: only the page's own files were requested`, origins.size === 1 && origins.has(origin), [...origins]);
  await context.close();
  if (!phone) await reimport(browser, origin, csvPath, savedIds);
}

// The saved watchlist CSV picked again in a fresh browser (nothing rated, nothing stored): read as a list of films,
// offered as the watchlist, and kept, it is the same watchlist.
async function reimport(browser, origin, csvPath, savedIds) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  L.watch(page, []);
  const d = driver(page, false, null);
  await page.goto(origin + "/");
  await until(page, "fresh: ready", () => window.weightless && window.weightless.stage === "ready");
  await until(page, "fresh: drawn", () => window.weightless.rects["welcome:start"] !== undefined, undefined, 30000);
  await d.press("welcome:start");
  await d.go("data");
  await d.reveal("history:pick");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser", { timeout: 20000 }), d.press("history:pick")]);
  await chooser.setFiles(csvPath);
  const name = path.basename(csvPath);
  await until(page, "saved watchlist read", n => window.weightless.history && window.weightless.history.file === n, name, 30000);
  const h = (await state(page)).history;
  check("the app's own watchlist CSV reads back as a list of films, offered as the watchlist, every film found",
    h.format === "Letterboxd list-import CSV" && h.marks === "watchlist" && h.rows === savedIds.length && h.marked === savedIds.length &&
    h.chosen === 0, [h, savedIds.length]);
  check("the preview lets the person call them seen instead", await d.reveal("history:marks:seen"), h.format);
  await d.reveal("history:confirm");
  await shot(page, "wl-05-reimport");
  await d.press("history:confirm");
  await until(page, "saved watchlist kept", n => window.weightless.watchlist === n, savedIds.length, 30000);
  const s = await state(page);
  check("kept, it is the watchlist that was saved", JSON.stringify([...s.watchlist_ids].sort((a, b) => a - b)) === JSON.stringify(savedIds) &&
    s.ratings.length === 0, [s.watchlist, savedIds.length, s.ratings.length]);
  await context.close();
}

async function main() {
  if (!fs.existsSync(watchlistCsv)) {
    console.log("  no " + watchlistCsv + ": skipped");
    return;
  }
  fs.mkdirSync(L.shots, { recursive: true });
  const server = await L.serve(L.dist);
  const origin = "http://127.0.0.1:" + server.address().port;
  const browser = await chromium.launch({ executablePath: L.chromiumPath, args: L.args, headless: true });
  await session(browser, origin, false);
  await session(browser, origin, true);
  check("no console errors", L.errors.length === 0, L.errors);
  await browser.close();
  server.close();
}

L.run("watchlist.spec", main);
