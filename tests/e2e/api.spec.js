// The JavaScript API in a browser (headless Chromium), as a web page would use dist/'s files: the CommonJS build
// through a plain <script> (the global createWeightless) and the ES module through `import`, each fetching its
// weightless-api.wasm by itself. Each variant searches, learns, lists and refuses a bad call with an Error; the
// page requests nothing but its own origin and logs no error. Usage: node api.spec.js (exit 1 on any failure).
"use strict";
const { chromium } = require("playwright-core");
const path = require("path");
const L = require("./lib");
const { check } = L;

// The calls both variants make (run in the page: `createWeightless` is whichever the page loaded).
const body = `
  const wl = await createWeightless();
  const bytes = new Uint8Array(await (await fetch("ml-latest-small.wlds")).arrayBuffer());
  const cat = wl.Catalogue.fromBytes(bytes);
  const found = cat.search("amelie", 3);
  const rec = new wl.Recommender(cat, "bias");
  const me = rec.newUser();
  rec.learn(me, found[0].movieId, 5);
  const top = rec.recommend(me, 3, 10);
  let refused = "";
  try { cat.search("amelie", 0); } catch (e) { refused = e instanceof Error ? e.message : "not an Error"; }
  rec.delete();
  cat.delete();
  window.result = { found, top, refused };`;
const pages = {
  "script.html": `<!doctype html><link rel="icon" href="data:,"><script src="weightless-api.js"></script>
    <script>(async () => { ${body} })().catch(e => { window.result = { crash: String(e) }; });</script>`,
  "module.html": `<!doctype html><link rel="icon" href="data:,"><script type="module">
    import createWeightless from "./weightless-api.mjs";
    try { ${body} } catch (e) { window.result = { crash: String(e) }; }</script>`,
};

L.run("api.spec", async () => {
  const server = await L.serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: L.chromiumPath, args: L.args });
  try {
    for (const [name, html] of Object.entries(pages)) {
      const page = await browser.newPage();
      const requests = [];
      L.watch(page, requests);
      // The test pages and the catalogue are not part of dist/: the page's origin serves them here.
      await page.route(`${origin}/${name}`, r => r.fulfill({ body: html, contentType: "text/html" }));
      await page.route(`${origin}/ml-latest-small.wlds`, r => r.fulfill({ path: path.join(L.root, "assets", "ml-latest-small.wlds") }));
      await page.goto(`${origin}/${name}`);
      await page.waitForFunction(() => window.result !== undefined, undefined, { timeout: 60000 });
      const r = await page.evaluate(() => window.result);
      check(`${name}: ran`, !r.crash, r.crash);
      if (r.crash) continue;
      const amelie = r.found[0];
      check(`${name}: search finds Amélie first`, amelie && amelie.movieId === 4973 && amelie.year === 2001 &&
        amelie.genres.join() === "Comedy,Romance", amelie);
      check(`${name}: recommend lists with year and genres`, r.top.length === 3 &&
        r.top.every(e => "year" in e && Array.isArray(e.genres) && typeof e.stars === "number"), r.top);
      check(`${name}: a bad call throws the core's message`, r.refused.startsWith("n must be a whole number from 1"), r.refused);
      check(`${name}: only its own origin requested`, requests.every(u => u.startsWith(origin + "/")), requests);
      check(`${name}: the wasm fetched by the page itself`, requests.includes(`${origin}/weightless-api.wasm`), requests);
      await page.close();
    }
    check("no console errors", L.errors.length === 0, L.errors);
  } finally {
    await browser.close();
    server.close();
  }
});
