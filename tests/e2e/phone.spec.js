// The app on a phone, from an existing rating history, and offline: headless Chromium emulating a phone (390 x 844
// CSS pixels, device scale 3, isMobile, hasTouch), driven by real touch events (taps, a finger dragged over a list).
// - Layout: one column under the width threshold; no widget cut off at the right on any page (the app's own
//   snapshot lists every window and table column whose content reaches past its visible edge); screenshots; the
//   mouse wheel scrolls each page and logs nothing.
// - Typing: a tap on the search box gives the hidden DOM input focus (so a phone's keyboard opens); keys and
//   soft-keyboard text (an input event without key events) reach the search; paste (the DOM paste event).
// - Five movies rated by tapping their stars; a list scrolled by dragging, which rates nothing.
// - Import of each fixture (tests/fixtures/import) through the file picker: the preview, then the ratings after the
//   confirm; a foreign file changes nothing; the CSV export; a 1,000-row IMDb file learned (measured).
// - navigator.storage.persist() asked after the first rating and its answer on Data & privacy.
// - Offline: after the first visit the network is cut, the page reloads from the service worker with every rating.
// Measurements are appended to docs/APP_METRICS.md (after app.spec.js wrote it); docs/screenshot-phone.png.
// Usage: node phone.spec.js (exit 1 on any failure).
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const path = require("path");
const L = require("./lib");
const cpuAtStart = L.hostCpu();  // how contended the host was, for the timings recorded
const { check, state, until, frames, shot, ratingsOf } = L;

const fixtures = path.join(L.root, "tests", "fixtures", "import");
const metrics = {};

// A real tap at the middle of a named widget (fx, fy: where in it), then frames for ImGui to see it.
async function tapIn(page, r, fx = 0.5, fy = 0.5) {
  await page.touchscreen.tap(r[0] + r[2] * fx, r[1] + r[3] * fy);
  await frames(page, 4);
}
async function tapNamed(page, name, fx, fy) {
  const s = await state(page);
  const r = s.rects[name];
  if (!check("widget visible: " + name, !!r, Object.keys(s.rects).slice(0, 60))) return false;
  await tapIn(page, r, fx, fy);
  return true;
}
async function tapStars(page, key, stars) {
  const before = (await state(page)).revision;
  if (!(await tapNamed(page, key, (stars * 2 - 0.5) / 10, 0.5))) return;
  await until(page, "rating applied by a tap " + key, b => window.weightless.revision > b, before, 10000);
}
// Opens a page through the phone's menu.
async function go(page, name) {
  const s = await state(page);
  if (!s.menu) await tapNamed(page, "menu");
  await until(page, "menu open", () => window.weightless.rects["nav:rate"] !== undefined, undefined, 10000);
  await tapNamed(page, "nav:" + name);
  await until(page, "page " + name, p => window.weightless.page === p && !window.weightless.menu, name, 10000);
  await frames(page, 3);
}
// A finger dragged from (x, y0) to (x, y1) in steps, through the DevTools protocol (real touch events).
async function drag(page, cdp, x, y0, y1, steps = 10) {
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y: y0 }] });
  await frames(page, 2);
  for (let i = 1; i <= steps; i++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: y0 + (y1 - y0) * i / steps }] });
    await frames(page, 1);
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await frames(page, 4);
}
// Drags the page up (a finger moving up) until `name` is fully on screen; false when it never appears.
async function scrollTo(page, cdp, name) {
  for (let i = 0; i < 12; i++) {
    const s = await state(page);
    const r = s.rects[name];
    if (r && r[1] >= 60 && r[1] + r[3] <= s.css[1] - 120) return true;
    const up = r ? Math.max(-300, Math.min(300, r[1] - s.css[1] / 2)) : 300;
    if (Math.abs(up) < 20) return true;
    await drag(page, cdp, 370, 450, 450 - up, 8);
  }
  return check("scrolled to " + name, false);
}
async function noOverflow(page, where) {
  await frames(page, 3);
  const s = await state(page);
  check("nothing cut off at the right: " + where, s.overflow.length === 0, s.overflow);
  const wide = Object.entries(s.rects).filter(([, r]) => r[0] + r[2] > s.css[0] + 0.5);
  check("every widget within the 390 px width: " + where, wide.length === 0, wide.slice(0, 5));
}
const focusedId = page => page.evaluate(() => document.activeElement && document.activeElement.id);
async function clearSearch(page) {
  await tapNamed(page, "search");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await until(page, "search cleared", () => window.weightless.query === "", undefined, 10000);
}
async function importFile(page, file, cdp) {
  await scrollTo(page, cdp, "history:pick");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser", { timeout: 20000 }), tapNamed(page, "history:pick")]);
  const t0 = Date.now();
  await chooser.setFiles(file);
  await until(page, "history read: " + path.basename(file), n => {
    const w = window.weightless;
    return (w.history && w.history.file === n) || /^Not imported/.test(w.history_message);
  }, path.basename(file), 30000);
  return t0;
}

