// The defects of issue 20's walk-through, each checked as a person meets it, on a desktop (1280 x 800, mouse and
// wheel) and a phone (390 x 844, touch, and a wheel too):
// - Desktop: links out (a title's MovieLens, IMDb and TMDB pages, only on a click, in a new tab without referrer);
//   the mouse wheel logs nothing (Chromium reported a preventDefault in a passive listener on every turn);
//   a page opens at its top whatever the last page's scroll; titles cut to fit keep their year and stay apart
//   ("The Lord of the Rings:…" twice); chart labels cut with an ellipsis; the genre list names no "(no genres
//   listed)"; help texts name no file of the repository; the Lab labels the person's network in words; nothing cut
//   at the right (the app's own overflow check, table headers included) on the Lab after a run.
// - Phone: "None yet…" on the Rate page wraps (the overflow check sees it); the status footer is one short line; the
//   Rate page leads to the recommendations without the menu; the Lab's charts show their bars and numbers, and its
//   table fits the width.
// Usage: node walk.spec.js (exit 1 on any failure).
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const L = require("./lib");
const { check, state, until, frames, clickNamed, rateAt, shot } = L;

// Scrolls the page with the wheel over (x, y) until `done(state)` or the page stops moving; calls `seen(state)` at
// each step (what scrolled into view).
async function wheelThrough(page, x, y, seen, done = () => false) {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const s = await state(page);
    seen(s);
    if (done(s) || (i > 0 && s.page_scroll === last)) return s;
    last = s.page_scroll;
    await L.wheel(page, x, y, 250);
  }
  return state(page);
}

// Every chart of a page, seen while scrolling through it: each finite value has a bar (when above 0) and its number
// whole in view; a label is the whole name or its start with an ellipsis; nothing cut at the left or right.
function chartWatch() {
  const w = { bars: new Set(), values: new Set(), labels: {}, cut: new Set(), numbers: {} };
  w.seen = s => {
    for (const [k, t] of Object.entries(s.texts)) {
      const m = /^(chart:[a-z]+:\d+):(label|value)$/.exec(k);
      if (!m) continue;
      if (m[2] === "label") w.labels[m[1]] = t;
      else w.numbers[m[1]] = t;
    }
    for (const k of Object.keys(s.rects)) {
      const m = /^(chart:[a-z]+:\d+):(bar|value)$/.exec(k);
      if (m) (m[2] === "bar" ? w.bars : w.values).add(m[1]);
    }
    for (const k of s.cut) w.cut.add(k);
  };
  return w;
}
function checkCharts(where, w, fullLabel) {
  const names = Object.keys(w.numbers);
  check(where + ": charts drawn", names.length > 0, names);
  const noBar = names.filter(n => w.numbers[n] !== "-" && parseFloat(w.numbers[n]) > 0 && !w.bars.has(n));
  check(where + ": every positive value has its bar in view", noBar.length === 0, noBar);
  const noNumber = names.filter(n => !w.values.has(n));
  check(where + ": every number is drawn in view", noNumber.length === 0, noNumber);
  check(where + ": no bar or number cut at the edge of its chart", w.cut.size === 0, [...w.cut]);
  const badLabels = Object.entries(w.labels).filter(([n, t]) => {
    const full = fullLabel(n);
    return !(t === full || (t.endsWith("…") && full.startsWith(t.slice(0, -1)) && t.length > 1));
  });
  check(where + ": each chart label is whole or cut with an ellipsis", badLabels.length === 0,
    badLabels.map(([n, t]) => [n, t, fullLabel(n)]));
}

