// Checks that web/weightless-api.d.ts declares exactly what the bindings provide (node): each class's methods and
// class functions as embind registered them, the module's functions as weightless_api.cpp registers them, and the
// fields of the entries that search and recommend return. A binding added without its declaration (or a
// declaration left after its binding went) fails here. The d.ts is read with TypeScript's own parser.
// Run: node web/api-dts-test.js API.js CATALOGUE.wlds TYPESCRIPT_DIR   (run by scripts/api-test.sh)
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");

// interface name -> member names declared in its own body (methods, properties, not construct signatures).
function declaredMembers(ts, file) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out = new Map();
  for (const st of source.statements)
    if (ts.isInterfaceDeclaration(st))
      out.set(st.name.text, st.members.filter(m => m.name).map(m => m.name.text).filter(n => n !== "prototype").sort());
  return out;
}

// What weightless_api.cpp registers at module level: functions and class names.
function registeredInSource() {
  const cpp = fs.readFileSync(path.join(root, "src", "bindings", "js", "weightless_api.cpp"), "utf8");
  const block = cpp.slice(cpp.indexOf("EMSCRIPTEN_BINDINGS"));
  const names = [...block.matchAll(/emscripten::(?:function|class_<\w+>)\("(\w+)"/g)].map(m => m[1]);
  return names.filter(n => n !== "_wlTakeError").sort();  // taken and removed by web/api-post.js
}

const ownFunctions = obj => Object.getOwnPropertyNames(obj).filter(k => k !== "constructor" && typeof obj[k] === "function").sort();
const sameNames = (actual, declared, what) => assert.deepStrictEqual(actual, declared, `${what}: bindings ${actual} vs d.ts ${declared}`);

async function main() {
  const [apiJs, catalogueFile, tsDir] = process.argv.slice(2).map(a => path.resolve(a));
  const ts = require(path.join(tsDir, "typescript"));
  const d = declaredMembers(ts, path.join(root, "web", "weightless-api.d.ts"));
  const createWeightless = require(apiJs);
  const wl = await createWeightless({ wasmBinary: fs.readFileSync(apiJs.replace(/\.js$/, ".wasm")) });

  sameNames(registeredInSource(), d.get("Weightless"), "module functions and classes");
  for (const name of d.get("Weightless")) assert.strictEqual(typeof wl[name], "function", `wl.${name}`);
  for (const cls of ["Catalogue", "Recommender"]) {
    sameNames(ownFunctions(wl[cls].prototype), d.get(cls), `${cls} methods`);
    sameNames(ownFunctions(wl[cls]), d.get(`${cls}Class`), `${cls} class functions`);
  }

  // The entries' fields, from real calls.
  const cat = wl.Catalogue.fromBytes(new Uint8Array(fs.readFileSync(catalogueFile)));
  const rec = new wl.Recommender(cat, "wnn-best");
  for (const m of d.get("WasmObject")) assert.strictEqual(typeof cat[m], "function", `Catalogue.${m}`);
  const me = rec.newUser();
  rec.learn(me, 4973, 5);
  rec.learn(me, 318, 4);
  const keys = o => Object.keys(o).sort();
  const movie = d.get("MovieEntry");
  const [found] = cat.search("amelie", 1);
  sameNames(keys(found), movie, "search entry");
  const top = rec.recommend(me, 10, 10);
  assert.ok(top.length === 10 && top.some(r => r.why.length > 0), "recommendations with reasons");
  for (const r of top) {
    sameNames(keys(r), [...movie, ...d.get("RecommendEntry")].sort(), "recommend entry");
    for (const w of r.why) sameNames(keys(w), d.get("Reason"), "reason");
  }
  // The values as declared: year a whole number or null (ml-latest-small has titles without one), genres labels
  // with MovieLens' "(no genres listed)" as [].
  const all = cat.search("", cat.numItems());
  assert.strictEqual(all.length, cat.numItems());
  for (const m of all) {
    assert.ok(m.year === null || Number.isInteger(m.year), `year ${m.year} of ${m.title}`);
    assert.ok(Array.isArray(m.genres) && m.genres.every(g => typeof g === "string" && g !== "(no genres listed)"), m.title);
  }
  assert.ok(all.some(m => m.year === null) && all.some(m => m.genres.length === 0), "unknown years and genre-less movies");
  // readHistory's preview and rows (a rated, an unrated, an ambiguous and an unmatched row).
  const preview = cat.readHistory(new TextEncoder().encode("Date,Name,Year,Letterboxd URI,Rating\n2020-01-03,The Matrix,1999,u,4.5\n" +
    "2020-01-04,Emma,1996,u,3\n2020-01-05,No Such Film,2031,u,\n"));
  sameNames(keys(preview), d.get("HistoryPreview"), "readHistory preview");
  assert.deepStrictEqual(preview.rows.map(r => r.match), ["exact", "ambiguous", "unmatched"]);
  for (const r of preview.rows) sameNames(keys(r), d.get("HistoryRow"), "readHistory row");
  assert.deepStrictEqual(preview.rows.map(r => r.kind), ["rating", "rating", "seen"]);
  rec.delete();
  cat.delete();
  console.log(`api-dts-test: weightless-api.d.ts declares every binding (${[...d.values()].flat().length} names) and entry field`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
