// Weightless JavaScript API example (node): load the catalogue, make a personal network, rate a few movies,
// get top-N recommendations with their reasons, forget a rating exactly, save and restore the model as bytes.
// Run: node web/api-example.js [dist/weightless-api.js] [assets/ml-latest-small.wlds]
// In a browser the same calls work after <script src="weightless-api.js"></script> and `await createWeightless()`.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const apiJs = path.resolve(process.argv[2] || path.join(root, "dist", "weightless-api.js"));
const catalogueFile = path.resolve(process.argv[3] || path.join(root, "assets", "ml-latest-small.wlds"));

async function main() {
  const createWeightless = require(apiJs);
  // Node 18+ has fetch, which cannot read file paths: hand the .wasm bytes over directly.
  const wl = await createWeightless({ wasmBinary: fs.readFileSync(apiJs.replace(/\.js$/, ".wasm")) });

  const catalogue = wl.Catalogue.fromBytes(new Uint8Array(fs.readFileSync(catalogueFile)));
  console.log(`catalogue ${catalogue.name()}: ${catalogue.numItems()} movies, ${catalogue.numRatings()} ratings`);

  // Any model the CLI knows, with parameters: "wnn-best", "wnn-best:tuple_size=8", "bias", "user-mean", ...
  const rec = new wl.Recommender(catalogue, "wnn-best");
  const me = rec.newUser();
  const mine = { 1: 5, 318: 4.5, 4973: 4, 2571: 1.5, 296: 3 };  // MovieLens movieId -> stars
  for (const [id, stars] of Object.entries(mine)) rec.learn(me, Number(id), stars);

  const top = rec.recommend(me, 5, 10);  // top 5 among movies with >= 10 community ratings
  for (const r of top) {
    const why = r.why.map(w => `${w.title} (${w.cells} shared cells)`).join("; ");
    console.log(`${r.stars.toFixed(2)}  ${r.title}  because of: ${why || "-"}`);
  }

  // Forgetting is exact: predictions return to what they were before the rating was learned.
  const before = rec.predict(me, 2959);
  rec.learn(me, 2959, 5);
  rec.forget(me, 2959);
  if (rec.predict(me, 2959) !== before) throw new Error("forget did not restore the prediction");

  // Save to bytes and restore into a fresh recommender of the same spec: identical predictions.
  const bytes = rec.save();
  const copy = new wl.Recommender(catalogue, "wnn-best");
  copy.load(bytes);
  for (const r of top)
    if (copy.predict(me, r.movieId) !== r.stars) throw new Error("restored model predicts differently");
  console.log(`saved ${bytes.length} bytes; the restored model predicts identically`);

  // Bad input is a JavaScript Error with the core's message; the failed call changes nothing (and leaks nothing:
  // web/api-leak-test.js checks every error case).
  let refused = null;
  try {
    copy.load(new Uint8Array([1, 2, 3]));
  } catch (e) {
    refused = e;
  }
  if (!(refused instanceof Error)) throw new Error("a corrupt file was accepted");
  console.log("corrupt file refused: " + refused.message);
  if (copy.predict(me, top[0].movieId) !== top[0].stars) throw new Error("a refused file changed the model");
  for (const x of [rec, copy, catalogue]) x.delete();  // embind objects live in wasm memory until deleted
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