// A made-up IMDb "Your ratings" file of `n` films of the catalogue (links.csv gives their IMDb ids), in the real layout.
function imdbFile(n) {
  const links = path.join(L.root, "..", "shared", "data", "ml-latest-small", "links.csv");
  if (!fs.existsSync(links)) return null;
  const rows = fs.readFileSync(links, "utf8").trim().split(/\r?\n/).slice(1).map(l => l.split(","));
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out = ["Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors"];
  for (let i = 0; i < n; i++) {
    const [, imdb] = rows[Math.floor(i * rows.length / n)];
    const r = 1 + Math.floor(rnd() * 10);
    out.push(`tt${imdb},${r},2022-01-${String(1 + (i % 28)).padStart(2, "0")},Film ${i},Film ${i},https://www.imdb.com/title/tt${imdb}/,Movie,7.0,100,2000,Drama,1000,2000-01-01,Someone`);
  }
  const file = path.join(L.root, "out", "imdb-1000.csv");
  fs.writeFileSync(file, out.join("\r\n") + "\r\n");
  return file;
}

async function main() {
  fs.mkdirSync(L.shots, { recursive: true });
  const server = await L.serve();
  const origin = "http://127.0.0.1:" + server.address().port;
  const browser = await chromium.launch({ executablePath: L.chromiumPath, args: L.args, headless: true });
  const requests = [];
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true,
    hasTouch: true, acceptDownloads: true });
  const page = await context.newPage();
  L.watch(page, requests);
  const cdp = await context.newCDPSession(page);

  // 1. First visit on a phone.
  const t0 = Date.now();
  await page.goto(origin + "/");
  await until(page, "first frame", () => window.weightless && window.weightless.frame >= 1);
  metrics.first_frame_wall_ms = Date.now() - t0;
  await until(page, "ready", () => window.weightless.stage === "ready");
  let s = await state(page);
  metrics.first_frame_ms = s.first_frame_ms;
  metrics.ready_ms = s.ready_ms;
  check("phone layout at 390 CSS px", s.phone === true && s.css[0] === 390 && s.css[1] === 844, [s.phone, s.css]);
  check("framebuffer at device scale 3", s.framebuffer[0] === 1170 && s.framebuffer[1] === 2532, s.framebuffer);
  check("welcome on a first visit", s.welcome === true);
  await noOverflow(page, "welcome");
  await shot(page, "p01-welcome");
  await tapNamed(page, "welcome:start");
  await until(page, "welcome dismissed by a tap", () => window.weightless.welcome === false, undefined, 10000);
  s = await state(page);
  check("a tap is a click (touch seen)", s.touch === true, s.touch);
  await noOverflow(page, "rate (start list)");
  await shot(page, "p02-rate");

  // 2. Typing: a tap on the search box focuses the hidden input; keys reach the search.
  await tapNamed(page, "search");
  await until(page, "ImGui wants text after the tap", () => window.weightless.want_text === true, undefined, 10000);
  check("the hidden DOM input has focus after a tap on the search box (a phone keyboard opens for it)",
    (await focusedId(page)) === "wl-text", await focusedId(page));
  await page.keyboard.type("amelie", { delay: 30 });
  await until(page, "typed search finds Amélie", () => window.weightless.rects["r:4973:stars"] !== undefined, undefined, 10000);
  await noOverflow(page, "search results");
  await shot(page, "p03-search");
  await tapStars(page, "r:4973:stars", 4.5);
  s = await state(page);
  check("Amélie rated 4.5 by a tap", ratingsOf(s)[4973] === 4.5, s.ratings);
  // A soft keyboard sends text as input events without key events: insertText does exactly that.
  await clearSearch(page);
  await page.keyboard.insertText("toy story");
  await until(page, "soft-keyboard text reaches the search", () => window.weightless.query === "toy story", undefined, 10000);
  await until(page, "Toy Story found", () => window.weightless.rects["r:1:stars"] !== undefined, undefined, 10000);
  await tapStars(page, "r:1:stars", 4);
  // Paste: the DOM paste event (Ctrl+V on a desktop, the paste action on a phone) puts its text in the box.
  await clearSearch(page);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData("text/plain", "Pulp Fiction");
    document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await until(page, "pasted text in the search box", () => window.weightless.query === "Pulp Fiction", undefined, 10000);
  await until(page, "Pulp Fiction found by the pasted text", () => window.weightless.rects["r:296:stars"] !== undefined, undefined, 10000);
  await tapStars(page, "r:296:stars", 5);
  await clearSearch(page);
  // A tap outside the box closes the text field, and the hidden input gives focus back (the keyboard closes).
  await tapNamed(page, "status:privacy");
  await until(page, "text field closed", () => window.weightless.want_text === false, undefined, 10000);
  check("the hidden input is blurred when no text is wanted", (await focusedId(page)) !== "wl-text", await focusedId(page));

  // 3. Two more from the start list by tapping: five in all.
  for (const v of [2, 3.5]) {
    await until(page, "start list", () => Object.keys(window.weightless.rects).some(k => /^q:\d+:stars$/.test(k)), undefined, 10000);
    s = await state(page);
    await tapStars(page, Object.keys(s.rects).filter(k => /^q:\d+:stars$/.test(k))[0], v);
  }
  s = await state(page);
  check("five ratings by tapping", s.ratings.length === 5 && JSON.stringify(Object.values(ratingsOf(s)).sort()) === JSON.stringify([2, 3.5, 4, 4.5, 5]), s.ratings);
  await until(page, "persistent storage asked after the first rating", () => window.weightless.durable !== "not asked" && window.weightless.durable !== "asking", undefined, 10000);
  s = await state(page);
  check("navigator.storage.persist() answered: " + s.durable, ["granted", "refused", "unavailable"].includes(s.durable), s.durable);

  // 4. Drag scrolls the list under the finger and rates nothing.
  await go(page, "recs");
  // The first pick put on the watchlist by a tap: the switch above the list counts it (README's screenshot shows it).
  s = await state(page);
  if (await tapNamed(page, `rec:${s.recs[0].id}:watchlist`)) {
    await until(page, "on the watchlist", () => window.weightless.watchlist === 1, undefined, 10000);
    s = await state(page);
    check("'+ Watchlist' tapped on the list: the switch counts it", s.texts["scope:watchlist"] === "From your watchlist (1)" &&
      s.texts[`rec:${s.recs[0].id}:watchlist`] === "On watchlist ✓", [s.texts["scope:watchlist"], s.watchlist]);
  }
  await noOverflow(page, "recommendations");
  await shot(page, "p04-recommendations");
  // The list's settings are folded into one section on a phone: the first screen shows the films.
  const firstTwo = Object.entries(s.rects).filter(([n]) => /^rec:\d+:stars$/.test(n)).sort((a, b) => a[1][1] - b[1][1]).slice(0, 2);
  check("phone: the list's settings are folded, and the first two films' stars are on the first screen",
    s.rects["source"] === undefined && firstTwo.length === 2 && firstTwo.every(([, r]) => r[1] + r[3] <= s.css[1]),
    [s.rects["source"], firstTwo, s.css]);
  await tapNamed(page, "filter");
  await until(page, "phone: the list's settings open by a tap", () => window.weightless.rects["help:source"] !== undefined, undefined, 10000);
  // A finger cannot hover: a help mark opens its text in place, and a second tap closes it.
  if (await tapNamed(page, "help:source")) {
    if (await until(page, "a tapped help mark opens its text", () => window.weightless.rects["help-text:source"] !== undefined,
                    undefined, 10000)) {
      check("a tapped help mark opens its text", true);
      await noOverflow(page, "recommendations with a help text open");
    }
    await tapNamed(page, "help:source");
    if (await until(page, "a second tap closes the help text", () => window.weightless.rects["help-text:source"] === undefined,
                    undefined, 10000))
      check("a second tap closes the help text", true);
  }
  await tapNamed(page, "filter");
  await until(page, "phone: the list's settings fold again", () => window.weightless.rects["source"] === undefined, undefined, 10000);
  s = await state(page);
  const recRows = k => Object.entries(k.rects).filter(([n]) => /^rec:\d+:stars$/.test(n)).sort((a, b) => a[1][1] - b[1][1]);
  const firstBefore = recRows(s)[0];
  const revBefore = s.revision, ratingsBefore = JSON.stringify(s.ratings);
  check("recommendations with their stars on the phone", !!firstBefore && s.recs.length === 20, Object.keys(s.rects).length);
  // Start the drag on a row's stars: a press that becomes a scroll must not rate.
  const y0 = firstBefore ? firstBefore[1][1] + firstBefore[1][3] / 2 : 600;
  await drag(page, cdp, firstBefore ? firstBefore[1][0] + firstBefore[1][2] * 0.7 : 120, y0, Math.max(20, y0 - 300));
  s = await state(page);
  const firstAfter = recRows(s)[0];
  check("dragging a finger scrolls the list", firstAfter && firstBefore && (firstAfter[0] !== firstBefore[0] || firstAfter[1][1] < firstBefore[1][1] - 50),
    [firstBefore, firstAfter]);
  check("scrolling rated nothing", s.revision === revBefore && JSON.stringify(s.ratings) === ratingsBefore, [s.revision, revBefore]);
  await shot(page, "p05-recommendations-scrolled");
  // 5. The other pages fit the width.
  for (const [name, file] of [["tune", "p06-tune"], ["accuracy", "p07-accuracy"], ["lab", "p08-lab"], ["data", "p09-data"], ["rate", "p10-rate-rated"]]) {
    await go(page, name);
    await noOverflow(page, name);
    await shot(page, file);
    // A mouse wheel on the phone's page too (a tablet with a mouse), down and back: it logs nothing.
    await L.wheel(page, 200, 450, 300, 2);
    await L.wheel(page, 200, 450, -300, 2);
  }
  await tapNamed(page, "menu");
  await frames(page, 3);
  await shot(page, "p11-menu");
  await noOverflow(page, "menu");
  await tapNamed(page, "menu");

  // 6. Import each format through the file picker: preview first, nothing learned until the confirm.
  await go(page, "data");
  s = await state(page);
  check("Data & privacy says whether persistent storage was granted", !!s.rects["durable"], Object.keys(s.rects).length);
  check("Data & privacy says whether offline use is ready", !!s.rects["offline"], Object.keys(s.rects).length);
  const foreign = path.join(L.root, "out", "foreign.csv");
  fs.writeFileSync(foreign, "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
  const revForeign = (await state(page)).revision;
  await importFile(page, foreign, cdp);
  s = await state(page);
  check("a foreign CSV is refused with a message naming the problem, nothing changed",
    /not a MovieLens, IMDb or Letterboxd/.test(s.history_message) && s.revision === revForeign && !s.history, s.history_message);
  const expected = {
    "movielens-ratings.csv": { format: "MovieLens", exact: 30, unmatched: 2, malformed: 4 },
    // The 2023 catalogue has the films of 2019 on that the 2018 one lacked: every film row of these two is found now.
    // The row typed "Video Game" whose id (tt1772341) the catalogue has as the film Wreck-It Ralph is a film: the id decides.
    "imdb-ratings.csv": { format: "IMDb", exact: 34, unmatched: 0, malformed: 4, not_movies: 4 },
    "letterboxd-diary.csv": { format: "Letterboxd", malformed: 2 },
    "letterboxd-ratings.csv": { format: "Letterboxd", ambiguous: 4, year_off: 1, unmatched: 0, malformed: 4 },
  };
  for (const [file, want] of Object.entries(expected)) {
    const rev = (await state(page)).revision, n0 = (await state(page)).ratings.length;
    await importFile(page, path.join(fixtures, file), cdp);
    await frames(page, 3);
    s = await state(page);
    const h = s.history || {};
    check(`${file}: preview ${JSON.stringify(want)}`, Object.entries(want).every(([k, v]) => h[k] === v), h);
    check(`${file}: nothing learned before the confirm`, s.revision === rev && s.ratings.length === n0, [s.revision, rev]);
    await noOverflow(page, "import preview " + file);
    await shot(page, "p12-preview-" + file.replace(".csv", ""));
    if (file === "letterboxd-ratings.csv") {
      // Choose the first ambiguous film's first candidate: it joins the ratings to learn.
      const ambOf = st => Object.keys(st.rects).filter(k => /^history:amb:\d+$/.test(k))[0];
      for (let i = 0; i < 8 && !ambOf(await state(page)); i++) await drag(page, cdp, 370, 600, 300, 8);  // down to the list
      const amb = ambOf(await state(page));
      const chosenBefore = h.chosen;
      if (amb) await scrollTo(page, cdp, amb);
      if (check("an ambiguous row offers a choice", !!amb, Object.keys(s.rects).filter(k => k.startsWith("history")))) {
        await tapNamed(page, amb);
        await until(page, "candidates listed", a => Object.keys(window.weightless.rects).some(k => k.startsWith(a + ":")), amb, 10000);
        await tapNamed(page, amb + ":0");
        await until(page, "choice counted", c => window.weightless.history.chosen === c + 1, chosenBefore, 10000);
      }
    }
    s = await state(page);
    const toLearn = s.history.chosen;
    await scrollTo(page, cdp, "history:confirm");
    await tapNamed(page, "history:confirm");
    await until(page, file + ": learned", () => window.weightless.history && window.weightless.history.done, undefined, 60000);
    s = await state(page);
    // (A later file may rate films an earlier one rated: then the count stays and the values change.)
    check(`${file}: the ratings are learned after the confirm (${toLearn} chosen)`, s.revision > rev && s.ratings.length >= n0 &&
      s.ratings.length <= n0 + toLearn && new RegExp("^Learned " + toLearn + " rating").test(s.history_message),
      [n0, s.ratings.length, toLearn, s.history_message]);
  }
  await shot(page, "p13-imported");
  s = await state(page);
  check("the imported IMDb 10 is 5 stars (Shawshank, movieId 318) and Letterboxd's 4.5 is 4.5 (The Matrix)",
    ratingsOf(s)[318] === 5 && ratingsOf(s)[2571] === 4.5, [ratingsOf(s)[318], ratingsOf(s)[2571]]);

  // 7. CSV export beside the versioned one.
  await scrollTo(page, cdp, "history:export");
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), tapNamed(page, "history:export")]);
  const csvPath = path.join(L.root, "out", "weightless-ratings.csv");
  await download.saveAs(csvPath);
  const csv = fs.readFileSync(csvPath, "utf8").trim().split("\n");
  s = await state(page);
  check("CSV export: Letterboxd's import columns, one row per rating", csv[0] === "Title,Year,imdbID,tmdbID,Rating,Rating10,WatchedDate" &&
    csv.length - 1 === s.ratings.length, [csv[0], csv.length - 1, s.ratings.length]);
  check("CSV export carries IMDb and TMDB ids", csv.some(l => /^The Matrix,1999,tt0133093,603,4\.5,9,/.test(l)), csv.slice(0, 4));

  // 8. A 1,000-row IMDb file, from the file picker to a learned network (measured).
  const big = imdbFile(1000);
  if (check("1,000-row IMDb file made from links.csv", !!big)) {
    const n0 = s.ratings.length;
    const tPick = await importFile(page, big, cdp);
    s = await state(page);
    check("1,000 rows previewed", s.history && s.history.rows === 1000 && s.history.exact === 1000, s.history);
    metrics.import_parse_ms = s.history.parse_ms;
    await scrollTo(page, cdp, "history:confirm");
    const tConfirm = Date.now();
    await tapNamed(page, "history:confirm");
    await until(page, "1,000 ratings learned", () => window.weightless.history.done, undefined, 120000);
    const tDone = Date.now();
    s = await state(page);
    check("1,000 ratings learned in slices", s.ratings.length >= 1000 && s.ratings.length <= n0 + 1000 && s.history.slices >= 1, [s.ratings.length, s.history.slices]);
    metrics.import = { rows: 1000, parse_ms: s.history.parse_ms, learn_wall_ms: s.history.learn_wall_ms, learn_work_ms: s.history.learn_work_ms,
      slices: s.history.slices, pick_to_preview_ms: tConfirm - tPick, confirm_to_done_wall_ms: tDone - tConfirm };
    console.log("  1,000-row IMDb import: " + JSON.stringify(metrics.import));
  }

  const revPinch = (await state(page)).revision;
  // Two fingers belong to the browser (pinch-zoom): the app clicks nothing, and the canvas keeps its size.
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: 150, y: 500, id: 1 }, { x: 250, y: 520, id: 2 }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: 120, y: 480, id: 1 }, { x: 290, y: 560, id: 2 }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await frames(page, 4);
  s = await state(page);
  check("a pinch rates nothing and leaves the canvas as it was", s.revision === revPinch && s.css[0] === 390 && s.framebuffer[0] === 1170,
    [s.revision, s.css, s.framebuffer]);
  await cdp.send("Emulation.setPageScaleFactor", { pageScaleFactor: 1 });  // back to the unzoomed page


  // 9. Offline: the network is cut, the reload comes from the service worker with the person's ratings.
  await until(page, "saved", () => {
    const w = window.weightless;
    return w.saved.revision === w.revision && w.storage && !w.storage.busy && w.storage.flushes > 0;
  }, undefined, 20000);
  const swReady = await page.evaluate(() => navigator.serviceWorker.ready.then(r => !!r.active).catch(() => false));
  check("the service worker is active", swReady);
  s = await state(page);
  const kept = JSON.stringify(s.ratings), keptHash = s.pred_hash;
  const failed = [];
  page.on("requestfailed", r => failed.push(r.url()));
  await context.setOffline(true);
  const tOff = Date.now();
  await page.reload();
  await until(page, "ready offline", () => window.weightless && window.weightless.stage === "ready", undefined, 60000);
  metrics.offline_reload_ms = Date.now() - tOff;
  s = await state(page);
  metrics.offline_first_frame_ms = s.first_frame_ms;
  check("offline reload opens the app", s.stage === "ready");
  check("offline: every rating intact", JSON.stringify(s.ratings) === kept, [s.ratings.length]);
  check("offline: the same predictions, bit for bit", s.pred_hash === keptHash);
  check("offline: no request failed", failed.length === 0, failed);
  await frames(page, 3);
  await shot(page, "p14-offline");
  await context.setOffline(false);

  const foreignReq = requests.filter(u => !u.startsWith(origin + "/") && !u.startsWith("data:") && !u.startsWith("blob:" + origin + "/"));
  check("every request stays on the page's origin (" + requests.length + " requests)", foreignReq.length === 0, foreignReq);
  check("no console errors", L.errors.length === 0, L.errors);
  await browser.close();
  server.close();
  writeMetrics();
}