async function desktop(browser, origin, requests) {
  console.log("desktop, 1280 x 800");
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  L.watch(page, requests);
  await page.goto(origin + "/");
  await until(page, "ready", () => window.weightless && window.weightless.stage === "ready");
  await until(page, "drawn", () => window.weightless.rects["welcome:start"] !== undefined, undefined, 30000);
  await L.wheel(page, 640, 400, 200, 3);  // over the welcome
  await clickNamed(page, "welcome:start");
  await until(page, "welcome dismissed", () => window.weightless.welcome === false, undefined, 10000);
  await frames(page, 3);

  // The genre list names genres only.
  await clickNamed(page, "genre");
  await until(page, "genre list open", () => Object.keys(window.weightless.texts).some(k => k.startsWith("genre:")), undefined, 10000);
  let s = await state(page);
  const genres = Object.entries(s.texts).filter(([k]) => k.startsWith("genre:")).map(([, t]) => t);
  check("the genre list names genres, not MovieLens' \"(no genres listed)\" marker", genres.length >= 18 &&
    !genres.some(g => /no genres listed/i.test(g)), genres);
  await page.keyboard.press("Escape");
  await frames(page, 2);

  // Titles cut to fit their column keep the year and stay apart.
  await clickNamed(page, "search");
  await page.keyboard.type("lord of the rings");
  await until(page, "the Lord of the Rings films found", () => window.weightless.query === "lord of the rings" &&
    window.weightless.rects["r:5952:stars"] !== undefined, undefined, 10000);
  await frames(page, 2);
  s = await state(page);
  const shown = s.results_top.map(([id, full]) => [full, s.texts["r:" + id + ":title"]]).filter(([, t]) => t !== undefined);
  check("search results drawn with their titles", shown.length >= 4, shown);
  const yearLost = shown.filter(([full, t]) => /\(\d{4}\)$/.test(full) && !/\(\d{4}\)$/.test(t));
  check("a title cut to fit keeps its year", yearLost.length === 0, yearLost);
  check("titles cut to fit stay distinguishable", new Set(shown.map(([, t]) => t)).size === shown.length, shown);
  await shot(page, "walk-01-lotr");
  await clickNamed(page, "search");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await until(page, "start list back", () => Object.keys(window.weightless.rects).some(k => /^q:\d+:stars$/.test(k)), undefined, 10000);
  for (const v of [4, 2.5, 5]) {
    s = await state(page);
    await rateAt(page, Object.keys(s.rects).filter(k => /^q:\d+:stars$/.test(k))[0], v);
  }
  await L.wheel(page, 500, 600, 200, 3);  // over the rate page's lists
  await L.wheel(page, 500, 600, -200, 3);

  // Recommendations: titles apart, help texts in words.
  await clickNamed(page, "nav:recs");
  await frames(page, 3);
  s = await state(page);
  const recTitles = Object.entries(s.texts).filter(([k]) => /^rec:\d+:title$/.test(k)).map(([, t]) => t);
  check("the list's titles stay distinguishable", recTitles.length >= 5 && new Set(recTitles).size === recTitles.length, recTitles);
  const repoPaths = Object.entries(s.texts).filter(([k, t]) => k.startsWith("help:") && /docs\/|\.md\b/.test(t));
  check("help texts name no file of the repository", Object.keys(s.texts).some(k => k.startsWith("help:")) && repoPaths.length === 0, repoPaths);
  await L.wheel(page, 640, 500, 200, 3);
  await L.wheel(page, 640, 500, -600, 1);

  // Links out: a click on a title offers its MovieLens, IMDb and TMDB pages; the one chosen opens in a new tab with no
  // referrer and no opener; nothing went to those sites before (the sites are routed here: the test has no network).
  const sites = ["https://movielens.org", "https://www.imdb.com", "https://www.themoviedb.org"];
  const opened = [];
  for (const site of sites)
    await context.route(site + "/**", route => {
      opened.push([route.request().url(), route.request().headers()["referer"] || ""]);
      return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>elsewhere</title>" });
    });
  check("nothing was requested from MovieLens, IMDb or TMDB before a click", !requests.some(u => sites.some(x => u.startsWith(x))),
    requests.filter(u => sites.some(x => u.startsWith(x))));
  s = await state(page);
  const firstRec = s.recs[0].id;
  if (await clickNamed(page, "rec:" + firstRec + ":title")) {
    await until(page, "the links menu opens", () => window.weightless.rects["link:IMDb"] !== undefined, undefined, 10000);
    s = await state(page);
    const toy = s.recs[0];
    check("the menu offers the movie's MovieLens, IMDb and TMDB pages", s.texts["link:MovieLens"] === "https://movielens.org/movies/" + firstRec &&
      /^https:\/\/www\.imdb\.com\/title\/tt\d{7,}\/$/.test(s.texts["link:IMDb"] || "") &&
      /^https:\/\/www\.themoviedb\.org\/movie\/\d+$/.test(s.texts["link:TMDB"] || ""), [toy.id, s.texts["link:MovieLens"], s.texts["link:IMDb"], s.texts["link:TMDB"]]);
    await shot(page, "walk-01b-links");
    const [tab] = await Promise.all([context.waitForEvent("page", { timeout: 10000 }), clickNamed(page, "link:IMDb")]);
    await tab.waitForLoadState();
    check("the IMDb page opens in a new tab", tab.url() === s.texts["link:IMDb"], tab.url());
    const seen = await tab.evaluate(() => ({ referrer: document.referrer, opener: window.opener === null }));
    check("with no referrer and no opener", seen.referrer === "" && seen.opener && opened.length === 1 && opened[0][1] === "", [seen, opened]);
    await tab.close();
    await page.bringToFront();
  }

  // Your accuracy: the charts' labels.
  await clickNamed(page, "nav:accuracy");
  await frames(page, 3);
  s = await state(page);
  const accW = chartWatch();
  s = await wheelThrough(page, 640, 500, accW.seen);
  const accModels = s.accuracy.map(a => a.model);
  checkCharts("accuracy", accW, n => accModels[Number(n.split(":")[2])]);
  await shot(page, "walk-02-accuracy");

  // The Lab: the person's network among the models, a paper run, its table and charts, then the stream's legend.
  await clickNamed(page, "nav:lab");
  await frames(page, 3);
  await L.wheel(page, 640, 400, -500, 2);
  await clickNamed(page, "lab:model:yours");
  await clickNamed(page, "lab:protocol");
  await until(page, "protocol list open", () => window.weightless.rects["lab:protocol:paper"] !== undefined, undefined, 10000);
  await clickNamed(page, "lab:protocol:paper");
  for (const [name, v] of [["lab:users", "50"], ["lab:reviews", "20"]]) {
    s = await state(page);
    await L.clickIn(page, s.rects[name], 0.15, 0.5);
    await page.keyboard.press("Control+A");
    await page.keyboard.type(v);
    await page.keyboard.press("Enter");
    await frames(page, 2);
  }
  await clickNamed(page, "lab:run");
  await until(page, "paper lab finished", () => window.weightless.lab && window.weightless.lab.state === "done", undefined, 300000);
  await frames(page, 3);
  s = await state(page);
  const labRows = Object.entries(s.texts).filter(([k]) => k.startsWith("lab:row:")).map(([, t]) => t);
  const yours = s.lab.results.findIndex(r => r.spec.startsWith("wnn-best:"));
  check("the Lab ran the person's network too", yours >= 0, s.lab.results.map(r => r.spec));
  check("the Lab labels the person's network in words, not with its settings string",
    yours >= 0 && labRows[yours] !== undefined && !/=/.test(labRows[yours]) && labRows[yours].length <= 30, labRows);
  check("nothing cut at the right on the Lab after a run (headers included)", s.overflow.length === 0, s.overflow);
  await shot(page, "walk-03-lab");
  const labW = chartWatch();
  const labSpecs = s.lab.results.map(r => r.spec);
  s = await wheelThrough(page, 640, 400, labW.seen);
  check("the wheel scrolls the Lab page", s.page_scroll > 50, s.page_scroll);
  checkCharts("lab", labW, n => {
    const k = Number(n.split(":")[2]);
    return k === yours ? labRows[yours] : labSpecs[k];
  });
  // Another page opens at its top.
  await clickNamed(page, "nav:data");
  await frames(page, 3);
  s = await state(page);
  check("Data & privacy opens at its top after the Lab was scrolled", s.page_scroll === 0, s.page_scroll);
  await L.wheel(page, 640, 500, 300, 3);
  await clickNamed(page, "nav:lab");
  await frames(page, 3);
  await L.wheel(page, 640, 400, -3000, 2);
  await clickNamed(page, "lab:protocol");
  await until(page, "protocol list open", () => window.weightless.rects["lab:protocol:stream"] !== undefined, undefined, 10000);
  await clickNamed(page, "lab:protocol:stream");
  const t0 = Date.now();
  await clickNamed(page, "lab:run");
  await until(page, "stream lab finished", () => window.weightless.lab && window.weightless.lab.state === "done", undefined, 300000);
  console.log(`  stream run: ${Date.now() - t0} ms`);
  await frames(page, 3);
  s = await wheelThrough(page, 640, 400, () => {}, st => st.rects["lab:curve"] !== undefined && st.overflow.length > 0);
  s = await state(page);
  check("the stream's learning curve drawn", s.rects["lab:curve"] !== undefined, Object.keys(s.rects).filter(k => k.startsWith("lab")));
  check("nothing cut at the right with the learning curve and its legend", s.overflow.length === 0, s.overflow);
  await shot(page, "walk-04-lab-stream");
  await context.close();
}

