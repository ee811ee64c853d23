// The JavaScript API loads the saved recommenders of tests/fixtures/legacy-2018 (Recommender.save() of the
// ml-latest-small release, format version 1) on the catalogue they were saved on and on the app's MovieLens 2023
// catalogue, and every rating their manifest lists is there with its stars (a version-1 file does not name its
// catalogue, so it is rebuilt from its ratings; merged ids resolve to their new movies). The expectations come from
// manifest.txt only.
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
  const wlim = new Uint8Array(fs.readFileSync(path.join(assets, "ml-latest-small.items.wlim")));
  const fixtures = jsFixtures();
  assert.ok(fixtures.length >= 2, "manifest.txt lists the JavaScript API's saved recommenders");
  for (const catalogueFile of ["ml-latest-small.wlds", "ml-latest-2023.wlds"]) {
    const wlds = new Uint8Array(fs.readFileSync(path.join(assets, catalogueFile)));
    for (const { file, spec, itemModel, users } of fixtures) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));
      const catalogue = itemModel ? wl.Catalogue.withItemModel(wlds, wlim) : wl.Catalogue.fromBytes(wlds);
      const rec = new wl.Recommender(catalogue, spec);
      rec.load(bytes);
      const saved = rec.save();
      let n = 0, aside = 0;
      for (const [user, ratings] of users) {
        const kept = new Map(rec.aside(user).map(a => [a.movieId, a.stars]));
        for (const [id, halfStars] of ratings) {
          if (!catalogue.hasMovie(id)) {  // a movie this catalogue lacks: kept aside with its stars
            assert.strictEqual(kept.get(id), halfStars / 2, `${catalogueFile} ${file}: user ${user} lost movie ${id}`);
            ++aside;
            continue;
          }
          // Rated by that user: learning it again is refused.
          assert.throws(() => rec.learn(user, id, 3), /already rated/, `${catalogueFile} ${file}: user ${user} lost movie ${id}`);
          assert.ok(Number.isFinite(rec.predict(user, id)), `${catalogueFile} ${file}: user ${user} movie ${id} predicts`);
        }
        const top = rec.recommend(user, 5, 10);
        assert.strictEqual(top.length, 5, `${catalogueFile} ${file}: user ${user} gets a list`);
        // Their stars are the manifest's: forgetting every listed rating and learning the manifest's stars back gives
        // the loaded state's bytes again (forgetting is exact).
        for (const [id] of ratings.slice().reverse()) if (catalogue.hasMovie(id)) rec.forget(user, id);
        for (const [id, halfStars] of ratings) if (catalogue.hasMovie(id)) rec.learn(user, id, halfStars / 2);
        n += ratings.length;
      }
      assert.ok(sameBytes(rec.save(), saved), `${catalogueFile} ${file}: the manifest's stars give the loaded state`);
      // Saved again (version 2, naming this catalogue), it loads with its model and the same bytes.
      const again = new wl.Recommender(catalogue, spec);
      again.load(saved);
      assert.ok(sameBytes(again.save(), saved), `${catalogueFile} ${file}: saves back to its own bytes`);
      console.log(`api-legacy-fixtures-test: ${catalogueFile} ${file} (${spec}): ${users.size} users, ${n} ratings as listed (${aside} set aside)`);
      again.delete();
      rec.delete();
      catalogue.delete();
    }
  }
}

main().catch(e => {
  console.error(`api-legacy-fixtures-test: ${e.stack || e}`);
  process.exit(1);
});
