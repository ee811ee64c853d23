// Renders docs/ITEM_MODEL_CURVE.md from the JSON lines scripts/item-model-curve.sh writes: per data set, every
// (k, precision) point's validation P@10, its loss against dense float32 EASE and its gzipped size.
"use strict";
const fs = require("fs");
const lines = fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const shipped = fs.readFileSync(require("path").join(__dirname, "shipped-item-model.txt"), "utf8").trim();
const name = (d) => (/100k/.test(d) ? "ml-100k" : /latest-small/.test(d) ? "ml-latest-small" : d);
const params = (spec) => Object.fromEntries(spec.replace(/^ease:?/, "").split(/\s+/).filter(Boolean).map((p) => p.split("=")));
const kb = (b) => (b / 1024).toLocaleString("en-US", { maximumFractionDigits: 0 });

let md = "# The shipped item model: P@10 per shipped megabyte\n\n";
md += "Written by `scripts/item-model-curve.sh` (JSON lines in docs/tuning/item-model-curve.json); do not edit by hand.\n\n";
md += "EASE (λ=500, movies with ≥ 10 training users) sparsified to the k largest |w| per movie, its weights stored at ";
md += "float32, or as 16- or 8-bit levels times a per-row scale (`bits`; the .wlim format version 2). **P@10** is on ";
md += "validation data only (`weightless-eval --protocol ranking --validation`, seeds 1..3: each ranking run's ";
md += "training part split again 80/20 per user, the test parts never read), so it is lower than the test figures of ";
md += "docs/RANKING.md; **vs dense** is its change relative to dense float32 EASE on the same runs. **gzip** is the ";
md += "`.wlim` that `weightless-items fit` writes from every rating of the data set, gzip -9, as the site serves it ";
md += "(ml-latest-small's is the one the app ships). **global** (`spread=global`) keeps k × movies weights over the ";
md += "whole matrix, the largest |w| wherever they are, instead of k per movie: a movie whose row matters keeps more. ";
md += "`keep=positive` is the rule earlier versions shipped (the k largest positive weights only; the app had k=64).\n\n";
md += `The app ships \`${shipped}\` (scripts/lib/shipped-item-model.txt).\n`;

for (const ds of [...new Set(lines.map((l) => l.dataset))]) {
  const rows = lines.filter((l) => l.dataset === ds);
  const dense = rows.find((l) => params(l.spec).k === "100000" && params(l.spec).bits === "32");
  md += `\n## ${name(ds)}\n\n`;
  md += "| k | bits | P@10 | vs dense | liked P@10 | .wlim | gzip | P@10 per gzip MB |\n|---|---|---|---|---|---|---|---|\n";
  for (const r of rows) {
    const p = params(r.spec);
    const k = p.k === "100000" ? "dense" : p.k;
    const rule = p.keep === "positive" ? " (positive only)" : p.spread === "global" ? " × movies, global" : "";
    const rel = dense ? `${(((r.precision - dense.precision) / dense.precision) * 100).toFixed(1)} %` : "";
    md += `| ${k}${rule} | ${p.bits || "32"} | ${r.precision.toFixed(4)} | ${rel} | ${r.liked_precision.toFixed(4)} | ` +
      `${kb(r.bytes)} KB | ${kb(r.gzip_bytes)} KB | ${(r.precision / (r.gzip_bytes / 1048576)).toFixed(3)} |\n`;
  }
}
process.stdout.write(md);
