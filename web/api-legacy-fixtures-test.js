// The JavaScript API loads the saved recommenders of tests/fixtures/legacy-2018 (Recommender.save() of the
// ml-latest-small release) and every rating their manifest lists is there with its stars. The expectations come
// from manifest.txt only, so after the catalogue change this test keeps the manifest and checks the migration.
// Run: node web/api-legacy-fixtures-test.js [dist/weightless-api.js] [assets/]   (run by scripts/api-test.sh)
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const apiJs = path.resolve(process.argv[2] || path.join(root, "dist", "weightless-api.js"));
const assets = path.resolve(process.argv[3] || path.join(root, "assets"));
const dir = path.join(root, "tests", "fixtures", "legacy-2018");

// The JS fixtures of manifest.txt: [{file, spec, itemModel, users: Map(user -> [[movieId, halfStars]])}].
function jsFixtures() {
  const out = [];
  let fx = null, user = null;
  for (const line of fs.readFileSync(path.join(dir, "manifest.txt"), "utf8").split("\n")) {
    const [kind, ...rest] = line.split(" ");
    if (kind === "fixture") fx = { file: rest.join(" "), spec: "", itemModel: false, users: new Map() };
    else if (kind === "spec") { fx.spec = rest.join(" "); out.push(fx); }
    else if (kind === "item_model") fx.itemModel = rest[0] === "1";
    else if (kind === "user") { user = Number(rest[0]); fx.users.set(user, []); }
    else if (kind === "rating" && fx && fx.spec) fx.users.get(user).push([Number(rest[0]), Number(rest[1])]);
  }
  return out;
}

const sameBytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

async function main() {
  const createWeightless = require(apiJs);
  const wl = await createWeightless({ wasmBinary: fs.readFileSync(apiJs.replace(/\.js$/, ".wasm")) });
  const wlds = new Uint8Array(fs.readFileSync(path.join(assets, "ml-latest-small.wlds")));
  const wlim = new Uint8Array(fs.readFileSync(path.join(assets, "ml-latest-small.items.wlim")));
  const fixtures = jsFixtures();
  assert.ok(fixtures.length >= 2, "manifest.txt lists the JavaScript API's saved recommenders");
  for (const { file, spec, itemModel, users } of fixtures) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));
    const catalogue = itemModel ? wl.Catalogue.withItemModel(wlds, wlim) : wl.Catalogue.fromBytes(wlds);
    const rec = new wl.Recommender(catalogue, spec);
    rec.load(bytes);
    assert.ok(sameBytes(rec.save(), bytes), `${file}: saves back to its own bytes`);
    let n = 0;
    for (const [user, ratings] of users) {
      // Each listed movie is rated by that user: learning it again is refused.
      for (const [id] of ratings) {
        assert.throws(() => rec.learn(user, id, 3), /already rated/, `${file}: user ${user} lost movie ${id}`);
        assert.ok(Number.isFinite(rec.predict(user, id)), `${file}: user ${user} movie ${id} predicts`);
      }
      const top = rec.recommend(user, 5, 10);
      assert.strictEqual(top.length, 5, `${file}: user ${user} gets a list`);
      for (const r of top) assert.ok(!ratings.some(([id]) => id === r.movieId), `${file}: a rated movie is recommended`);
      // Their stars are the manifest's: forgetting every listed rating and learning the manifest's stars back (in
      // its order, the order they were learned in) gives the file's bytes again (forgetting is exact).
      for (const [id] of ratings.slice().reverse()) rec.forget(user, id);
      for (const [id, halfStars] of ratings) rec.learn(user, id, halfStars / 2);
      n += ratings.length;
    }
    assert.ok(sameBytes(rec.save(), bytes), `${file}: the manifest's stars give the file's bytes`);
    console.log(`api-legacy-fixtures-test: ${file} (${spec}): ${users.size} users, ${n} ratings as listed`);
    rec.delete();
    catalogue.delete();
  }
}

main().catch(e => {
  console.error(`api-legacy-fixtures-test: ${e.stack || e}`);
  process.exit(1);
});
