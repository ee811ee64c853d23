// Recommender.recommend's options ({genres, excludeGenres, yearFrom, yearTo, only}): each narrows the list as it
// says and leaves its order otherwise the same (the one top-N path), `only` ranks a given set such as a watchlist,
// and a bad option is refused by name without touching the recommender or leaking.
// Run: node web/api-filter-test.js [dist/weightless-api.js] [assets/ml-latest-small.wlds]   (run by scripts/api-test.sh)
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const apiJs = path.resolve(process.argv[2] || path.join(root, "dist", "weightless-api.js"));
const catalogueFile = path.resolve(process.argv[3] || path.join(root, "assets", "ml-latest-small.wlds"));

async function main() {
  const createWeightless = require(apiJs);
  const wl = await createWeightless({ wasmBinary: fs.readFileSync(apiJs.replace(/\.js$/, ".wasm")) });
  const cat = wl.Catalogue.fromBytes(new Uint8Array(fs.readFileSync(catalogueFile)));
  const rec = new wl.Recommender(cat, "ease");
  const me = rec.newUser();
  for (const [id, stars] of [[1, 4.5], [260, 5], [296, 4], [318, 5], [2571, 4.5], [356, 3]]) rec.learn(me, id, stars);

  const all = rec.recommend(me, 100000, 10);  // every candidate, in order
  const same = rec.recommend(me, 100000, 10, undefined);
  assert.deepStrictEqual(same, all, "no options is the plain list");
  assert.deepStrictEqual(rec.recommend(me, 100000, 10, {}), all, "empty options are the plain list");
  // Each filter keeps the plain list's order among the movies it admits.
  const sub = (list, keep) => list.filter(keep).slice(0, 10).map(m => m.movieId);
  const check = (options, keep, what) => {
    const got = rec.recommend(me, 10, 10, options);
    assert.ok(got.length > 0, `${what}: a list`);
    assert.ok(got.every(keep), `${what}: every movie passes: ${JSON.stringify(got.map(m => [m.title, m.genres]))}`);
    assert.deepStrictEqual(got.map(m => m.movieId), sub(all, keep), `${what}: in the plain list's order`);
    console.log(`api-filter-test: ${what}: ${got.slice(0, 3).map(m => m.title).join("; ")} ...`);
  };
  check({ genres: ["Comedy"] }, m => m.genres.includes("Comedy"), "genres Comedy");
  check({ genres: ["comedy", "Horror"] }, m => m.genres.includes("Comedy") || m.genres.includes("Horror"), "Comedy or Horror (any case)");
  check({ excludeGenres: ["Drama", "Action"] }, m => !m.genres.includes("Drama") && !m.genres.includes("Action"), "no Drama, no Action");
  check({ yearFrom: 1990, yearTo: 1999 }, m => m.year >= 1990 && m.year <= 1999, "the 1990s");
  check({ yearFrom: 2010 }, m => m.year >= 2010, "2010 on");
  check({ genres: ["Animation"], yearTo: 2000 }, m => m.genres.includes("Animation") && m.year <= 2000, "animation to 2000");

  // `only` ranks a given set (a watchlist): in model order, rated movies and minVotes still applied.
  const watchlist = [all[40].movieId, all[3].movieId, 260 /* rated */, all[17].movieId];
  const ranked = rec.recommend(me, 10, 10, { only: watchlist });
  assert.deepStrictEqual(ranked.map(m => m.movieId), [all[3].movieId, all[17].movieId, all[40].movieId], "only: ranked, rated left out");
  assert.deepStrictEqual(rec.recommend(me, 10, 10, { only: [] }), [], "only []: an empty watchlist ranks nothing");

  const before = JSON.stringify(all);
  const heap0 = wl.heapBytesInUse();
  const refused = [
    [{ genres: ["Western-ish"] }, "genres: the catalogue has no genre 'Western-ish'"],
    [{ genres: "Comedy" }, "genres must be an array of genre names"],
    [{ excludeGenres: [3] }, "excludeGenres must be an array of genre names"],
    [{ yearFrom: 1999.5 }, "yearFrom must be a whole year from 1800 to 3000, not 1999.5"],
    [{ yearTo: "1999" }, "yearTo must be a year"],
    [{ yearFrom: 2000, yearTo: 1990 }, "yearFrom 2000 is after yearTo 1990"],
    [{ only: [1, 99999999] }, "only: unknown movie id 99999999"],
    [{ only: [-1] }, "only's movieId must be a whole number"],
    [{ genres: ["Drama"], excludeGenres: ["drama"] }, "a genre is both in genres and in excludeGenres"],
    [{ genre: ["Drama"] }, "unknown option 'genre'"],
    [[1, 2], "options must be an object"],
    ["Comedy", "options must be an object"],
  ];
  for (let round = 0; round < 50; ++round)
    for (const [options, message] of refused)
      assert.throws(() => rec.recommend(me, 10, 10, options), e => e.message.includes(message),
        `${JSON.stringify(options)} is refused with "${message}"`);
  assert.strictEqual(JSON.stringify(rec.recommend(me, 100000, 10)), before, "refusals changed nothing");
  assert.ok(wl.heapBytesInUse() - heap0 < 64 * 1024, `refusals leak: ${wl.heapBytesInUse() - heap0} bytes`);
  rec.delete();
  cat.delete();
  console.log("api-filter-test: options filter the list in its own order; bad options refused without a leak");
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
