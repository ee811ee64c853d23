// What a small saved file can cost through the JavaScript API (node): Recommender.load() of a crafted file of a
// few KB that declares dense WNN tables (tens of MB a user) for hundreds of stored users must load with the wasm
// memory bounded by the ratings it holds (or be refused), never grow the tab's memory by gigabytes (wasm memory
// never shrinks). The file is made with the API itself (a hashed network saved, its config switched to dense: the
// table checksum does not depend on the storage, so the file is well formed).
// Run: node web/api-load-limits-test.js [dist/weightless-api.js] [catalogue.wlds]   (run by scripts/api-test.sh)
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");

// The project's containers (util/bytes.hpp): magic | version u32 | length u64 | payload | crc32(payload) u32.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function unwrap(file) {
  const b = Buffer.from(file);
  const len = Number(b.readBigUInt64LE(8));
  return { magic: b.subarray(0, 4), version: b.readUInt32LE(4), payload: b.subarray(16, 16 + len) };
}
function wrap(magic, version, payload) {
  const head = Buffer.alloc(16);
  magic.copy(head, 0);
  head.writeUInt32LE(version, 4);
  head.writeBigUInt64LE(BigInt(payload.length), 8);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(crc32(payload), 0);
  return Buffer.concat([head, payload, tail]);
}
function readVarint(b, at) {
  let v = 0, shift = 0, byte;
  do { byte = b[at++]; v += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [v, at];
}
function varint(v) {
  const out = [];
  do { let byte = v % 128; v = Math.floor(v / 128); if (v > 0) byte |= 0x80; out.push(byte); } while (v > 0);
  return Buffer.from(out);
}
function readStr(b, at) {
  const [n, p] = readVarint(b, at);
  return [b.subarray(p, p + n).toString("latin1"), p + n];
}
const str = s => Buffer.concat([varint(s.length), Buffer.from(s, "latin1")]);

// A saved recommender (WLJS v2 { spec, catalogue name, movie count, WLMD model, users... }) with `from` replaced by
// `to` in its spec and in the WNN's saved config text.
function switchConfig(saved, from, to) {
  const js = unwrap(saved);
  assert.strictEqual(js.version, 2, "a version-2 file (it names its catalogue)");
  let [spec, at0] = readStr(js.payload, 0);
  const [, at1] = readStr(js.payload, at0);  // the catalogue's name
  const [, at] = readVarint(js.payload, at1);  // its movie count
  const catalogue = js.payload.subarray(at0, at);
  const [mlen, mat] = readVarint(js.payload, at);
  const model = js.payload.subarray(mat, mat + mlen), rest = js.payload.subarray(mat + mlen);
  const md = unwrap(model);
  let [kind, k] = readStr(md.payload, 0);
  let [config, c] = readStr(md.payload, k);
  assert.ok(spec.includes(from) && config.includes(from), `${from} not in "${spec}" / "${config}"`);
  const newModel = wrap(md.magic, md.version, Buffer.concat([str(kind), str(config.replace(from, to)), md.payload.subarray(c)]));
  return wrap(js.magic, js.version, Buffer.concat([str(spec.replace(from, to)), catalogue, varint(newModel.length), newModel, rest]));
}

async function main() {
  const apiJs = path.resolve(process.argv[2] || path.join(root, "dist", "weightless-api.js"));
  const catalogueFile = process.argv[3] || path.join(root, "tests", "fuzz", "corpus", "fuzz_packed", "one-user.wlds");
  const createWeightless = require(apiJs);
  const wl = await createWeightless({ wasmBinary: fs.readFileSync(apiJs.replace(/\.js$/, ".wasm")) });
  const cat = wl.Catalogue.fromBytes(new Uint8Array(fs.readFileSync(catalogueFile)));
  // The widest tuple whose dense tables the config still allows (64 MB a user): the most a user can declare.
  let spec = null;
  for (let n = 24; n >= 12 && !spec; n--) {
    const s = `wnn-best:tuple_size=${n} ensemble=1 tables=dense`;
    try { new wl.Recommender(cat, s).delete(); spec = s; } catch (e) { /* over the limit: narrower */ }
  }
  assert.ok(spec, "no dense spec fits");
  const hashedSpec = spec.replace("tables=dense", "tables=hashed");
  const hashed = new wl.Recommender(cat, hashedSpec);
  const movie = 1;
  assert.ok(cat.hasMovie(movie));
  const users = [];
  for (let k = 0; k < 300; k++) {
    const u = hashed.newUser();
    hashed.learn(u, movie, 0.5 + (k % 10) / 2);
    users.push(u);
  }
  const crafted = switchConfig(hashed.save(), "tables=hashed", "tables=dense");
  assert.ok(crafted.length < 8000, `the crafted file is ${crafted.length} bytes, not a few KB`);

  const victim = new wl.Recommender(cat, spec);  // a recommender of the dense spec, as its owner made it
  const before = { memory: wl.HEAP8.length, inUse: wl.heapBytesInUse() };
  victim.load(new Uint8Array(crafted));
  const after = { memory: wl.HEAP8.length, inUse: wl.heapBytesInUse() };
  const grown = after.memory - before.memory;
  console.log(`crafted ${crafted.length}-byte file: ${spec}, ${users.length} stored users; wasm memory ${before.memory} -> ` +
    `${after.memory} bytes, heap in use ${before.inUse} -> ${after.inUse} bytes`);
  // Before the fix: each stored user got its dense table at load, 300 x tens of MB, and the load died with "out of
  // memory" after growing the heap to its 2 GB limit.
  assert.ok(grown <= 64 * 1024 * 1024, `the wasm memory grew by ${grown} bytes`);
  assert.ok(after.inUse - before.inUse <= 16 * 1024 * 1024, "heap in use grew by more than the ratings justify");
  for (const u of users.slice(0, 20)) assert.strictEqual(victim.predict(u, movie), hashed.predict(u, movie));
  // A declared user count far beyond the stored users (newUser() would hand out index 4294967294, and the next
  // learn make every model room for four billion users) is refused, and the recommender stays as it was.
  const js = unwrap(hashed.save());
  const [, at0] = readStr(js.payload, 0);
  const [, at1] = readStr(js.payload, at0);
  const [, at] = readVarint(js.payload, at1);
  const [mlen, mat] = readVarint(js.payload, at);
  const [, afterNext] = readVarint(js.payload, mat + mlen);
  const huge = wrap(js.magic, js.version, Buffer.concat([js.payload.subarray(0, mat + mlen), varint(4294967295),
    js.payload.subarray(afterNext)]));
  const same = Buffer.from(hashed.save());
  assert.throws(() => hashed.load(new Uint8Array(huge)), /far beyond the stored users/);
  assert.ok(Buffer.compare(Buffer.from(hashed.save()), same) === 0, "a refused load changed the recommender");
  victim.delete();
  hashed.delete();
  cat.delete();
  console.log("api-load-limits: a crafted dense-table file loads with bounded memory");
}

main().catch(e => {
  console.error(e && e.stack || e);
  process.exit(1);
});
