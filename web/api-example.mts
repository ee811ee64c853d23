// Weightless JavaScript API from TypeScript, as an ES module (node): find movies by title, rate a few, get the
// top-N with reasons, forget exactly, save and restore. It sits beside dist/'s weightless-api.mjs and its
// declarations (weightless-api.d.mts) the way a user's code would: scripts/api-test.sh copies them together,
// type-checks this file with `tsc --strict` and runs the output (node api-example.mjs CATALOGUE.wlds).
// In a browser: `import createWeightless from "./weightless-api.mjs"; const wl = await createWeightless();`.
import { readFile } from "node:fs/promises";
import createWeightless from "./weightless-api.mjs";
import type { HistoryPreview, MovieEntry, RecommendEntry, Weightless } from "./weightless-api.mjs";

const catalogueFile = process.argv[2];
if (!catalogueFile) throw new Error("usage: node api-example.mjs CATALOGUE.wlds");

// Node's fetch cannot read files: hand the .wasm bytes over directly.
const wl: Weightless = await createWeightless({ wasmBinary: await readFile(new URL("./weightless-api.wasm", import.meta.url)) });
const catalogue = wl.Catalogue.fromBytes(new Uint8Array(await readFile(catalogueFile)));

// The app's search: accents and case do not matter, titles starting with the text come first.
const found: MovieEntry[] = catalogue.search("amelie", 3);
const amelie = found[0];
if (amelie === undefined || amelie.movieId !== 4973) throw new Error("search did not find Amélie first");
const year = amelie.year === null ? "year unknown" : String(amelie.year);
console.log(`search "amelie": ${amelie.title}: ${year}, ${amelie.genres.join(", ")}`);

const rec = new wl.Recommender(catalogue, "wnn-best");
const me = rec.newUser();
const mine: Array<[movieId: number, stars: number]> = [[amelie.movieId, 5], [318, 4.5], [1, 4], [2571, 1.5], [296, 3]];
for (const [movieId, stars] of mine) rec.learn(me, movieId, stars);

// A person's Letterboxd (or IMDb) export, read as the app's import preview: teach the rows matched to one film.
const file = new TextEncoder().encode("Date,Name,Year,Letterboxd URI,Rating\n2020-01-03,Se7en,1995,https://boxd.it/1,4.5\n");
const history: HistoryPreview = catalogue.readHistory(file, "ratings.csv");
for (const row of history.rows)
  if (row.match === "exact" && row.movieId !== null && row.stars !== null) rec.learn(me, row.movieId, row.stars);
console.log(`readHistory (${history.format}): ${history.rows.map(r => `${r.title} ${r.match}`).join(", ")}`);

const top: RecommendEntry[] = rec.recommend(me, 5, 10);
for (const r of top) {
  const why = r.why.map(w => `${w.title} (${w.strength})`).join("; ");
  console.log(`${r.stars.toFixed(2)}  ${r.title} [${r.genres.join("|")}]  because of: ${why || "-"}`);
}

// The same list narrowed: comedies of the 1990s (options: genres, excludeGenres, yearFrom, yearTo, only).
const nineties: RecommendEntry[] = rec.recommend(me, 3, 10, { genres: ["Comedy"], yearFrom: 1990, yearTo: 1999 });
console.log(`Comedies of the 1990s: ${nineties.map(r => r.title).join("; ")}`);

// Forgetting is exact; saved bytes restore identical predictions.
const before = rec.predict(me, 2959);
rec.learn(me, 2959, 5);
rec.forget(me, 2959);
if (rec.predict(me, 2959) !== before) throw new Error("forget did not restore the prediction");
const copy = new wl.Recommender(catalogue, "wnn-best");
copy.load(rec.save());
for (const r of top) if (copy.predict(me, r.movieId) !== r.stars) throw new Error("restored model predicts differently");

// Bad input throws an Error with the core's message.
try {
  catalogue.search("amelie", 0);
  throw new Error("n = 0 was accepted");
} catch (e) {
  if (!(e instanceof Error) || !e.message.includes("n must be a whole number from 1")) throw e;
  console.log(`refused: ${e.message}`);
}
for (const x of [rec, copy, catalogue]) x.delete();  // wasm memory is freed by delete(), not by the GC
console.log(`api-example.mts: passed (wasm heap in use: ${wl.heapBytesInUse()} bytes)`);
