// Rating from the list with its undo, and the person's own ratings sorted and filtered (issue 20), in headless
// Chromium on a desktop (1280 x 800, mouse) and a phone (390 x 844, touch):
// - a film rated from the Recommendations list stays at its place, greyed, with "Undo"; the undo puts the film back at
//   its place and the rating is gone, also after a reload (IndexedDB); the next rating ends the greyed row;
// - "Your ratings" on the Rate page after importing an IMDb file (tests/fixtures/import, 34 films): sorted by stars
//   and by title (both ways), filtered by words of the title and by stars, with its count; a tall table on a desktop,
//   nothing cut off at the right on a phone;
// - no console error anywhere.
// Usage: node ratings.spec.js (exit 1 on any failure).
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const path = require("path");
const L = require("./lib");
const { check, state, until, frames, clickNamed, rateAt, ratingsOf } = L;

const imdbFixture = path.join(L.root, "tests", "fixtures", "import", "imdb-ratings.csv");

// A title's place in an alphabetical list as a person expects it (accents and case aside, a leading "The"/"A"/"An"
// ignored): written here independently of the app's C++ to check its order.
const titleKey = t => t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/'/g, "")
  .replace(/[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+/g, " ").trim().replace(/^(the|a|an) /, "");
const ordered = (xs, cmp) => xs.every((x, k) => k === 0 || cmp(xs[k - 1], x) <= 0);
const byKey = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// "Showing 40 of 972", on a phone with the rows of the page below ("(1-50 below)").
const counts = (s, n, total) => new RegExp(`^Showing ${n} of ${total}( \\(\\d+-\\d+ below\\))?$`).test(s.texts["mine:count"]);

// A made-up IMDb "Your ratings" file of `n` films of the catalogue (links.csv gives their IMDb ids), in the real
// layout, rated 0.5 to 5 stars in turn; null without the shared data.
function imdbFile(n) {
  const links = path.join(L.root, "..", "shared", "data", "ml-latest-small", "links.csv");
  if (!fs.existsSync(links)) return null;
  const rows = fs.readFileSync(links, "utf8").trim().split(/\r?\n/).slice(1).map(l => l.split(","));
  const out = ["Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors"];
  for (let i = 0; i < n; i++) {
    const [, imdb] = rows[Math.floor(i * rows.length / n)];
    out.push(`tt${imdb},${1 + (i % 10)},2022-02-${String(1 + (i % 28)).padStart(2, "0")},Film ${i},Film ${i},https://www.imdb.com/title/tt${imdb}/,Movie,7.0,100,2000,Drama,1000,2000-01-01,Someone`);
  }
  fs.mkdirSync(path.join(L.root, "out"), { recursive: true });
  const file = path.join(L.root, "out", `imdb-${n}.csv`);
  fs.writeFileSync(file, out.join("\r\n") + "\r\n");
  return file;
}

async function waitSaved(page) {
  await until(page, "saved", () => window.weightless.saved && window.weightless.saved.revision >= window.weightless.revision,
    undefined, 15000);
}

// Picks a combo entry: opens the combo `name`, then clicks (taps) the entry `entry`.
// An open combo's entries are always within the window (ImGui places the popup so): they are pressed where they are,
// never scrolled to (a drag would close the popup).
async function choose(page, name, entry, press, pressEntry = press) {
  await press(name);
  await until(page, "open: " + name, e => window.weightless.rects[e] !== undefined, entry, 10000);
  await pressEntry(entry);
  await frames(page, 3);
}

// The checks of "Your ratings" shared by both layouts (press: a click or a tap on a named widget).
// `both`: each sort in both directions (the desktop; the phone, whose frames are slow to draw, one direction of each).
async function sortAndFilter(page, press, total, where, both, pressEntry = press) {
  let s = await state(page);
  check(`${where}: every rating listed, newest first, with its count`, s.mine.shown === total &&
    counts(s, total, total), [s.mine.shown, s.texts["mine:count"]]);
  await choose(page, "mine:sort", "mine:sort:2", press, pressEntry);  // most stars first
  s = await state(page);
  const stars = s.mine.rows.map(r => r[1]);
  check(`${where}: sorted by stars, most first`, s.mine.rows.length === Math.min(total, 60) &&
    ordered(stars, (a, b) => b - a) && stars[0] > stars[stars.length - 1], stars);
  if (both) {
    await choose(page, "mine:sort", "mine:sort:3", press, pressEntry);  // fewest first
    s = await state(page);
    check(`${where}: sorted by stars, fewest first`, ordered(s.mine.rows.map(r => r[1]), (a, b) => a - b), s.mine.rows.map(r => r[1]));
  }
  await choose(page, "mine:sort", "mine:sort:4", press, pressEntry);  // title A-Z
  s = await state(page);
  const keys = s.mine.rows.map(r => titleKey(r[2]));
  check(`${where}: sorted by title A-Z ("The" ignored)`, ordered(keys, byKey) && keys[0] !== keys[keys.length - 1], s.mine.rows.map(r => r[2]));
  if (both) {
    await choose(page, "mine:sort", "mine:sort:5", press, pressEntry);  // Z-A
    s = await state(page);
    check(`${where}: sorted by title Z-A`, ordered(s.mine.rows.map(r => titleKey(r[2])), (a, b) => byKey(b, a)), s.mine.rows.map(r => r[2]));
  }
  // Stars: 5★ only.
  await choose(page, "mine:stars", "mine:stars:10-10", press, pressEntry);
  s = await state(page);
  const fives = Object.values(ratingsOf(s)).filter(v => v === 5).length;
  check(`${where}: "5★ only" lists the ${fives} films rated 5 stars`, fives > 0 && s.mine.shown === fives && s.mine.rows.every(r => r[1] === 5) &&
    counts(s, fives, total), [s.mine.shown, fives, s.texts["mine:count"]]);
  await press("mine:clear");
  await frames(page, 3);
  s = await state(page);
  check(`${where}: Clear lists them all again, still by title`, s.mine.shown === total && s.mine.rows.length > 0 &&
    ordered(s.mine.rows.map(r => titleKey(r[2])), both ? (a, b) => byKey(b, a) : byKey), s.mine.shown);
  // Words of a title: the longest word of the last row's title, typed in the box.
  const word = s.mine.rows[s.mine.rows.length - 1][2].replace(/\(\d{4}\)/, "").split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0];
  await press("mine:text");
  await page.keyboard.type(word, { delay: 20 });
  await until(page, "filtered by " + word, n => window.weightless.mine.shown < n, total, 10000);
  s = await state(page);
  check(`${where}: the text "${word}" keeps only the titles that hold it`, s.mine.shown >= 1 && s.mine.shown < total &&
    s.mine.rows.every(r => titleKey(r[2]).includes(word.toLowerCase())) && counts(s, s.mine.shown, total),
    [s.mine.rows.map(r => r[2]), s.texts["mine:count"]]);
  return s;
}

