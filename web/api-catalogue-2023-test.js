// The JavaScript API on the app's catalogue (assets/ml-latest-2023.wlds: MovieLens' 86,812 movies of July 2023 with
// the community's 2018 ratings): Catalogue.search finds the 2019-2023 films the 2018 catalogue lacked, each with its
// year; an old id MovieLens merged resolves to its film; a list can include films without community ratings.
// Run: node web/api-catalogue-2023-test.js [dist/weightless-api.js] [assets/]   (run by scripts/api-test.sh)
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const apiJs = path.resolve(process.argv[2] || path.join(root, "dist", "weightless-api.js"));
const assets = path.resolve(process.argv[3] || path.join(root, "assets"));

async function main() {
  const createWeightless = require(apiJs);
  const wl = await createWeightless({ wasmBinary: fs.readFileSync(apiJs.replace(/\.js$/, ".wasm")) });
  const heap0 = wl.heapBytesInUse();
  const cat = wl.Catalogue.withItemModel(new Uint8Array(fs.readFileSync(path.join(assets, "ml-latest-2023.wlds"))),
    new Uint8Array(fs.readFileSync(path.join(assets, "ml-latest-small.items.wlim"))));
  assert.strictEqual(cat.numItems(), 86812);
  const recent = [["parasite", 202439, 2019], ["dune", 254726, 2021], ["joker", 204698, 2019], ["oppenheimer", 287699, 2023],
    ["barbie", 288513, 2023], ["knives out", 207313, 2019], ["past lives", 283577, 2023], ["top gun maverick", 274053, 2022],
    ["the batman", 268642, 2022], ["everything everywhere all at once", 270698, 2022]];
  for (const [text, id, year] of recent) {
    const found = cat.search(text, 5);
    const hit = found.find(m => m.movieId === id);
    assert.ok(hit, `search "${text}" finds movie ${id}: ${JSON.stringify(found.map(m => m.title))}`);
    assert.strictEqual(hit.year, year, `${hit.title}: its year`);
    console.log(`api-catalogue-2023-test: "${text}" -> ${hit.title} [${hit.genres.join("|")}] (rank ${found.indexOf(hit) + 1})`);
  }
  // Sherlock: The Abominable Bride was 150548 in 2018 and is 205303 in 2023: both ids name it.
  assert.ok(cat.hasMovie(150548) && cat.title(150548) === cat.title(205303), "a merged id resolves to its film");
  // Films without community ratings are movies like the others: rated, predicted, and listed when minVotes is 0.
  const rec = new wl.Recommender(cat, "wnn-best");
  const me = rec.newUser();
  for (const id of [1, 260, 296, 318, 2571]) rec.learn(me, id, 4.5);
  rec.learn(me, 202439, 5);  // Parasite (2019): nobody in the 2018 community rated it
  assert.ok(Number.isFinite(rec.predict(me, 287699)), "Oppenheimer predicts");
  const all = rec.recommend(me, 20, 0);
  assert.strictEqual(all.length, 20);
  assert.ok(!all.some(m => m.movieId === 202439), "a rated film is not recommended");
  rec.delete();
  cat.delete();
  assert.strictEqual(wl.heapBytesInUse(), heap0, "everything deleted gives the heap back");
  console.log("api-catalogue-2023-test: passed");
}

main().catch(e => {
  console.error(`api-catalogue-2023-test: ${e.stack || e}`);
  process.exit(1);
});
