// Checks how the JavaScript API fails (node): every bad call throws an Error with the core's message and leaves
// the object exactly as it was (same saved bytes, same predictions, still usable); thousands of failing calls, and
// thousands of succeeding searches and recommendations, leave the wasm heap (bytes in use, memory size) and
// embind's handle table where they were.
// Run: node web/api-leak-test.js [dist/weightless-api.js] [assets/ml-latest-small.wlds]   (run by scripts/api-test.sh)
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");

// Runs fn, which must throw an Error whose message contains `message`; returns that Error.
function expectError(fn, message) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, `no error where one containing "${message}" was expected`);
  assert.ok(error instanceof Error, `thrown value is not an Error: ${error}`);
  assert.ok(error.message.includes(message), `expected "${message}" in the message "${error.message}"`);
  return error;
}

const sameBytes = (a, b) => Buffer.compare(a, b) === 0;
const text = s => new TextEncoder().encode(s);
const corrupt = bytes => {
  const c = bytes.slice();
  c[c.length >> 1] ^= 0x40;
  return c;
};

// The failing calls, each with a piece of its expected message. `slow` ones (a fit that fails half-way) are run
// less often in the leak loop.
function failingCalls(wl, catalogueBytes, cat, rec, me, saved) {
  const otherSpec = new wl.Recommender(cat, "user-mean");
  const foreign = otherSpec.save();
  otherSpec.delete();
  const [badCatalogue, badSaved] = [corrupt(catalogueBytes), corrupt(saved)];
  return [
    ["bad catalogue bytes", () => wl.Catalogue.fromBytes(new Uint8Array([1, 2, 3])), "catalogue: not a WLDS file"],
    ["truncated catalogue", () => wl.Catalogue.fromBytes(catalogueBytes.slice(0, 4096)), "catalogue: truncated"],
    ["corrupt catalogue", () => wl.Catalogue.fromBytes(badCatalogue), "catalogue: checksum mismatch"],
    ["catalogue not bytes", () => wl.Catalogue.fromBytes("ml-latest-small.wlds"), "expected a Uint8Array"],
    ["unknown model spec", () => new wl.Recommender(cat, "wnn-nope"), "unknown model 'wnn-nope'"],
    ["absurd config (range)", () => new wl.Recommender(cat, "wnn-best:tuple_size=99"), "99 is outside [1, 32]"],
    ["absurd config (memory)", () => new wl.Recommender(cat, "wnn-best:tuple_size=32 tables=dense"), "over the 64 MB limit"],
    ["unknown parameter", () => new wl.Recommender(cat, "bias:speed=11"), "unknown parameter 'speed'"],
    ["unknown movie id (predict)", () => rec.predict(me, 999999), "unknown movie id 999999"],
    ["unknown movie id (learn)", () => rec.learn(me, 999999, 4), "unknown movie id 999999"],
    ["unknown movie id (title)", () => cat.title(999999), "unknown movie id 999999"],
    ["search for no entries", () => cat.search("amelie", 0), "n must be a whole number from 1 to 4294967295, not 0"],
    ["search n not whole", () => cat.search("amelie", 2.5), "n must be a whole number from 1 to 4294967295, not 2.5"],
    ["search n too large", () => cat.search("amelie", 2 ** 32), "n must be a whole number from 1 to 4294967295"],
    // 882 characters, 1008 bytes of UTF-8: the cap is on bytes.
    ["search text too long", () => cat.search("amélie ".repeat(126), 5), "search text is 1008 bytes long; at most 1000 are searched"],
    // embind passes a Uint8Array's bytes as the std::string unchanged: the one way to send text that is not UTF-8.
    ["search text not UTF-8", () => cat.search(new Uint8Array([0x61, 0x6d, 0xc3]), 5), "search text is not valid UTF-8 (byte 2)"],
    ["search text not a string", () => cat.search(4973, 5), "Cannot pass non-string to std::string"],
    ["search without n", () => cat.search("amelie"), "called with 1 arguments, expected 2"],
    ["rating above 5 stars", () => rec.learn(me, 2959, 7), "stars must be 0.5, 1, ... 5"],
    ["rating of 0 stars", () => rec.learn(me, 2959, 0), "stars must be 0.5, 1, ... 5"],
    ["rating not in half stars", () => rec.learn(me, 2959, 3.7), "stars must be 0.5, 1, ... 5"],
    ["learn twice", () => rec.learn(me, 1, 3), "already rated movie 1: forget it first"],
    ["forget unknown", () => rec.forget(me, 2959), "has not rated movie 2959"],
    ["forget unknown movie id", () => rec.forget(me, 999999), "unknown movie id 999999"],
    ["corrupt saved bytes", () => rec.load(badSaved), "saved recommender: checksum mismatch"],
    ["truncated saved bytes", () => rec.load(saved.slice(0, 100)), "saved recommender: truncated"],
    ["saved by another spec", () => rec.load(foreign), "saved from another model spec"],
    ["saved bytes not bytes", () => rec.load([1, 2, 3]), "expected a Uint8Array"],
    // Refused by embind before the core runs (wrong types or argument counts): must not leak either.
    ["spec not a string", () => new wl.Recommender(cat, 42), "Cannot pass non-string to std::string"],
    ["not a catalogue", () => new wl.Recommender({}, "bias"), "as a Catalogue"],
    ["missing argument", () => rec.learn(me, 2959), "called with 2 arguments, expected 3"],
    ["movie id not a number", () => rec.predict(me, "Fight Club"), "movieId must be a whole number"],
    ["absurd config (fails while fitting)", () => new wl.Recommender(cat, "wnn-best:tuple_size=18 tables=dense"), "over the 64 MB limit", "slow"],
    ["history of another layout", () => cat.readHistory(text("userId,movieId,rating,timestamp\n1,1,4,5\n")), "not a MovieLens, IMDb or Letterboxd export"],
    ["history without a film", () => cat.readHistory(text("Const,Your Rating,Title Type\ntt0903747,9,TV Series\n")), "no film"],
    ["history broken quoting", () => cat.readHistory(text("Date,Name,Year,Letterboxd URI,Rating\n2020-01-01,\"Open,1999,x,4\n")), "broken"],
    ["history in UTF-16", () => cat.readHistory(new Uint8Array([0xff, 0xfe, 0x41, 0])), "UTF-16"],
    ["history not bytes", () => cat.readHistory("Const,Your Rating"), "expected a Uint8Array"],
    ["history too large", () => cat.readHistory(new Uint8Array((32 << 20) + 1)), "larger than any rating export", "slow"],
  ];
}