async function desktop(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requests = [];
  L.watch(page, requests);
  await page.goto(origin + "/");
  await until(page, "ready", () => window.weightless && window.weightless.stage === "ready");
  await until(page, "drawn", () => window.weightless.rects["welcome:start"] !== undefined, undefined, 30000);
  await clickNamed(page, "welcome:start");
  // 34 films from an IMDb export, through Data & privacy's file picker.
  await clickNamed(page, "nav:data");
  const reveal = (name, dy) => L.wheelUntilDrawn(page, name, dy);
  await reveal("history:pick");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser", { timeout: 20000 }), clickNamed(page, "history:pick")]);
  await chooser.setFiles(imdbFixture);
  await until(page, "IMDb file read", () => window.weightless.history && window.weightless.history.file === "imdb-ratings.csv", undefined, 30000);
  await reveal("history:confirm");
  await clickNamed(page, "history:confirm");
  await until(page, "IMDb file learned", () => window.weightless.history.done, undefined, 60000);
  let s = await state(page);
  const total = s.ratings.length;
  check("the IMDb fixture's films are rated", total >= 30, total);

  // Rated from the list: the row stays, greyed, with its undo; the undo restores the list exactly.
  await clickNamed(page, "nav:recs");
  await frames(page, 3);
  s = await state(page);
  const list = s.recs.map(r => r.id), second = list[1];
  const place = s.rects[`rec:${second}:title`];
  await rateAt(page, `rec:${second}:stars`, 3.5);
  await frames(page, 2);
  s = await state(page);
  const row = s.rects[`rated:${second}:title`];
  check("the film rated from the list keeps its row, greyed, at its place, with an undo", ratingsOf(s)[second] === 3.5 &&
    !s.recs.some(r => r.id === second) && !!row && !!place && Math.abs(row[1] - place[1]) < 1 && !!s.rects[`rated:${second}:undo`] &&
    s.texts[`rated:${second}`] === "You rated it ★★★½", [row, place, s.texts[`rated:${second}`]]);
  await L.shot(page, "ratings-list-rated");
  await waitSaved(page);
  await clickNamed(page, `rated:${second}:undo`);
  await until(page, "undone", id => !window.weightless.ratings.some(([k]) => k === id), second, 10000);
  await frames(page, 2);
  s = await state(page);
  check("undo: the rating is gone, the film back at its place, the list as before", s.ratings.length === total &&
    JSON.stringify(s.recs.map(r => r.id)) === JSON.stringify(list) && s.list_rated === null && !s.rects[`rated:${second}:undo`],
    [s.ratings.length, s.recs.slice(0, 5).map(r => r.id)]);
  // A second rating: its row stands until the next one, which ends it (one undo at a time, the last rating's).
  await rateAt(page, `rec:${second}:stars`, 2);
  await frames(page, 2);
  const fourth = (await state(page)).recs[1].id;  // the row under the greyed one
  const nextKey = `rec:${fourth}:stars`;
  check("a film under the greyed row to rate", !!(await state(page)).rects[nextKey]);
  await rateAt(page, nextKey, 5);
  await frames(page, 2);
  s = await state(page);
  check("the next rating ends the first greyed row and stands in its own", !s.rects[`rated:${second}:undo`] &&
    !!s.rects[`rated:${fourth}:undo`] && ratingsOf(s)[second] === 2 && ratingsOf(s)[fourth] === 5, [s.list_rated, Object.keys(s.rects).filter(k => k.startsWith("rated:"))]);
  await clickNamed(page, `rated:${fourth}:undo`);
  await until(page, "second undo", id => !window.weightless.ratings.some(([k]) => k === id), fourth, 10000);
  // Reload: what IndexedDB kept is the state after the undo.
  await waitSaved(page);
  s = await state(page);
  const kept = JSON.stringify(s.ratings);
  await page.reload();
  await until(page, "ready after reload", () => window.weightless && window.weightless.stage === "ready");
  await until(page, "ratings loaded", n => window.weightless.ratings && window.weightless.ratings.length === n, s.ratings.length, 30000);
  s = await state(page);
  check("after a reload the undone rating is still gone, the other kept", JSON.stringify(s.ratings) === kept &&
    !(fourth in ratingsOf(s)) && ratingsOf(s)[second] === 2, s.ratings);

  // "Your ratings", sorted and filtered.
  await clickNamed(page, "nav:rate");
  await reveal("mine:sort");
  await frames(page, 3);
  s = await sortAndFilter(page, n => clickNamed(page, n), total + 1, "desktop", true);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await until(page, "text cleared", n => window.weightless.mine.shown === n, total + 1, 10000);
  // The mouse wheel over the count above the table scrolls the page until the table is at the top.
  for (let k = 0; k < 20; k++) {
    const c = (await state(page)).rects["mine:count"];
    if (!c) break;
    await L.wheel(page, c[0] + 5, c[1] + c[3] / 2, 150);
  }
  await frames(page, 3);
  s = await state(page);
  const t = s.rects["mine:table"];
  check("desktop: the ratings table takes most of the page's height", !!t && t[3] >= 0.6 * s.css[1], [t, s.css]);
  await L.shot(page, "ratings-mine");
  const origins = new Set(requests.map(u => new URL(u).origin));
  check("desktop: only the page's own files were requested", origins.size === 1 && origins.has(origin), [...origins]);
  await context.close();
}

