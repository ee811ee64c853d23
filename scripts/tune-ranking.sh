#!/usr/bin/env bash
# Chooses the ranking models' defaults on VALIDATION data only, with `weightless-eval --protocol ranking
# --validation` (the one evaluation loop): on ml-100k and ml-latest-small, each ranking run's training part (seeds
# 1..3) is split again per user 80/20 and the top-10 lists scored on the 20; the runs' test parts are never read.
# Two grids, each kept as JSON lines (one per dataset, seed and spec) in docs/tuning/tuning-ranking-<grid>.json:
#   ials   iALS factors, confidence alpha and regularisation;
#   blend  the app list's weights: the weightless ranker's (w_rank), the predicted stars' (w_stars) and iALS's
#          (w_factors) beside EASE, and EDLAE's emphasis (ease.dropout).
# The report (scripts/lib/tune-ranking-report.js) goes to docs/tuning/tuning-ranking.md and between its markers in
# docs/TUNING.md. Usage: scripts/tune-ranking.sh [GRID...]   (default: both; a grid not named keeps its last lines;
# --report-only runs none and renders the report from the kept lines; WL_SKIP_BUILD=1 uses build/ as it is)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ -z "${WL_SKIP_BUILD:-}" ]; then scripts/setup.sh; scripts/build.sh --native >&2; fi  # set: use build/ as it is
eval_tool=build/weightless-eval
latest="${WL_ML_LATEST:-$root/../shared/data/ml-latest-small}"
ml100k="${WL_ML100K:-$root/../shared/data/ml-100k}"
[ -f "$latest/ratings.csv" ] || latest="$root/assets/ml-latest-small.wlds"
grids=("$@")
[ ${#grids[@]} -eq 0 ] && grids=(ials blend)
[ "${grids[0]}" = --report-only ] && grids=()

specs_of() {
  case "$1" in
    # A first look on ml-100k (seed 1) showed the score rising with alpha and reg together and f = 128 no better
    # than 32 at four times the fit time: the grid is centred there. Every spec is written out in full, so the runs
    # do not depend on the compiled defaults; the report marks the row the plain spec stands for.
    ials)
      local base="factors=32 iterations=10"
      for a in 10 30 100; do for r in 30 100 300; do echo "ials:$base alpha=$a reg=$r"; done; done
      echo "ials:factors=64 iterations=10 alpha=30 reg=100"
      echo "ials:factors=32 iterations=20 alpha=30 reg=100"
      echo "popularity" ;;
    # w_rank = 0 is EASE alone (same public list: the shipped spec, EASE with its negative weights); w_stars = 0
    # leaves the rating network out of the order; w_factors adds iALS (a low-rank model beside EASE); ease.dropout
    # makes the EASE part EDLAE. The dense EASE as published runs beside them for reference.
    blend)
      for wr in 0 0.25 0.5 1; do for ws in 0 0.25 0.5; do echo "wnn-blend:w_rank=$wr w_stars=$ws"; done; done
      for wf in 0.25 0.5; do
        echo "wnn-blend:w_rank=0 w_stars=0 w_factors=$wf"
        echo "wnn-blend:w_rank=0.25 w_stars=0.25 w_factors=$wf"
      done
      echo "wnn-blend:w_rank=0.25 w_stars=0.25 ease.dropout=0.25"
      echo "ease"
      echo "popularity" ;;
    *) echo "tune-ranking: unknown grid '$1' (ials, blend)" >&2; exit 2 ;;
  esac
}

for grid in ${grids[@]+"${grids[@]}"}; do
  mapfile -t specs < <(specs_of "$grid")
  out="docs/tuning/tuning-ranking-$grid.json"
  tmp="$(mktemp)"
  for data in "$ml100k" "$latest"; do
    if [ ! -e "$data" ]; then echo "tune-ranking: $data absent, skipped" >&2; continue; fi
    echo "tune-ranking: $grid on $data" >&2
    "$eval_tool" --dataset "$data" --protocol ranking --validation --seeds 3 --k 10 --json \
      --models "$(IFS=,; echo "${specs[*]}")" > "$tmp.eval.json"
    # One line per (seed, spec): what the report reads.
    node -e '
      const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      if (!j.protocol_params.validation) throw new Error("tuning must run on validation data");
      for (const m of j.models) j.seeds.forEach((seed, i) => { const r = m.per_run[i];
        console.log(JSON.stringify({ dataset: j.dataset, seed, spec: m.name, config: m.config, k: m.k, users: r.users,
          precision: r.precision, ndcg: r.ndcg, liked_precision: r.liked_precision, liked_ndcg: r.liked_ndcg, fit_s: r.train_s })); });
    ' "$tmp.eval.json" | tee -a "$tmp" >&2
  done
  mv "$tmp" "$out"
  rm -f "$tmp.eval.json"
done
node scripts/lib/tune-ranking-report.js docs/tuning/tuning-ranking-ials.json "$("$eval_tool" --config ials)" \
  docs/tuning/tuning-ranking-blend.json "$("$eval_tool" --config wnn-blend)" > docs/tuning/tuning-ranking.md
node -e '
  const fs = require("fs");
  const [doc, block] = [fs.readFileSync("docs/TUNING.md", "utf8"), fs.readFileSync(process.argv[1], "utf8")];
  const re = /(<!-- ranking-tuning:begin -->\n)[\s\S]*?(<!-- ranking-tuning:end -->)/;
  const section = "<!-- ranking-tuning:begin -->\n" + block + "<!-- ranking-tuning:end -->";
  fs.writeFileSync("docs/TUNING.md", re.test(doc) ? doc.replace(re, section) : doc.trimEnd() + "\n\n" + section + "\n");
' docs/tuning/tuning-ranking.md
echo "wrote docs/tuning/tuning-ranking.md and its section of docs/TUNING.md" >&2
grep -A3 '^### Verdict' docs/tuning/tuning-ranking.md >&2