// What a leak would change: wasm heap bytes in use (dlmalloc), the wasm memory size, live embind value handles.
function measure(wl) {
  return { heapInUse: wl.heapBytesInUse(), memory: wl.HEAP8.length, handles: wl.count_emval_handles() };
}

// Calls that succeed, for the same check: a search or a list allocates in wasm and must give all of it back.
function succeedingCalls(cat, rec, me) {
  return [
    () => cat.search("amelie", 10),
    () => cat.search("", 200),  // the whole catalogue is ranked, the first 200 returned
    () => cat.search("STAR wars", 5),
    () => cat.search("zzzzqqq", 3),
    () => rec.recommend(me, 10, 10),
    () => rec.predict(me, 2959),
    () => cat.readHistory(text("Date,Name,Year,Letterboxd URI,Rating\n2020-01-03,The Matrix,1999,u,4.5\n2020-01-04,Amélie,2001,u,5\n" +
      "2020-01-05,Emma,1996,u,3\n2020-01-06,No Such Film,2031,u,2\n2020-01-07,Se7en,1995,u,\n")),
    () => cat.readHistory(text("Const,Your Rating,Date Rated,Title,Title Type,Year\ntt0114709,8,2021-01-05,Toy Story,Film,1995\n" +
      "tt0903747,9,2021-01-06,Breaking Bad,Serie TV,2008\n"), "ratings.csv"),
  ];
}

// Runs every failing call `rounds` times (slow ones every 50th round) and returns the measures before and after
// (taken after a warm-up round, so that one-time allocations do not count).
function leakCheck(wl, calls, rounds) {
  const runAll = round => {
    let failed = 0;
    for (const [, fn, , slow] of calls) {
      if (slow && round % 50 !== 0) continue;
      try {
        fn();
      } catch (e) {
        ++failed;
      }
    }
    return failed;
  };
  runAll(0);
  const before = measure(wl);
  let failed = 0;
  for (let round = 1; round <= rounds; ++round) failed += runAll(round);
  return { before, after: measure(wl), failed };
}