async function phone(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  L.watch(page, []);
  const cdp = await context.newCDPSession(page);
  const { tap, go } = L.touch(page);
  const tapStars = async (key, stars) => {
    const before = (await state(page)).revision;
    if (await tap(key, (stars * 2 - 0.5) / 10, 0.5))
      await until(page, "rated by a tap " + key, b => window.weightless.revision > b, before, 10000);
  };
  const drag = async (x, y0, y1, steps = 8) => {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y: y0 }] });
    await frames(page, 2);
    for (let i = 1; i <= steps; i++) {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: y0 + (y1 - y0) * i / steps }] });
      await frames(page, 1);
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await frames(page, 4);
  };
  const scrollTo = async name => {  // a finger drags the page until `name` is well on screen
    let last = -1, dir = 1;
    for (let i = 0; i < 30; i++) {
      const s = await state(page);
      const r = s.rects[name];
      if (r && r[1] >= 60 && (r[1] + r[3] <= s.css[1] - 160 || s.page_scroll === last)) return true;  // or the page's end
      const up = r ? Math.max(-550, Math.min(550, r[1] - s.css[1] / 2)) : 550;
      if (Math.abs(up) < 20) return true;
      if (!r) {  // far away (a page of 50 rows is metres long): the wheel, faster to draw than a finger's drag; down, or
        // up once the page's end is reached
        if (s.page_scroll === last && i > 0) dir = -dir;
        last = s.page_scroll;
        await L.wheel(page, 370, 450, 1500 * dir);
        continue;
      }
      const y0 = up > 0 ? 700 : 150;
      last = s.page_scroll;
      await drag(370, y0, y0 - up);
    }
    return check("phone: scrolled to " + name, false);
  };
  const noOverflow = async where => {
    await frames(page, 3);
    const s = await state(page);
    check("phone: nothing cut off at the right: " + where, s.overflow.length === 0, s.overflow);
    const wide = Object.entries(s.rects).filter(([, r]) => r[0] + r[2] > s.css[0] + 0.5);
    check("phone: every widget within the 390 px width: " + where, wide.length === 0, wide.slice(0, 5));
  };
  await page.goto(origin + "/");
  await until(page, "phone: ready", () => window.weightless && window.weightless.stage === "ready");
  await until(page, "phone: drawn", () => window.weightless.rects["welcome:start"] !== undefined, undefined, 30000);
  await tap("welcome:start");
  await until(page, "phone: welcome dismissed", () => window.weightless.welcome === false, undefined, 10000);
  // Six films from the start list, tapped at different stars.
  const given = [5, 4, 2, 5, 3.5, 1];
  for (const v of given) {
    await until(page, "start list", () => Object.keys(window.weightless.rects).some(k => /^q:\d+:stars$/.test(k)), undefined, 10000);
    const s = await state(page);
    await tapStars(Object.keys(s.rects).filter(k => /^q:\d+:stars$/.test(k))[0], v);
  }
  let s = await state(page);
  check("phone: six ratings by tapping", s.ratings.length === given.length, s.ratings);

  // The list: a tap rates the second film; its row stays with an undo; a tap on Undo restores the list.
  await go("recs");
  s = await state(page);
  const list = s.recs.map(r => r.id), second = list[1];
  await scrollTo(`rec:${second}:stars`);
  s = await state(page);
  const starsAt = s.rects[`rec:${second}:stars`], nextBefore = s.rects[`rec:${list[2]}:title`];
  const titleAt = s.rects[`rec:${second}:title`];
  await tapStars(`rec:${second}:stars`, 4);
  await frames(page, 2);
  s = await state(page);
  const row = s.rects[`rated:${second}:title`];
  check("phone: the film rated from the list keeps its row in place, greyed, with an undo", ratingsOf(s)[second] === 4 &&
    !s.recs.some(r => r.id === second) && !!s.rects[`rated:${second}:undo`] && !!row && !!starsAt && row[1] < starsAt[1] &&
    s.texts[`rated:${second}`] === "You rated it ★★★★", [row, starsAt, s.texts[`rated:${second}`]]);
  // The greyed row is as tall as the film's row was: the row after it (whichever film the re-ranked list puts there)
  // starts as far below it as the next row did. (Measured from the row's own top: the rows above may grow or shrink
  // here, as their reasons in words now cite the film just rated.)
  const nextAfter = s.recs[1] && s.rects[`rec:${s.recs[1].id}:title`];
  check("phone: the greyed row keeps the row's height (within 1 px)", !!nextBefore && !!nextAfter && !!titleAt &&
    Math.abs((nextAfter[1] - row[1]) - (nextBefore[1] - titleAt[1])) <= 1, [titleAt, nextBefore, row, nextAfter]);
  await noOverflow("the list with a rated row");
  await L.shot(page, "ratings-phone-rated");
  await tap(`rated:${second}:undo`);
  await until(page, "phone: undone", id => !window.weightless.ratings.some(([k]) => k === id), second, 10000);
  await frames(page, 2);
  s = await state(page);
  check("phone: undo restores the list exactly", s.ratings.length === given.length &&
    JSON.stringify(s.recs.map(r => r.id)) === JSON.stringify(list) && s.list_rated === null, s.recs.slice(0, 5).map(r => r.id));

  // 120 more from an IMDb file, so that "Your ratings" holds more than a phone's page of 50.
  const many = imdbFile(120);
  if (many) {
    await go("data");
    await scrollTo("history:pick");
    const [chooser] = await Promise.all([page.waitForEvent("filechooser", { timeout: 20000 }), tap("history:pick")]);
    await chooser.setFiles(many);
    await until(page, "phone: IMDb file read", () => window.weightless.history && window.weightless.history.file === "imdb-120.csv", undefined, 30000);
    await scrollTo("history:confirm");
    await tap("history:confirm");
    await until(page, "phone: IMDb file learned", () => window.weightless.history && window.weightless.history.done, undefined, 60000);
  } else console.log("  no ../shared/data/ml-latest-small/links.csv: the phone keeps its six ratings");
  s = await state(page);
  const total = s.ratings.length;
  check("phone: more ratings than a page of 50 (or no shared data)", !many || total > 100, total);

  // "Your ratings" on the Rate page, by taps.
  await go("rate");
  await scrollTo("mine:sort");
  await noOverflow("your ratings");
  s = await sortAndFilter(page, async n => { await scrollTo(n); await tap(n); }, total, "phone", false, n => tap(n));
  await noOverflow("your ratings, filtered");
  await L.shot(page, "ratings-phone-mine");
  if (many) {
    // Pages of 50: the whole list again, its first 50 rows drawn and "Next 50" below them.
    await scrollTo("mine:text");
    await tap("mine:text");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
    await until(page, "phone: text cleared", n => window.weightless.mine.shown === n, total, 10000);
    await scrollTo("mine:next");
    s = await state(page);
    const row51 = s.mine.rows[50][0];
    check("phone: 50 rows drawn, the 51st not, and the count says which", s.mine.from === 0 && !s.rects[`y:${row51}:stars`] &&
      /\(1-50 below\)$/.test(s.texts["mine:count"]), [s.mine.from, s.texts["mine:count"]]);
    await tap("mine:next");
    await until(page, "phone: next 50", () => window.weightless.mine.from === 50, undefined, 10000);
    s = await state(page);
    const c = s.rects["mine:count"];
    check("phone: Next 50 draws rows 51 to 100, the page brought back to their start", /\(51-100 below\)$/.test(s.texts["mine:count"]) &&
      !!c && c[1] < s.css[1] / 3, [s.texts["mine:count"], c]);
    await scrollTo(`y:${row51}:stars`);
    check("phone: the 51st rating is drawn", !!(await state(page)).rects[`y:${row51}:stars`]);
    await noOverflow("your ratings, second page");
  }
  await context.close();
}

async function main() {
  const t0 = Date.now();
  const server = await L.serve(L.dist);
  const origin = "http://127.0.0.1:" + server.address().port;
  const browser = await chromium.launch({ executablePath: L.chromiumPath, args: L.args, headless: true });
  await desktop(browser, origin);
  console.log(`  desktop part: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await phone(browser, origin);
  console.log(`  both parts: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  check("no console errors", L.errors.length === 0, L.errors);
  await browser.close();
  server.close();
}

L.run("ratings.spec", main);
