// Helper of scripts/results-compare.sh: node results-compare.js BASE_DIR CURRENT_DIR. Every numeric metric of
// every model both runs have (times and memory excepted: they are measurements of the machine, not results).
"use strict";
const fs = require("fs");
const path = require("path");
const [baseDir, curDir] = process.argv.slice(2);
const machine = /(_s|memory_bytes)(_std)?$/;  // wall times and memory (and their spread): measured, expected to move
let same = 0, differ = 0;
for (const f of fs.readdirSync(baseDir).filter(f => f.endsWith(".json")).sort()) {
  const cur = path.join(curDir, f);
  if (!fs.existsSync(cur)) continue;
  const a = JSON.parse(fs.readFileSync(path.join(baseDir, f), "utf8")), b = JSON.parse(fs.readFileSync(cur, "utf8"));
  let s = 0;
  const diffs = [];
  for (const m of a.models || []) {
    const n = (b.models || []).find(x => x.name === m.name);
    if (!n) continue;
    for (const [k, v] of Object.entries(m)) {
      if (typeof v !== "number" || machine.test(k) || !(k in n)) continue;
      if (n[k] === v) s++;
      else diffs.push(`${m.name}.${k}: ${v} -> ${n[k]}`);
    }
  }
  same += s;
  differ += diffs.length;
  console.log(`${f}: ${s} identical, ${diffs.length} differ`);
  for (const d of diffs.slice(0, 10)) console.log("   " + d);
}
console.log(`all: ${same} identical, ${differ} differ`);
process.exit(differ ? 1 : 0);
