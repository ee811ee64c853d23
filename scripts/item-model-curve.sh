#!/usr/bin/env bash
# The shipped item model's curve: P@10 per shipped megabyte, for EASE sparsified to the k largest |w| per movie (or
# k x movies over the whole matrix) at float32, 16-bit and 8-bit weights. For each data set (ml-100k, ml-latest-small):
#   - P@10 on VALIDATION data (`weightless-eval --protocol ranking --validation`, seeds 1..3: each run's training
#     part split again 80/20 per user; the test parts are never read), so the choice made from it is honest;
#   - the shipped size: `weightless-items fit` of the same spec on every rating, gzip -9 (the site serves it gzipped).
# JSON lines in docs/tuning/item-model-curve.json; the table (scripts/lib/item-model-curve-report.js) goes to
# docs/ITEM_MODEL_CURVE.md. Usage: scripts/item-model-curve.sh [--report-only]   (WL_SKIP_BUILD=1: use build/ as is)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out=docs/tuning/item-model-curve.json
if [ "${1:-}" != --report-only ]; then
  if [ -z "${WL_SKIP_BUILD:-}" ]; then scripts/setup.sh; scripts/build.sh --native >&2; fi  # set: use build/ as it is
  latest="${WL_ML_LATEST:-$root/../shared/data/ml-latest-small}"
  ml100k="${WL_ML100K:-$root/../shared/data/ml-100k}"
  [ -f "$latest/ratings.csv" ] || latest="$root/assets/ml-latest-small.wlds"
  # k per movie at float32 and 8 bits (16 bits once: it scores as float32 and gzips larger than 8 bits); k x movies
  # over the whole matrix (spread=global) at 8 bits; dense; and the positive-only rule earlier versions shipped.
  specs=()
  for k in 32 64 128 200 300 500 1000; do specs+=("ease:k=$k bits=32" "ease:k=$k bits=8"); done
  specs+=("ease:k=200 bits=16")
  for k in 32 64 128 200 300 500; do specs+=("ease:k=$k bits=8 spread=global"); done
  specs+=("ease:k=100000 bits=32" "ease:k=100000 bits=8" "ease:k=64 keep=positive" "ease:k=200 keep=positive")
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  : > "$tmp/lines"
  for data in "$ml100k" "$latest"; do
    if [ ! -e "$data" ]; then echo "item-model-curve: $data absent, skipped" >&2; continue; fi
    echo "item-model-curve: $data" >&2
    build/weightless-eval --dataset "$data" --protocol ranking --validation --seeds 3 --k 10 --json \
      --models "$(IFS=,; echo "${specs[*]}")" > "$tmp/eval.json"
    for spec in "${specs[@]}"; do
      build/weightless-items fit "$spec" --dataset "$data" -o "$tmp/m.wlim" > /dev/null
      node -e '
        const fs = require("fs");
        const [evalFile, spec, wlim] = process.argv.slice(1);
        const j = JSON.parse(fs.readFileSync(evalFile, "utf8"));
        if (!j.protocol_params.validation) throw new Error("the curve is chosen on validation data");
        const m = j.models.find((x) => x.name === spec);
        const p = m.per_run.map((r) => r.precision), lp = m.per_run.map((r) => r.liked_precision);
        const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
        const raw = fs.readFileSync(wlim);
        const gz = require("zlib").gzipSync(raw, { level: 9 }).length;
        console.log(JSON.stringify({ dataset: j.dataset, spec, seeds: j.seeds, precision: mean(p), per_seed: p,
          liked_precision: mean(lp), bytes: raw.length, gzip_bytes: gz }));
      ' "$tmp/eval.json" "$spec" "$tmp/m.wlim" | tee -a "$tmp/lines" >&2
    done
  done
  mkdir -p docs/tuning
  mv "$tmp/lines" "$out"
fi
node scripts/lib/item-model-curve-report.js "$out" > docs/ITEM_MODEL_CURVE.md
echo "wrote docs/ITEM_MODEL_CURVE.md" >&2