async function phone(browser, origin, requests) {
  console.log("phone, 390 x 844");
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  L.watch(page, requests);
  const { tap, go } = L.touch(page);
  await page.goto(origin + "/");
  await until(page, "ready", () => window.weightless && window.weightless.stage === "ready");
  await until(page, "drawn", () => window.weightless.rects["welcome:start"] !== undefined, undefined, 30000);
  await tap("welcome:start");
  await until(page, "welcome dismissed", () => window.weightless.welcome === false, undefined, 10000);
  await frames(page, 3);
  let s = await state(page);
  check("phone: nothing cut at the right on the Rate page before any rating (\"None yet…\" included)", s.overflow.length === 0, s.overflow);
  const footer = s.css[1] - (s.rects["status:privacy"] || [0, 0])[1];
  check(`phone: the status footer is compact (${footer.toFixed(0)} of ${s.css[1]} px)`, s.rects["status:privacy"] && footer <= 40, footer);
  await L.wheel(page, 200, 500, 250, 3);
  await L.wheel(page, 200, 500, -250, 3);
  await shot(page, "walk-p01-rate");
  if (check("phone: the Rate page leads to the recommendations without the menu", (await state(page)).rects["to-recs"] !== undefined,
    Object.keys((await state(page)).rects).filter(k => !/^q:/.test(k)))) {
    await tap("to-recs");
    await until(page, "recommendations opened", () => window.weightless.page === "recs" && !window.weightless.menu, undefined, 10000);
  }

  await go("lab");
  await tap("lab:run");
  await until(page, "split lab finished on the phone", () => window.weightless.lab && window.weightless.lab.state === "done", undefined, 300000);
  await frames(page, 3);
  s = await state(page);
  check("phone: the Lab's table and charts fit the width (headers and cells included)", s.overflow.length === 0, s.overflow);
  const w = chartWatch();
  const specs = s.lab.results.map(r => r.spec);
  s = await wheelThrough(page, 200, 450, w.seen);
  checkCharts("phone lab", w, n => specs[Number(n.split(":")[2])]);
  check("phone: nothing cut at the right anywhere on the Lab", s.overflow.length === 0, s.overflow);
  await shot(page, "walk-p02-lab");
  check("phone: the wheel scrolled the Lab", s.page_scroll > 50, s.page_scroll);
  await go("data");
  s = await state(page);
  check("phone: Data & privacy opens at its top after the Lab was scrolled", s.page_scroll === 0, s.page_scroll);
  await context.close();
}

async function main() {
  fs.mkdirSync(L.shots, { recursive: true });
  const server = await L.serve(L.dist);
  const origin = "http://127.0.0.1:" + server.address().port;
  const browser = await chromium.launch({ executablePath: L.chromiumPath, args: L.args, headless: true });
  const requests = [];
  await desktop(browser, origin, requests);
  await phone(browser, origin, requests);
  const foreign = requests.filter(u => !u.startsWith(origin + "/") && !u.startsWith("data:") && !u.startsWith("blob:" + origin + "/"));
  check("every request stays on the page's origin (" + requests.length + " requests)", foreign.length === 0, foreign);
  check("no console errors, the wheel's included", L.errors.length === 0, L.errors.slice(0, 5).concat(L.errors.length > 5 ? ["… " + L.errors.length + " in all"] : []));
  await browser.close();
  server.close();
}

L.run("walk", main);