// Appends this run's section to docs/APP_METRICS.md (app.spec.js writes the file first; a rerun replaces the section).
function writeMetrics() {
  const f1 = x => (typeof x === "number" && isFinite(x) ? x.toFixed(1) : "n/a");
  const im = metrics.import || {};
  const md = [
    "## Phone, import and offline",
    "",
    "<!-- Written by tests/e2e/phone.spec.js: 390 x 844 CSS px, device scale 3, isMobile, hasTouch. -->",
    `Host steal during this test: ${L.stealPercent(cpuAtStart)}.`,
    "",
    "| measure | measured | how |",
    "|---|---|---|",
    `| first frame on the phone | ${f1(metrics.first_frame_ms)} ms | performance.now() at the first drawn frame (wall clock from goto: ${metrics.first_frame_wall_ms} ms); ready at ${f1(metrics.ready_ms)} ms |`,
    `| 1,000-row IMDb "Your ratings" file to a learned network | ${f1((im.pick_to_preview_ms || 0) + (im.confirm_to_done_wall_ms || 0))} ms | file picked to preview ${f1(im.pick_to_preview_ms)} ms (parsing and matching ${f1(im.parse_ms)} ms), confirm to the last rating learned ${f1(im.learn_wall_ms)} ms in the page (${f1(im.learn_work_ms)} ms of learning in ${im.slices} slices of a 4 ms budget) |`,
    `| reload with the network off | ${f1(metrics.offline_reload_ms)} ms | reload to the app ready, every file from the service worker's cache (first frame at ${f1(metrics.offline_first_frame_ms)} ms) |`,
    "",
  ].join("\n");
  const file = path.join(L.root, "docs", "APP_METRICS.md");
  let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# App measurements\n\n";
  const at = text.indexOf("## Phone, import and offline");
  if (at >= 0) text = text.slice(0, at);
  fs.writeFileSync(file, text.replace(/\n*$/, "\n\n") + md);
  const pick = path.join(L.shots, "p04-recommendations.png");
  if (fs.existsSync(pick)) fs.copyFileSync(pick, path.join(L.root, "docs", "screenshot-phone.png"));
  console.log(md);
}

L.run("phone", main);