async function main() {
  const apiJs = path.resolve(process.argv[2] || path.join(root, "dist", "weightless-api.js"));
  const catalogueFile = path.resolve(process.argv[3] || path.join(root, "assets", "ml-latest-small.wlds"));
  const createWeightless = require(apiJs);
  const wl = await createWeightless({ wasmBinary: fs.readFileSync(apiJs.replace(/\.js$/, ".wasm")) });
  const catalogueBytes = new Uint8Array(fs.readFileSync(catalogueFile));
  const cat = wl.Catalogue.fromBytes(catalogueBytes);
  const rec = new wl.Recommender(cat, "wnn-best");
  assert.ok(rec instanceof wl.Recommender && cat instanceof wl.Catalogue);
  const me = rec.newUser();
  const other = rec.newUser();  // has rated nothing: a failed learn must not leave an empty entry for it either
  rec.learn(me, 1, 5);
  rec.learn(me, 318, 4.5);
  const saved = rec.save();
  const prediction = rec.predict(me, 2959);
  const top = JSON.stringify(rec.recommend(me, 5, 10));
  const found = JSON.stringify(cat.search("amelie", 5));

  // 1. Each failure: an Error with the core's message; nothing changed; everything still works.
  const calls = failingCalls(wl, catalogueBytes, cat, rec, me, saved);
  calls.push(["unknown movie id (new user's learn)", () => rec.learn(other, 999999, 4), "unknown movie id 999999"]);
  for (const [what, fn, message] of calls) {
    expectError(fn, message);
    assert.strictEqual(rec.predict(me, 2959), prediction, `${what}: a prediction changed`);
    assert.strictEqual(JSON.stringify(rec.recommend(me, 5, 10)), top, `${what}: the recommendations changed`);
    assert.strictEqual(cat.title(2959), "Fight Club (1999)", `${what}: the catalogue no longer works`);
    assert.strictEqual(JSON.stringify(cat.search("amelie", 5)), found, `${what}: the search results changed`);
  }
  // The whole state (model, every user's ratings, next user index) is byte for byte what it was.
  assert.ok(sameBytes(rec.save(), saved), "the recommender's state changed after the failures");
  // Still fully usable: learn, forget (exact), load, a new recommender from the same catalogue.
  rec.learn(me, 2959, 4);
  assert.notStrictEqual(rec.predict(me, 2959), prediction);
  rec.forget(me, 2959);
  assert.strictEqual(rec.predict(me, 2959), prediction);
  rec.load(saved);
  assert.ok(sameBytes(rec.save(), saved));
  const fresh = new wl.Recommender(cat, "bias");
  fresh.learn(fresh.newUser(), 1, 4);
  fresh.delete();
  console.log(`api-leak-test: ${calls.length} error cases throw the expected Error and change nothing`);

  // 2. Arguments: indices are whole numbers, users are the catalogue's or newUser()'s; wrong calls are refused.
  expectError(() => rec.learn(-1, 1, 4), "user must be a whole number from 0 to 4294967295, not -1");
  expectError(() => rec.predict(me + 0.5, 1), "user must be a whole number");
  expectError(() => rec.predict(other + 1, 1), `unknown user ${other + 1}`);
  expectError(() => rec.learn(me, 2.5, 4), "movieId must be a whole number from 0 to 4294967295, not 2.5");
  expectError(() => rec.recommend(me, -3, 10), "n must be a whole number");
  assert.strictEqual(cat.hasMovie(1), true);
  for (const id of [-1, 1.5, 999999, NaN]) assert.strictEqual(cat.hasMovie(id), false, `hasMovie(${id})`);
  assert.throws(() => wl.Recommender(cat, "bias"), TypeError);  // without new
  assert.ok(sameBytes(rec.save(), saved));

  // 3. No leaks: thousands of failing calls; the heap must not grow at all.
  const rounds = 250;
  const { before, after, failed } = leakCheck(wl, calls, rounds);
  const expected = calls.reduce((n, c) => n + (c[3] === "slow" ? Math.floor(rounds / 50) : rounds), 0);
  assert.strictEqual(failed, expected, "every call in the loop should have failed");
  console.log(`api-leak-test: ${failed} failing calls: heap in use ${before.heapInUse} -> ${after.heapInUse} bytes, ` +
    `wasm memory ${before.memory} -> ${after.memory} bytes, embind handles ${before.handles} -> ${after.handles}`);
  assert.ok(after.heapInUse - before.heapInUse <= 1024, `the wasm heap grew by ${after.heapInUse - before.heapInUse} bytes`);
  assert.strictEqual(after.memory, before.memory, "the wasm memory grew");
  assert.strictEqual(after.handles, before.handles, "embind value handles leaked");
  assert.ok(sameBytes(rec.save(), saved));

  // 4. Nor do succeeding calls: thousands of searches and lists.
  const ok = succeedingCalls(cat, rec, me);
  for (const fn of ok) fn();  // warm-up
  const start = measure(wl);
  const okRounds = 400;
  for (let round = 0; round < okRounds; ++round) for (const fn of ok) fn();
  const end = measure(wl);
  console.log(`api-leak-test: ${okRounds * ok.length} succeeding calls: heap in use ${start.heapInUse} -> ${end.heapInUse} ` +
    `bytes, wasm memory ${start.memory} -> ${end.memory} bytes, embind handles ${start.handles} -> ${end.handles}`);
  assert.ok(end.heapInUse - start.heapInUse <= 1024, `the wasm heap grew by ${end.heapInUse - start.heapInUse} bytes`);
  assert.strictEqual(end.memory, start.memory, "the wasm memory grew");
  assert.strictEqual(end.handles, start.handles, "embind value handles leaked");

  for (const x of [rec, cat]) x.delete();
  console.log("api-leak-test: passed");
}

module.exports = { failingCalls, succeedingCalls, leakCheck, measure };
if (require.main === module)
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
