#!/usr/bin/env bash
# Regenerates docs/RESULTS.md from scratch: runs weightless-eval (--json) for every protocol the report shows,
# keeps the raw JSON under docs/results/, and renders the Markdown with scripts/lib/results-report.js.
# No number in docs/RESULTS.md is typed by hand: rerun this script after any change to the core.
# Usage: scripts/results.sh [RUN...]   (default: every run; named runs, e.g. latest-stream-rank, are rerun alone
# and the report is rendered from them and the JSON the others left, for a change that only they can see)
#        scripts/results.sh --report-only   (runs nothing: renders the docs from the JSON in docs/results/, for a
# change to the report's rendering alone). WL_SKIP_BUILD=1 uses build/ as it is.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out=docs/results

render() {
  node scripts/lib/results-report.js "$out" > docs/RESULTS.md
  node scripts/lib/results-report.js "$out" --ranking > docs/RANKING.md
  # The README's results block is the same numbers, short: replaced between its markers.
  node scripts/lib/results-report.js "$out" --summary > "$out/summary.md"
  node -e '
    const fs = require("fs");
    const [readme, block] = [fs.readFileSync("README.md", "utf8"), fs.readFileSync(process.argv[1], "utf8")];
    const re = /(<!-- results:begin -->\n)[\s\S]*?(<!-- results:end -->)/;
    if (!re.test(readme)) throw new Error("README.md lacks the results markers");
    fs.writeFileSync("README.md", readme.replace(re, (_, a, b) => a + block + b));
  ' "$out/summary.md"
  rm -f "$out/summary.md"
  echo "wrote docs/RESULTS.md, docs/RANKING.md and the README results block" >&2
}
if [ "${1:-}" = --report-only ]; then render; exit 0; fi

if [ -z "${WL_SKIP_BUILD:-}" ]; then scripts/setup.sh; scripts/build.sh --native >&2; fi  # set: use build/ as it is
ev=build/weightless-eval
mkdir -p "$out"
only=("$@")
[ ${#only[@]} -eq 0 ] && rm -f "$out"/*.json
latest="${WL_ML_LATEST:-$root/../shared/data/ml-latest-small}"
ml100k="${WL_ML100K:-$root/../shared/data/ml-100k}"
[ -f "$latest/ratings.csv" ] || latest=embedded   # the embedded asset is the same data, losslessly packed

run() {  # name args...
  local name=$1; shift
  if [ ${#only[@]} -gt 0 ] && ! printf '%s\n' "${only[@]}" | grep -qx "$name"; then return 0; fi
  echo "results: $name" >&2
  "$ev" "$@" --json > "$out/$name.json"
}

# The default models (weightless-eval --list-models) plus the systems the paper compares against (and the classic anchors).
defaults="$("$ev" --list-models default)"
central="wnn-hybrid,mf,knn-baseline,mlp,mlp:target=regression,ncf"
run latest-split --dataset "$latest" --protocol split --seeds 5 --models "$defaults,$central"
# Stream replays every rating through learn(): the per-user MLP would retrain from scratch on each one (hours for
# the heaviest users) and NCF refits per group for minutes, so they are left out here; the CLI runs them if asked.
run latest-stream --dataset "$latest" --protocol stream --seeds 3 --models "$defaults,wnn-hybrid,mf,knn-baseline"
# `ease` is EASE as published (dense, negative weights kept); the shipped list's spec and the positive-only EASE of
# earlier reports stand beside it under their own names; the blend with iALS (not shipped: measured beside).
rankers="ease,$(cat scripts/lib/shipped-item-model.txt),ease:k=200 keep=positive,knn-implicit,ials,wnn-rank,wnn-blend,wnn-blend:w_factors=0.5"
run latest-ranking --dataset "$latest" --protocol ranking --seeds 3 --models "$defaults,popularity,mf,$rankers"
for users in 100 200 500; do
  for reviews in 20 50 200; do
    run "latest-paper-${users}x${reviews}" --dataset "$latest" --protocol paper --users "$users" --reviews "$reviews" --seeds 5 \
      --models "$defaults,$central"
  done
done
if [ -f "$ml100k/u1.base" ]; then
  run ml100k-folds --dataset "$ml100k" --protocol folds --models "$defaults,$central"
  run ml100k-ranking --dataset "$ml100k" --protocol ranking --seeds 3 --models "$defaults,popularity,mf,knn-baseline,$rankers"
else
  echo "results: ml-100k absent at $ml100k: its section will say so" >&2
fi
# Ranking as ratings arrive: the next movie ranked among every unrated one before each of a user's first 100 ratings.
streamrank="popularity,ease,wnn-rank,wnn-blend"
run latest-stream-rank --dataset "$latest" --protocol stream --stream-rank 100 --seeds 1 --models "$streamrank"
if [ -f "$ml100k/u1.base" ]; then
  run ml100k-stream-rank --dataset "$ml100k" --protocol stream --stream-rank 100 --seeds 1 --models "$streamrank"
fi
# Films without community ratings (issue 17): the cold-item protocol (10 % of the rated films lose every training
# rating; 10 seeds, as the cold lists are short and noisy), and the encoder's "no community data" input (encoder.unrated)
# compared on validation splits only.
coldmodels="random,newest,genre-fav,popularity,bias,wnn-paper,wnn-best,wnn-hybrid,mlp:target=regression,ease,wnn-rank,wnn-blend"
run latest-cold --dataset "$latest" --protocol cold --cold-percent 10 --seeds 10 --models "$coldmodels"
unrated="wnn-best,wnn-best:encoder.unrated=popularity,wnn-best:encoder.unrated=apart,wnn-hybrid,wnn-hybrid:wnn.encoder.unrated=apart"
run latest-cold-validation --dataset "$latest" --protocol cold --validation --seeds 5 --models "$unrated"
run latest-unrated-validation --dataset "$latest" --protocol split --validation --seeds 3 --models "$unrated"
# The paper's own data, Kaggle "The Movies Dataset" (the partial files of ../shared/data), both joins.
# (as a partial run: name it "kaggle")
if [ ${#only[@]} -eq 0 ] || printf '%s\n' "${only[@]}" | grep -qx kaggle; then
  . scripts/lib/results-kaggle.sh
fi
render
