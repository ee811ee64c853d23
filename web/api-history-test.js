// Catalogue.readHistory on the app's catalogue (assets/ml-latest-2023.wlds): the import fixtures' layouts
// (tests/fixtures/import: an Italian IMDb export, IMDb's watchlist, Letterboxd files, a ";" re-save, Windows-1252)
// and, when ../shared/data/exports is there, the real exports; the app's errors thrown; and a recommender taught a
// file's matched ratings never lists those films.
// Run: node web/api-history-test.js [dist/weightless-api.js] [assets/]   (run by scripts/api-test.sh)
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const apiJs = path.resolve(process.argv[2] || path.join(root, "dist", "weightless-api.js"));
const assets = path.resolve(process.argv[3] || path.join(root, "assets"));
const fixtures = path.join(root, "tests", "fixtures", "import");
const shared = path.join(root, "..", "shared", "data", "exports");
const bytes = file => new Uint8Array(fs.readFileSync(file));
const text = s => new TextEncoder().encode(s);

function expectError(fn, message) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error, `expected an Error containing "${message}"`);
  assert.ok(error.message.includes(message), `expected "${message}" in "${error.message}"`);
}

async function main() {
  const createWeightless = require(apiJs);
  const wl = await createWeightless({ wasmBinary: fs.readFileSync(apiJs.replace(/\.js$/, ".wasm")) });
  const cat = wl.Catalogue.withItemModel(bytes(path.join(assets, "ml-latest-2023.wlds")),
    bytes(path.join(assets, "ml-latest-small.items.wlim")));

  // An IMDb export from IMDb's Italian site: "Film" rows read by id, "Serie TV" and the like are not films.
  const it = cat.readHistory(bytes(path.join(fixtures, "imdb-ratings-it.csv")));
  assert.strictEqual(it.format, "IMDb");
  assert.strictEqual(it.rows.length + it.notMovies, 19);
  const shawshank = it.rows.find(r => r.title === "Le ali della libertà");
  assert.deepStrictEqual([shawshank.match, shawshank.movieId, shawshank.stars, shawshank.kind, shawshank.year],
    ["exact", 318, 5, "rating", 1994]);
  assert.deepStrictEqual(shawshank.candidates, [318]);
  assert.ok(!it.rows.some(r => r.title === "Gomorra - La serie"), "a series is not a film");
  const fresh = it.rows.find(r => r.title === "Un film del 2024");
  assert.deepStrictEqual([fresh.match, fresh.movieId, fresh.candidates], ["unmatched", null, []]);

  // IMDb's watchlist: marks, no stars.
  const wlist = cat.readHistory(bytes(path.join(fixtures, "imdb-watchlist.csv")));
  assert.strictEqual(wlist.format, "IMDb watchlist");
  assert.strictEqual(wlist.marks, "watchlist");
  assert.ok(wlist.rows.every(r => r.stars === null && r.kind === "watchlist"));
  assert.ok(wlist.rows.some(r => r.movieId === 1), "Toy Story on the watchlist");

  // Letterboxd ratings: ambiguous rows offer their candidates and no movieId.
  const lb = cat.readHistory(bytes(path.join(fixtures, "letterboxd-ratings.csv")));
  const amb = lb.rows.filter(r => r.match === "ambiguous");
  assert.ok(amb.length > 0 && amb.every(r => r.movieId === null && r.candidates.length >= 2), JSON.stringify(amb));
  assert.ok(lb.malformed > 0 && lb.problems.length > 0 && /^line \d+: /.test(lb.problems[0]), lb.problems[0]);

  // A spreadsheet's ";" re-save, and Windows-1252 bytes (said so).
  const semi = cat.readHistory(bytes(path.join(fixtures, "letterboxd-ratings-semicolon.csv")));
  assert.strictEqual(semi.rows.find(r => r.movieId === 2571).stars, 4.5);
  const cp = cat.readHistory(bytes(path.join(fixtures, "letterboxd-ratings-cp1252.csv")));
  assert.strictEqual(cp.windows1252, true);
  assert.strictEqual(cp.rows[0].title, "Amélie");

  // A watched.csv and a watchlist.csv share columns: the file name tells them apart.
  const list = "Date,Name,Year,Letterboxd URI\n2019-05-21,The Matrix,1999,https://boxd.it/1\n";
  assert.strictEqual(cat.readHistory(text(list)).rows[0].kind, "seen");
  assert.strictEqual(cat.readHistory(text(list), "watched.csv").rows[0].kind, "seen");
  assert.strictEqual(cat.readHistory(text(list), "watchlist.csv").rows[0].kind, "watchlist");

  // The app's errors.
  expectError(() => cat.readHistory(text("userId,movieId,rating,timestamp\n1,1,4,5\n")), "not a MovieLens, IMDb or Letterboxd export");
  expectError(() => cat.readHistory(text("Const,Your Rating,Title Type\ntt0903747,9,TV Series\n")), "no film");
  expectError(() => cat.readHistory(new Uint8Array([0xff, 0xfe, 0x41, 0])), "UTF-16");
  expectError(() => cat.readHistory(new Uint8Array(0)), "empty");
  expectError(() => cat.readHistory("Const,Your Rating"), "expected a Uint8Array");
  expectError(() => cat.readHistory(new Uint8Array((32 << 20) + 1)), "larger than any rating export");

  // The real exports, when the shared data is there.
  let real = 0;
  if (fs.existsSync(shared)) {
    const imdb = cat.readHistory(bytes(path.join(shared, "imdb-mcanouil", "ratings.csv")));
    assert.strictEqual(imdb.format, "IMDb");
    assert.ok(imdb.rows.filter(r => r.match === "exact").length > 3000);
    for (const [file, kind] of [["letterboxd-kleutzinger/watched.csv", "seen"], ["letterboxd-patrickmjones/watched.csv", "seen"],
      ["letterboxd-patrickmjones/watchlist.csv", "watchlist"]]) {
      const p = cat.readHistory(bytes(path.join(shared, file)), path.basename(file));
      assert.ok(p.rows.length > 500 && p.rows.every(r => r.kind === kind && r.stars === null), file);
      ++real;
    }
    // A recommender taught the file's matched ratings never lists those films (the API keeps each user's rated films).
    const rec = new wl.Recommender(cat, "bias");
    const me = rec.newUser();
    const taught = new Set();
    for (const r of imdb.rows)
      if (r.match === "exact" && !taught.has(r.movieId)) {
        rec.learn(me, r.movieId, r.stars);
        taught.add(r.movieId);
      }
    const top = rec.recommend(me, 200, 1);
    assert.strictEqual(top.length, 200);
    assert.ok(top.every(m => !taught.has(m.movieId)), "a rated film was recommended");
    rec.delete();
    real += 1;
  }
  cat.delete();
  console.log(`api-history-test: readHistory reads the fixtures' layouts${real ? " and the shared exports" : ""}, throws the app's errors`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
